package dev.pyquest.domain.content;

import java.util.List;

public record Skill(String id, String title, List<String> requires) {}
