package dev.pyquest.domain.leaderboard;

import dev.pyquest.domain.Hashing;

/**
 * Write sharding of a weekly board: a learner's XP for a week lives on shard
 * {@code H(userId) mod count}, with H the first 64 bits of SHA-256 of the UTF-8 user id read as an
 * unsigned number. SHA-256 because the result must never change between JVMs, languages or deploys
 * (a learner who moved shard mid-week would be counted twice) and must spread ids that differ in one
 * character evenly, which {@code String.hashCode} does not promise.
 *
 * <p>The count must stay the same for a whole week: change it only for weeks that have not started.
 */
public record Shards(int count) {
    public static final int MAX = 256;

    public Shards {
        if (count < 1 || count > MAX) throw new IllegalArgumentException("shard count must be 1.." + MAX + ", not " + count);
    }

    public int of(String userId) {
        if (userId == null || userId.isEmpty()) throw new IllegalArgumentException("a learner id is required");
        long h = Long.parseUnsignedLong(Hashing.sha256Hex(userId).substring(0, 16), 16);
        return (int) Long.remainderUnsigned(h, count);
    }
}
