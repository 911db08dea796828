package dev.pyquest.shared.store;

import dev.pyquest.domain.leaderboard.Shards;
import dev.pyquest.domain.leaderboard.Standings;
import dev.pyquest.domain.leaderboard.Week;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The weekly XP leaderboard, write-sharded so no partition is hot.
 *
 * <p>Keys of {@code LeaderboardTable}:
 * <ul>
 *   <li>a learner's XP of a week: {@code board = week#<ISO week>#<shard>}, {@code userId}, {@code xp}
 *       (a number, ADDed to), with {@code shard = SHA-256(userId) mod S} ({@link Shards});</li>
 *   <li>the marker of an applied event: {@code board = applied#<detail.eventId>}, {@code userId}; it has no
 *       {@code xp}, so the index never sees it;</li>
 *   <li>index {@code byXp}: {@code board} (hash) and {@code xp} (range), keys only: each shard's learners
 *       in XP order, for the top list (descending, limit N) and for ranks (COUNT of {@code xp > mine}).</li>
 * </ul>
 * Both kinds of item expire ({@code expiresAt}, TTL) {@link #KEEP} after the end of their week.
 *
 * <p>Load at a million learners: a write touches one shard partition (and the marker's own
 * partition, one per event). With S = 16 and a peak of ~1,700 XP grants/s (5 % of a million learners
 * active, one grant every 30 s each) a shard takes ~105 transactional writes/s = ~210 WCU/s, and its
 * index partition ~210 WCU/s (an xp change deletes and re-inserts the index entry): a fifth of the
 * 1,000 WCU/s one partition serves. Raising S (a config value) scales writes linearly; reads fan out
 * to S partitions.
 *
 * <p>Reads are the cost to watch: a rank is 1 + a COUNT over every index entry above the learner's
 * XP. COUNT still reads (and bills) the entries it counts: about 70 bytes each, so the median learner
 * of a million-learner week (500,000 ahead) reads ~35 MB = ~4,300 read units (eventually consistent,
 * 8 KB each; ~$0.0005 at $0.125 per million), in ~35 one-megabyte pages spread over the S shards
 * (queried in parallel). A learner near the top costs almost nothing; the top list costs ~S units.
 * The ceiling is per partition: 3,000 read units/s read ~24 MB/s, so with S = 16 the index serves
 * about 0.7 x S = 11 median-learner ranks per second. More shards raise that linearly; past it, ranks
 * should come from a periodic snapshot (the XP at every 1,000th place) instead of a live COUNT.
 */
public final class LeaderboardRepository {
    public static final String BY_XP = "byXp";
    /** How long a week's board and its markers outlive the week: longer than any redelivery (EventBridge retries for 24 h, the DLQ keeps 14 days). */
    public static final Duration KEEP = Duration.ofDays(28);
    public static final int DEFAULT_SHARDS = 16;

    public enum Outcome { APPLIED, ALREADY_APPLIED, EXPIRED }

    /** A learner's place this week: {@code rank} is null when they have no XP this week. */
    public record Standing(Long rank, long xp) {}

    /** The top of a week's board and one learner's standing. */
    public record View(Week week, List<Standings.Ranked> top, Standing me) {}

    private final DynamoDbClient dynamo;
    private final String table;
    private final Shards shards;
    private final Clock clock;
    /**
     * Shard queries run side by side on platform threads that retire when idle. Not virtual threads:
     * locally the client calls DynamoDB Local in-process (SQLite through JNI), and a virtual thread
     * blocked in native code pins its carrier (see PITFALLS, issue 11).
     */
    private final ExecutorService fanOut = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "leaderboard-shard");
        t.setDaemon(true);
        return t;
    });

    public LeaderboardRepository(DynamoDbClient dynamo, String table, Shards shards, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.shards = shards;
        this.clock = clock;
    }

    public Shards shards() { return shards; }

    public static String board(Week week, int shard) {
        return "week#" + week.id() + "#" + shard;
    }

    static String marker(String eventId) {
        return "applied#" + eventId;
    }

    /**
     * Adds {@code xp} to the learner's board of the week {@code at} falls in, once per {@code eventId}:
     * the marker's conditional put and the ADD are one transaction, so a redelivered event (or a
     * concurrent duplicate) finds the marker and adds nothing. An event whose week's board has expired
     * is not applied: its marker could be gone too, and nobody reads that board any more.
     */
    public Outcome add(String eventId, String userId, long xp, Instant at) {
        if (xp <= 0) throw new IllegalArgumentException("only positive XP goes on a leaderboard, not " + xp);
        Week week = Week.of(at);
        Instant expires = week.end().plus(KEEP);
        Instant now = clock.instant();
        if (!now.isBefore(expires)) return Outcome.EXPIRED;
        AttributeValue expiresAt = Attr.n(expires.getEpochSecond());
        Map<String, AttributeValue> markerItem = new HashMap<>();
        markerItem.put("board", Attr.s(marker(eventId)));
        markerItem.put("userId", Attr.s(userId));
        markerItem.put("week", Attr.s(week.id()));
        markerItem.put("amount", Attr.n(xp));
        markerItem.put("at", Attr.s(now.toString()));
        markerItem.put("expiresAt", expiresAt);
        List<TransactWriteItem> items = List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(markerItem)
                        .conditionExpression("attribute_not_exists(board)").build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(Map.of("board", Attr.s(board(week, shards.of(userId))), "userId", Attr.s(userId)))
                        .updateExpression("ADD xp :xp SET expiresAt = :exp")
                        .expressionAttributeValues(Map.of(":xp", Attr.n(xp), ":exp", expiresAt)).build()).build());
        return Transactions.write(dynamo, items) == Transactions.Outcome.COMMITTED ? Outcome.APPLIED : Outcome.ALREADY_APPLIED;
    }

    /** The learner's XP of the week (0 when they have none), read consistently from their own item. */
    public long xp(Week week, String userId) {
        QueryResponse r = dynamo.query(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("board = :b AND userId = :u")
                .expressionAttributeValues(Map.of(":b", Attr.s(board(week, shards.of(userId))), ":u", Attr.s(userId))));
        return r.items().isEmpty() ? 0 : Attr.num(r.items().get(0), "xp", 0);
    }

    /** The week's top {@code n}: each shard's top n from the index (in parallel), merged. */
    public List<Standings.Ranked> top(Week week, int n) {
        List<List<Standings.Entry>> tops = eachShard(shard -> dynamo.query(b -> b.tableName(table).indexName(BY_XP)
                        .keyConditionExpression("board = :b").expressionAttributeValues(Map.of(":b", Attr.s(board(week, shard))))
                        .scanIndexForward(false).limit(n))
                .items().stream().map(i -> new Standings.Entry(Attr.str(i, "userId"), Attr.num(i, "xp", 0))).toList());
        return Standings.top(tops, n);
    }

    /** The learner's rank and XP: rank = 1 + learners with more XP, counted on every shard (in parallel). */
    public Standing standing(Week week, String userId) {
        long mine = xp(week, userId);
        if (mine == 0) return new Standing(null, 0);
        long ahead = eachShard(shard -> countAbove(board(week, shard), mine)).stream().mapToLong(Long::longValue).sum();
        return new Standing(Standings.rank(ahead), mine);
    }

    /** The top list and the learner's standing, fetched at the same time. */
    public View view(Week week, String userId, int n) {
        Future<List<Standings.Ranked>> top = fanOut.submit(() -> top(week, n));
        Standing me = standing(week, userId);
        return new View(week, join(top), me);
    }

    /** COUNT reads at most 1 MB per page: follow the pages to the end. */
    private long countAbove(String board, long xp) {
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse r = dynamo.query(b -> {
                b.tableName(table).indexName(BY_XP).select(Select.COUNT)
                        .keyConditionExpression("board = :b AND xp > :x")
                        .expressionAttributeValues(Map.of(":b", Attr.s(board), ":x", Attr.n(xp)));
                if (from != null) b.exclusiveStartKey(from);
            });
            count += r.count();
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    private <T> List<T> eachShard(IntFunction<T> query) {
        List<Future<T>> futures = new ArrayList<>(shards.count());
        for (int s = 0; s < shards.count(); s++) {
            int shard = s;
            futures.add(fanOut.submit(() -> query.apply(shard)));
        }
        List<T> out = new ArrayList<>(futures.size());
        for (Future<T> f : futures) out.add(join(f));
        return out;
    }

    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the leaderboard", e);
        }
    }
}
