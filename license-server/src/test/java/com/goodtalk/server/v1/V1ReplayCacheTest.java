package com.goodtalk.server.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goodtalk.protocol.v1.V1Request;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The v1 replay cache: what counts as the same request, the window boundary and a full cache. */
class V1ReplayCacheTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final V1ReplayCache cache = new V1ReplayCache(3, Duration.ofSeconds(300), clock);

    @Test
    void sameRequestIsReplayed() {
        assertThat(cache.checkAndRecord(request("KEY-A", "n1"))).isEqualTo(V1ReplayCache.Outcome.FRESH);

        assertThat(cache.checkAndRecord(request("KEY-A", "n1"))).isEqualTo(V1ReplayCache.Outcome.REPLAYED);
    }

    @Test
    void sameNonceWithOtherKeyIsFresh() {
        cache.checkAndRecord(request("KEY-A", "n1"));

        assertThat(cache.checkAndRecord(request("KEY-B", "n1"))).isEqualTo(V1ReplayCache.Outcome.FRESH);
    }

    @Test
    void entryKeptThroughWindowBoundary() {
        cache.checkAndRecord(request("KEY-A", "n1"));

        clock.advance(Duration.ofSeconds(300));
        assertThat(cache.checkAndRecord(request("KEY-A", "n1"))).isEqualTo(V1ReplayCache.Outcome.REPLAYED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.checkAndRecord(request("KEY-A", "n1"))).isEqualTo(V1ReplayCache.Outcome.FRESH);
    }

    @Test
    void fullCacheRejectsUntilEntriesExpire() {
        cache.checkAndRecord(request("KEY-A", "n1"));
        cache.checkAndRecord(request("KEY-A", "n2"));
        cache.checkAndRecord(request("KEY-A", "n3"));

        assertThat(cache.checkAndRecord(request("KEY-A", "n4"))).isEqualTo(V1ReplayCache.Outcome.FULL);
        assertThat(cache.checkAndRecord(request("KEY-A", "n1"))).as("a full cache still knows its entries")
                .isEqualTo(V1ReplayCache.Outcome.REPLAYED);
        clock.advance(Duration.ofSeconds(301));
        assertThat(cache.checkAndRecord(request("KEY-A", "n4"))).isEqualTo(V1ReplayCache.Outcome.FRESH);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> new V1ReplayCache(0, Duration.ofSeconds(1), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1, got 0");
        assertThatThrownBy(() -> new V1ReplayCache(1, Duration.ofMillis(1500), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole seconds");
    }

    private static V1Request request(String key, String nonce) {
        return new V1Request(key, nonce, "0.0.1", "0".repeat(64));
    }

    /** A clock that tests move forward by hand. */
    private static final class SettableClock extends Clock {
        private Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("The test clock has UTC only");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
