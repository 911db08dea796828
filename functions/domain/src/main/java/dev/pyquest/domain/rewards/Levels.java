package dev.pyquest.domain.rewards;

/**
 * Level curve: reaching level {@code n} takes {@code 50 * (n-1)^2} XP (level 2 at 50 XP, 3 at 200,
 * 4 at 450, 10 at 4,050): each level costs a little more than the last.
 */
public final class Levels {
    private Levels() {}

    public static int level(long xp) {
        if (xp <= 0) return 1;
        int n = (int) Math.floor(Math.sqrt(xp / 50.0)) + 1;
        // Guard the floating-point edge either way.
        // xpFor saturates at Long.MAX_VALUE, a value 50·k² (always even) never takes: "unreachable".
        while (xpFor(n + 1) != Long.MAX_VALUE && xpFor(n + 1) <= xp) n++;
        while (n > 1 && xpFor(n) > xp) n--;
        return n;
    }

    /** XP needed for {@code level}; saturates at Long.MAX_VALUE instead of overflowing. */
    public static long xpFor(int level) {
        long k = level - 1L;
        try {
            return Math.multiplyExact(50L, Math.multiplyExact(k, k));
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }
}
