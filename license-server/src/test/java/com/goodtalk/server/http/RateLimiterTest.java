package com.goodtalk.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goodtalk.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void burstThenDenied() {
        RateLimiter limiter = new RateLimiter(3, 10, clock);

        for (int i = 1; i <= 3; i++) {
            assertThat(limiter.tryAcquire("203.0.113.7").allowed()).as("request " + i).isTrue();
        }
        RateLimiter.Decision fourth = limiter.tryAcquire("203.0.113.7");

        assertThat(fourth.allowed()).isFalse();
        assertThat(fourth.retryAfterSeconds()).as("one token every 20 s").isEqualTo(20);
        assertThat(fourth.firstDenial()).isTrue();
        assertThat(limiter.tryAcquire("203.0.113.7").firstDenial()).as("second denial").isFalse();
    }

    @Test
    void otherClientHasOwnBucket() {
        RateLimiter limiter = new RateLimiter(1, 10, clock);
        limiter.tryAcquire("203.0.113.7");

        assertThat(limiter.tryAcquire("203.0.113.7").allowed()).isFalse();
        assertThat(limiter.tryAcquire("198.51.100.1").allowed()).isTrue();
    }

    @Test
    void bucketRefillsWithTime() {
        RateLimiter limiter = new RateLimiter(3, 10, clock);
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("203.0.113.7");
        }

        clock.advance(Duration.ofSeconds(19));
        RateLimiter.Decision early = limiter.tryAcquire("203.0.113.7");
        clock.advance(Duration.ofSeconds(1));
        RateLimiter.Decision refilled = limiter.tryAcquire("203.0.113.7");
        RateLimiter.Decision next = limiter.tryAcquire("203.0.113.7");

        assertThat(early.allowed()).as("after 19 s").isFalse();
        assertThat(early.retryAfterSeconds()).isEqualTo(1);
        assertThat(refilled.allowed()).as("after 20 s").isTrue();
        assertThat(next.allowed()).as("the one refilled token is spent").isFalse();
        assertThat(next.firstDenial()).as("denied again after an allowed request").isTrue();
    }

    @Test
    void refillStopsAtCapacity() {
        RateLimiter limiter = new RateLimiter(2, 10, clock);
        limiter.tryAcquire("203.0.113.7");

        clock.advance(Duration.ofHours(1));

        assertThat(limiter.tryAcquire("203.0.113.7").allowed()).isTrue();
        assertThat(limiter.tryAcquire("203.0.113.7").allowed()).isTrue();
        assertThat(limiter.tryAcquire("203.0.113.7").allowed()).as("burst capped at 2").isFalse();
    }

    @Test
    void clockStepBackAddsNothing() {
        RateLimiter limiter = new RateLimiter(1, 10, clock);
        limiter.tryAcquire("203.0.113.7");

        clock.advance(Duration.ofMinutes(-5));

        assertThat(limiter.tryAcquire("203.0.113.7").allowed()).isFalse();
    }

    @Test
    void trackedClientsStayBounded() {
        RateLimiter limiter = new RateLimiter(1, 100, clock);

        for (int i = 0; i < 1000; i++) {
            limiter.tryAcquire("client-" + i);
        }

        assertThat(limiter.trackedClients()).isEqualTo(100);
        assertThat(limiter.tryAcquire("client-999").allowed()).as("recent client kept").isFalse();
        assertThat(limiter.tryAcquire("client-0").allowed()).as("least recent client evicted").isTrue();
    }

    @Test
    void invalidSettingsRejected() {
        assertThatThrownBy(() -> new RateLimiter(0, 10, clock)).hasMessageContaining("at least 1 request per minute")
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> new RateLimiter(1, 0, clock)).hasMessageContaining("at least 1 client");
    }
}
