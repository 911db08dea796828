package dev.pyquest.shared.store;

/** The learner has had {@code allowance} submissions judged this local day (their plan's daily allowance). */
public final class DailyAllowanceExhausted extends RuntimeException {
    private final int allowance;

    public DailyAllowanceExhausted(int allowance) {
        super("the daily allowance of " + allowance + " submissions is used up");
        this.allowance = allowance;
    }

    public int allowance() { return allowance; }
}
