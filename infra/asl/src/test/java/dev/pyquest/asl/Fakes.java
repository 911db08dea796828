package dev.pyquest.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test doubles: a settable clock and a sleeper that records durations and advances that clock. */
final class Fakes {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Instant T0 = Instant.parse("2025-01-02T03:04:05.678Z");

    private Fakes() {}

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Definition text with single quotes turned into double quotes, for readability. */
    static String def(String text) {
        return text.replace('\'', '"');
    }

    static StateMachine machine(String definition, FakeClock clock, FakeSleeper sleeper) {
        return StateMachine.parse(def(definition), Map.of()).withClock(clock).withSleeper(sleeper);
    }

    static final class FakeClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final class FakeSleeper implements Sleeper {
        final List<Duration> slept = new ArrayList<>();
        final FakeClock clock;

        FakeSleeper(FakeClock clock) {
            this.clock = clock;
        }

        @Override
        public void sleep(Duration d) {
            slept.add(d);
            clock.now = clock.now.plus(d);
        }

        List<Long> millis() {
            return slept.stream().map(Duration::toMillis).toList();
        }
    }
}
