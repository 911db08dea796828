package dev.pyquest.domain.judge;

import java.util.List;

public record Verdict(int passed, int total, List<TestResult> tests) {
    public boolean allPassed() {
        return total > 0 && passed == total;
    }
}
