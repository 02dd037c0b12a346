package com.goodtalk.protocol.v2;

import static com.goodtalk.protocol.v2.RequestForge.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goodtalk.protocol.v2.ReplayCache.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Checks expiry, capacity and atomicity of the in-memory replay cache. */
class InMemoryReplayCacheTest {

    private static final Duration WINDOW = Duration.ofSeconds(300);

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(NOW));

    private static VerifiedV2Request request(long issuedAt) throws V2RequestRejectedException {
        var claims = RequestForge.claims();
        claims.put("iat", issuedAt);
        return RequestForge.verifier(RequestForge.fixedClock(issuedAt))
                .verify(V2Operation.ACTIVATE, RequestForge.signed(claims));
    }

    @Test
    void firstUseIsFreshSecondIsReplayed() throws Exception {
        InMemoryReplayCache cache = new InMemoryReplayCache(10, WINDOW, clock);
        VerifiedV2Request request = request(NOW);

        assertThat(cache.checkAndRecord(request)).isEqualTo(Outcome.FRESH);
        assertThat(cache.checkAndRecord(request)).isEqualTo(Outcome.REPLAYED);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void entryKeptThroughBoundarySecond() throws Exception {
        InMemoryReplayCache cache = new InMemoryReplayCache(10, WINDOW, clock);
        VerifiedV2Request request = request(NOW);
        cache.checkAndRecord(request);

        clock.setEpochSecond(NOW + 300);
        Outcome atBoundary = cache.checkAndRecord(request);
        clock.setEpochSecond(NOW + 301);
        Outcome afterBoundary = cache.checkAndRecord(request);

        assertThat(atBoundary).isEqualTo(Outcome.REPLAYED);
        // By now the verifier rejects this iat as stale, so forgetting the jti is safe.
        assertThat(afterBoundary).isEqualTo(Outcome.FRESH);
    }

    @Test
    void expiryCountsFromIatNotFromArrival() throws Exception {
        InMemoryReplayCache cache = new InMemoryReplayCache(10, WINDOW, clock);
        VerifiedV2Request future = request(NOW + 300);
        cache.checkAndRecord(future);

        clock.setEpochSecond(NOW + 600);
        Outcome stillKept = cache.checkAndRecord(future);

        assertThat(stillKept).isEqualTo(Outcome.REPLAYED);
    }

    @Test
    void fullCacheRejectsInsteadOfEvicting() throws Exception {
        InMemoryReplayCache cache = new InMemoryReplayCache(2, WINDOW, clock);
        VerifiedV2Request first = request(NOW);
        VerifiedV2Request second = request(NOW);
        VerifiedV2Request third = request(NOW);

        assertThat(cache.checkAndRecord(first)).isEqualTo(Outcome.FRESH);
        assertThat(cache.checkAndRecord(second)).isEqualTo(Outcome.FRESH);
        assertThat(cache.checkAndRecord(third)).isEqualTo(Outcome.FULL);
        assertThat(cache.checkAndRecord(first)).isEqualTo(Outcome.REPLAYED);
        assertThat(cache.checkAndRecord(second)).isEqualTo(Outcome.REPLAYED);
        assertThat(Outcome.FULL.rejectionStatus()).contains(V2Status.RATE_LIMITED);
        assertThat(Outcome.REPLAYED.rejectionStatus()).contains(V2Status.REPLAYED);
        assertThat(Outcome.FRESH.rejectionStatus()).isEmpty();
    }

    @Test
    void expiredEntriesFreeCapacity() throws Exception {
        InMemoryReplayCache cache = new InMemoryReplayCache(1, WINDOW, clock);
        cache.checkAndRecord(request(NOW - 100));
        VerifiedV2Request later = request(NOW + 250);

        Outcome whileFull = cache.checkAndRecord(later);
        clock.setEpochSecond(NOW + 201);
        Outcome afterExpiry = cache.checkAndRecord(later);

        assertThat(whileFull).isEqualTo(Outcome.FULL);
        assertThat(afterExpiry).isEqualTo(Outcome.FRESH);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void concurrentSameJtiHasOneWinner() throws Exception {
        InMemoryReplayCache cache = new InMemoryReplayCache(1000, WINDOW, clock);
        VerifiedV2Request request = request(NOW);
        int threads = 32;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        Map<Outcome, Integer> outcomes = new ConcurrentHashMap<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    outcomes.merge(cache.checkAndRecord(request), 1, Integer::sum);
                    return null;
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            start.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(outcomes).containsEntry(Outcome.FRESH, 1).containsEntry(Outcome.REPLAYED, threads - 1);
    }

    @Test
    void concurrentDistinctJtisRespectCapacity() throws Exception {
        int capacity = 50;
        InMemoryReplayCache cache = new InMemoryReplayCache(capacity, WINDOW, clock);
        List<VerifiedV2Request> requests = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            requests.add(request(NOW));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        Map<Outcome, Integer> outcomes = new ConcurrentHashMap<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (VerifiedV2Request request : requests) {
                futures.add(pool.submit(() -> outcomes.merge(cache.checkAndRecord(request), 1, Integer::sum)));
            }
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(outcomes).containsEntry(Outcome.FRESH, capacity).containsEntry(Outcome.FULL, 150);
        assertThat(cache.size()).isEqualTo(capacity);
    }

    @Test
    void invalidSettingsRejected() {
        assertThatThrownBy(() -> new InMemoryReplayCache(0, WINDOW, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1, got 0");
        assertThatThrownBy(() -> new InMemoryReplayCache(1, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive number of whole seconds");
        assertThatThrownBy(() -> new InMemoryReplayCache(1, Duration.ofMillis(500), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole seconds");
    }
}
