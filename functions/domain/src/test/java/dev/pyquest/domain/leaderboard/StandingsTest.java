package dev.pyquest.domain.leaderboard;

import dev.pyquest.domain.leaderboard.Standings.Entry;
import dev.pyquest.domain.leaderboard.Standings.Ranked;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StandingsTest {
    @Test
    void shardTopsMergeIntoOneListWhereTiesShareARank() {
        List<List<Entry>> shards = List.of(
                List.of(new Entry("c", 50), new Entry("a", 30), new Entry("f", 10)),
                List.of(new Entry("b", 50), new Entry("e", 30)),
                List.of(),
                List.of(new Entry("d", 40), new Entry("g", 30), new Entry("h", 5)));
        assertEquals(List.of(new Ranked(1, "b", 50), new Ranked(1, "c", 50), new Ranked(3, "d", 40),
                new Ranked(4, "a", 30), new Ranked(4, "e", 30), new Ranked(4, "g", 30), new Ranked(7, "f", 10)),
                Standings.top(shards, 7));
        assertEquals(List.of(new Ranked(1, "b", 50), new Ranked(1, "c", 50)), Standings.top(shards, 2));
        assertEquals(8, Standings.top(shards, 100).size(), "fewer learners than asked for: all of them");
        assertEquals(List.of(), Standings.top(List.of(List.of(), List.of()), 10));
    }

    @Test
    void aRankIsOnePlusTheLearnersAhead() {
        assertEquals(1, Standings.rank(0));
        assertEquals(42, Standings.rank(41));
        assertThrows(IllegalArgumentException.class, () -> Standings.rank(-1));
        assertThrows(IllegalArgumentException.class, () -> Standings.top(List.of(), 0));
    }
}
