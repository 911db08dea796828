package dev.pyquest.domain.content;

public enum Difficulty { EASY, MEDIUM, HARD }
