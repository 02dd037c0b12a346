package com.goodtalk.protocol.v2;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A bounded {@link ReplayCache} in memory, for one server process.
 *
 * <p>An entry is kept until {@code iat + window} has passed (the boundary second included, as the
 * verifier's skew check includes it). When {@code capacity} unexpired entries are stored, new
 * requests get {@link Outcome#FULL} instead of pushing out an entry that still protects against
 * a replay. One lock guards the whole cache, which keeps check-and-record atomic.
 *
 * <p>NOTE: anyone who extracted a client secret from a client binary can sign fresh requests and
 * fill the cache, which turns every later request into {@code rate_limited} until entries expire.
 * The server should limit requests per key id and per address before this check.
 *
 * <pre>{@code
 * ReplayCache cache = new InMemoryReplayCache(100_000, verifier.allowedSkew(), Clock.systemUTC());
 * }</pre>
 */
public final class InMemoryReplayCache implements ReplayCache {

    private record Entry(String jti, long expiresAt) {
    }

    private final int capacity;
    private final long windowSeconds;
    private final Clock clock;
    private final Map<String, Long> expiryByJti = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>(Comparator.comparingLong(Entry::expiresAt));

    /**
     * Creates an empty cache.
     *
     * @param capacity the most unexpired entries kept, at least 1
     * @param window   how long after its {@code iat} an entry is kept; use the verifier's
     *                 {@link V2RequestVerifier#allowedSkew()} or more
     * @param clock    the clock that decides expiry
     * @throws IllegalArgumentException if the capacity is below 1 or the window is not positive whole seconds
     */
    public InMemoryReplayCache(int capacity, Duration window, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("The replay cache capacity must be at least 1, got " + capacity + ".");
        }
        Objects.requireNonNull(window, "window");
        if (window.getNano() != 0 || window.getSeconds() < 1) {
            throw new IllegalArgumentException("The replay window must be a positive number of whole seconds, got "
                    + window + ".");
        }
        this.capacity = capacity;
        this.windowSeconds = window.getSeconds();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized Outcome checkAndRecord(VerifiedV2Request request) {
        Objects.requireNonNull(request, "request");
        long now = clock.instant().getEpochSecond();
        removeExpired(now);
        if (expiryByJti.containsKey(request.jti())) {
            return Outcome.REPLAYED;
        }
        if (expiryByJti.size() >= capacity) {
            return Outcome.FULL;
        }
        long expiresAt = request.issuedAtSeconds() + windowSeconds;
        expiryByJti.put(request.jti(), expiresAt);
        byExpiry.add(new Entry(request.jti(), expiresAt));
        return Outcome.FRESH;
    }

    /** Returns the number of entries stored, expired ones included until the next check removes them. */
    public synchronized int size() {
        return expiryByJti.size();
    }

    private void removeExpired(long now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expiresAt() < now) {
            expiryByJti.remove(byExpiry.poll().jti());
        }
    }

    @Override
    public String toString() {
        return "InMemoryReplayCache[capacity=" + capacity + ", window=" + windowSeconds + " s]";
    }
}
