package dev.pyquest.domain.content;

/** Per-test limits of a sandbox run. */
public record Limits(int timeMs, int memoryMb, int outputBytes) {
    public static final Limits DEFAULT = new Limits(2000, 128, 64 * 1024);
}
