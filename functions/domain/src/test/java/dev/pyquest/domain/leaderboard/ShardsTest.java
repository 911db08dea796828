package dev.pyquest.domain.leaderboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardsTest {
    /**
     * Pinned: a learner's shard must never move between deploys. The expected values come from an
     * independent implementation, Python's {@code int(hashlib.sha256(u.encode()).hexdigest()[:16], 16) % n}.
     */
    @ParameterizedTest(name = "{0}: shard {1} of 16, {2} of 3, {3} of 256")
    @CsvSource({
            "learner-1, 7, 1, 135",
            "learner-2, 13, 1, 93",
            "a, 10, 1, 202",
            "0b7c3f2e-5d1a-4c8e-9f3b-7a6d5e4c3b21, 11, 0, 91",
            "élève-ß, 8, 1, 216",
    })
    void theShardIsAStableFunctionOfTheUserId(String userId, int of16, int of3, int of256) {
        assertEquals(of16, new Shards(16).of(userId));
        assertEquals(of3, new Shards(3).of(userId));
        assertEquals(of256, new Shards(256).of(userId));
        assertEquals(0, new Shards(1).of(userId));
    }

    @Test
    void similarIdsSpreadEvenlyOverTheShards() {
        Shards s = new Shards(16);
        int[] load = new int[16];
        int n = 160_000;
        for (int i = 0; i < n; i++) load[s.of("learner-" + i)]++;
        for (int i = 0; i < 16; i++) {
            assertTrue(Math.abs(load[i] - n / 16) < n / 16 / 20, "shard " + i + " holds " + load[i] + " of " + n);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 257})
    void aShardCountOutsideOneTo256IsRefused(int count) {
        assertThrows(IllegalArgumentException.class, () -> new Shards(count));
    }

    @Test
    void aLearnerIdIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> new Shards(16).of(""));
        assertThrows(IllegalArgumentException.class, () -> new Shards(16).of(null));
    }
}
