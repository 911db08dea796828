package dev.pyquest.domain.leaderboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranking rules of a board. Learners are ranked by XP, most first; ties share a rank and the next
 * rank skips ("1, 2, 2, 4"), so a learner's rank is always 1 + the number of learners with strictly
 * more XP, whether they are in the top list or not.
 */
public final class Standings {
    /** A learner on a board with their XP of the week. */
    public record Entry(String userId, long xp) {}

    /** A line of the top list. */
    public record Ranked(long rank, String userId, long xp) {}

    /** XP descending, then user id, so tied learners always come in the same order. */
    static final Comparator<Entry> ORDER = Comparator.comparingLong(Entry::xp).reversed().thenComparing(Entry::userId);

    private Standings() {}

    /**
     * The top {@code n} of a sharded board, from each shard's own top {@code n} (or fewer when a shard
     * has fewer learners). Every learner of the overall top n is in their shard's top n, so merging
     * loses nobody. Which of several learners tied at the cut-off make the list depends on what each
     * shard returned; their rank is right either way.
     */
    public static List<Ranked> top(List<List<Entry>> shardTops, int n) {
        if (n < 1) throw new IllegalArgumentException("n must be positive");
        List<Entry> all = new ArrayList<>();
        shardTops.forEach(all::addAll);
        all.sort(ORDER);
        List<Ranked> out = new ArrayList<>(Math.min(n, all.size()));
        for (int i = 0; i < all.size() && i < n; i++) {
            Entry e = all.get(i);
            long rank = i > 0 && out.get(i - 1).xp() == e.xp() ? out.get(i - 1).rank() : i + 1;
            out.add(new Ranked(rank, e.userId(), e.xp()));
        }
        return out;
    }

    /** The rank of a learner with XP on the board, from how many learners have strictly more. */
    public static long rank(long learnersAhead) {
        if (learnersAhead < 0) throw new IllegalArgumentException("a count cannot be negative");
        return learnersAhead + 1;
    }
}
