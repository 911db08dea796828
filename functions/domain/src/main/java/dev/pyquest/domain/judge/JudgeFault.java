package dev.pyquest.domain.judge;

/** Our fault, not the learner's: the run produced nothing we can judge. Ends in ERROR, never a reward. */
public class JudgeFault extends RuntimeException {
    public JudgeFault(String message) { super(message); }
    public JudgeFault(String message, Throwable cause) { super(message, cause); }
}
