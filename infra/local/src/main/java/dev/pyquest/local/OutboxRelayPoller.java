package dev.pyquest.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pyquest.domain.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Plays Lambda's DynamoDB-stream event source mapping for the outbox table: reads the stream of
 * DynamoDB Local, hands each batch to the relay function as a {@link DynamodbEvent}, and moves its
 * per-shard checkpoint (kept in the data folder) only after the function returned. A crash before
 * that replays the batch, which the consumers' idempotency absorbs.
 */
final class OutboxRelayPoller implements Runnable {
    private static final System.Logger LOG = System.getLogger(OutboxRelayPoller.class.getName());
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Consumer<DynamodbEvent> relay;
    private final Path checkpointFile;
    private final Map<String, String> checkpoints = new HashMap<>();
    private final Map<String, String> iterators = new HashMap<>();
    private volatile boolean running = true;
    private volatile Consumer<DynamodbEvent> beforeCheckpoint = batch -> {};
    private long lastDiscovery;

    OutboxRelayPoller(DynamoDbStreamsClient streams, String streamArn, Consumer<DynamodbEvent> relay, Path checkpointFile) {
        this(streams, streamArn, relay, checkpointFile, IDLE_MILLIS);
    }

    /** {@code idleMillis}: see {@link #IDLE_MILLIS} (tests take a longer one, to tell a nudge from the tick). */
    OutboxRelayPoller(DynamoDbStreamsClient streams, String streamArn, Consumer<DynamodbEvent> relay, Path checkpointFile, long idleMillis) {
        this.idleMillis = idleMillis;
        this.streams = streams;
        this.streamArn = streamArn;
        this.relay = relay;
        this.checkpointFile = checkpointFile;
        loadCheckpoints();
    }

    void stop() {
        running = false;
    }

    /**
     * How long an idle poller waits for a {@link #nudge} before it reads the stream anyway: a safety net for
     * writes no function made (a test writing the table itself), not the path a learner's events take.
     */
    static final long IDLE_MILLIS = 250;
    private final long idleMillis;
    private final Object nudges = new Object();
    private boolean nudged;

    /**
     * A function just returned and may have written the outbox: read the stream now. The local stack calls
     * this after every invocation but a GET route's, so events reach the consumers at once and an idle stack
     * reads the stream four times a second instead of fifty (those reads took CPU from the box running a
     * learner's code).
     */
    void nudge() {
        synchronized (nudges) {
            nudged = true;
            nudges.notifyAll();
        }
    }

    /** Until a nudge (one that came since the last idle counts) or the idle tick. */
    void idle() throws InterruptedException {
        synchronized (nudges) {
            long deadline = System.nanoTime() + idleMillis * 1_000_000L;
            for (long left = idleMillis; !nudged && left > 0; left = (deadline - System.nanoTime()) / 1_000_000L) {
                nudges.wait(left);
            }
            nudged = false;
        }
    }

    /**
     * Runs after the relay returned for a batch and before the checkpoint moves past it: the window a
     * crash of the poller itself would hit. Tests inject that crash here (RelayCrashIT); a no-op otherwise.
     */
    void beforeCheckpoint(Consumer<DynamodbEvent> hook) {
        this.beforeCheckpoint = hook;
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (!pollOnce()) idle();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "outbox relay batch failed; it will be retried", e);
                iterators.clear();
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** One pass over the open shards; true when it delivered anything. */
    boolean pollOnce() {
        if (iterators.isEmpty() || System.currentTimeMillis() - lastDiscovery > 5000) discover();
        boolean delivered = false;
        for (String shardId : new ArrayList<>(iterators.keySet())) {
            String it = iterators.get(shardId);
            if (it == null) continue;
            GetRecordsResponse r;
            try {
                r = streams.getRecords(b -> b.shardIterator(it).limit(100));
            } catch (TrimmedDataAccessException | ExpiredIteratorException stale) {
                // DynamoDB Local answers TRIM_HORIZON on a shard with no record yet this way, and
                // iterators expire: take a fresh one from the checkpoint on the next pass.
                iterators.remove(shardId);
                lastDiscovery = 0;
                continue;
            }
            if (!r.records().isEmpty()) {
                DynamodbEvent batch = event(r.records());
                relay.accept(batch);
                beforeCheckpoint.accept(batch);
                checkpoints.put(shardId, r.records().get(r.records().size() - 1).dynamodb().sequenceNumber());
                saveCheckpoints();
                delivered = true;
            }
            iterators.put(shardId, r.nextShardIterator());
        }
        return delivered;
    }

    private void discover() {
        lastDiscovery = System.currentTimeMillis();
        for (Shard s : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
            if (iterators.containsKey(s.shardId())) continue;
            String after = checkpoints.get(s.shardId());
            String it = streams.getShardIterator(b -> {
                b.streamArn(streamArn).shardId(s.shardId());
                if (after != null) b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
                else b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            }).shardIterator();
            iterators.put(s.shardId(), it);
        }
    }

    static DynamodbEvent event(List<Record> records) {
        DynamodbEvent e = new DynamodbEvent();
        List<DynamodbEvent.DynamodbStreamRecord> out = new ArrayList<>();
        for (Record r : records) {
            DynamodbEvent.DynamodbStreamRecord sr = new DynamodbEvent.DynamodbStreamRecord();
            sr.setEventID(r.eventID());
            sr.setEventName(r.eventNameAsString());
            sr.setEventSource("aws:dynamodb");
            sr.setEventVersion(r.eventVersion());
            sr.setAwsRegion("local");
            StreamRecord d = new StreamRecord();
            d.setSequenceNumber(r.dynamodb().sequenceNumber());
            d.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(r.dynamodb().streamViewTypeAsString()));
            d.setKeys(convert(r.dynamodb().keys()));
            if (r.dynamodb().hasNewImage()) d.setNewImage(convert(r.dynamodb().newImage()));
            sr.setDynamodb(d);
            out.add(sr);
        }
        e.setRecords(out);
        return e;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> convert(
            Map<String, AttributeValue> in) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new HashMap<>();
        in.forEach((k, v) -> out.put(k, convert(v)));
        return out;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue convert(AttributeValue v) {
        var a = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        if (v.s() != null) a.setS(v.s());
        else if (v.n() != null) a.setN(v.n());
        else if (v.bool() != null) a.setBOOL(v.bool());
        else if (Boolean.TRUE.equals(v.nul())) a.setNULL(true);
        else if (v.hasM()) a.setM(convert(v.m()));
        else if (v.hasL()) a.setL(v.l().stream().map(OutboxRelayPoller::convert).toList());
        else if (v.hasSs()) a.setSS(v.ss());
        else if (v.hasNs()) a.setNS(v.ns());
        return a;
    }

    private void loadCheckpoints() {
        if (!Files.exists(checkpointFile)) return;
        try {
            Json.MAPPER.readTree(checkpointFile.toFile()).fields()
                    .forEachRemaining(e -> checkpoints.put(e.getKey(), e.getValue().asText()));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "relay checkpoint unreadable; replaying the stream from its start", e);
        }
    }

    private void saveCheckpoints() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        checkpoints.forEach(n::put);
        try {
            Path tmp = checkpointFile.resolveSibling(checkpointFile.getFileName() + ".tmp");
            Files.writeString(tmp, n.toString());
            Files.move(tmp, checkpointFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
