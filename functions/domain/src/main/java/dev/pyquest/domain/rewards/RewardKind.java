package dev.pyquest.domain.rewards;

public enum RewardKind { XP, DIAMONDS, BADGE, STREAK, QUEST }
