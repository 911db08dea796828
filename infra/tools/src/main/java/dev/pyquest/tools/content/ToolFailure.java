package dev.pyquest.tools.content;

/**
 * The content tool could not do its job: no sandbox, a sandbox fault or an ERROR verdict, a
 * generator failure. Never counted as a pass, a failed check or a killed mutant.
 */
public class ToolFailure extends RuntimeException {
    public ToolFailure(String message) { super(message); }
    public ToolFailure(String message, Throwable cause) { super(message, cause); }
}
