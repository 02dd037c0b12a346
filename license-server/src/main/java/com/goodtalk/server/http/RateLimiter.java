package com.goodtalk.server.http;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A token bucket per client, such as per remote address: each client may send
 * {@code perMinute} requests at once, and then one more every {@code 60 / perMinute} seconds.
 *
 * <p>Memory is bounded: the limiter keeps at most {@code maxClients} buckets and evicts the one
 * used least recently when a new client arrives. A client whose bucket was evicted starts again
 * with a full bucket. NOTE: so a sender with more than {@code maxClients} addresses active at
 * once gets more than {@code perMinute} requests from some of them, though never more in total
 * than its addresses would get with buckets of their own.
 *
 * <p>Thread-safe: one lock guards the buckets, and each call does constant work.
 */
public final class RateLimiter {

    /** The number of buckets kept when nothing else is set. */
    public static final int DEFAULT_MAX_CLIENTS = 50_000;

    /**
     * The credit of one token. Credit is counted in whole units so that refilling stays exact: a
     * bucket gains {@code perMinute} units per millisecond, one token's worth every
     * {@code 60_000 / perMinute} ms.
     */
    private static final long UNITS_PER_TOKEN = 60_000;

    private static final long MILLIS_PER_MINUTE = 60_000;

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Bucket> buckets;

    /** The result of one {@link #tryAcquire} call. */
    public record Decision(boolean allowed, long retryAfterSeconds, boolean firstDenial) {

        static final Decision ALLOWED = new Decision(true, 0, false);
    }

    /**
     * Creates a limiter with no buckets.
     *
     * @param perMinute  the requests each client may send per minute, and at once, at least 1
     * @param maxClients the maximum number of clients tracked, at least 1
     * @param clock      the clock that refills the buckets
     * @throws IllegalArgumentException if a count is below 1
     */
    public RateLimiter(int perMinute, int maxClients, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("The rate limit must be at least 1 request per minute, got "
                    + perMinute + ". Use no limiter to turn the limit off.");
        }
        if (maxClients < 1) {
            throw new IllegalArgumentException("The rate limiter must track at least 1 client, got " + maxClients
                    + ".");
        }
        this.perMinute = perMinute;
        this.clock = Objects.requireNonNull(clock, "clock");
        // Access order, so the eldest entry is the bucket used least recently.
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxClients;
            }
        };
    }

    /**
     * Takes one token from {@code client}'s bucket if it has one.
     *
     * @return allowed, or denied with the whole seconds until the next token and whether this is
     *         the first denial since the client was last allowed, so that callers can log once
     */
    public synchronized Decision tryAcquire(String client) {
        Objects.requireNonNull(client, "client");
        long now = clock.millis();
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            bucket = new Bucket(perMinute * UNITS_PER_TOKEN, now);
            buckets.put(client, bucket);
        }
        bucket.refill(now, perMinute);
        if (bucket.credit >= UNITS_PER_TOKEN) {
            bucket.credit -= UNITS_PER_TOKEN;
            bucket.denied = false;
            return Decision.ALLOWED;
        }
        long millisToNextToken = ceilDiv(UNITS_PER_TOKEN - bucket.credit, perMinute);
        long retryAfterSeconds = Math.max(1, ceilDiv(millisToNextToken, 1000));
        boolean first = !bucket.denied;
        bucket.denied = true;
        return new Decision(false, retryAfterSeconds, first);
    }

    /** Returns the number of clients tracked now, at most {@code maxClients}. */
    public synchronized int trackedClients() {
        return buckets.size();
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    @Override
    public String toString() {
        return "RateLimiter[" + perMinute + " per minute per client]";
    }

    /** One client's credit, refilled lazily when the client next calls. */
    private static final class Bucket {
        private long credit;
        private long updatedMillis;
        private boolean denied;

        Bucket(long credit, long updatedMillis) {
            this.credit = credit;
            this.updatedMillis = updatedMillis;
        }

        void refill(long now, int perMinute) {
            // A clock that stepped back adds nothing, rather than taking credit away.
            if (now <= updatedMillis) {
                return;
            }
            // An empty bucket is full again after one minute, so a longer gap adds nothing more and cannot overflow.
            long elapsed = Math.min(now - updatedMillis, MILLIS_PER_MINUTE);
            credit = Math.min(perMinute * UNITS_PER_TOKEN, credit + elapsed * perMinute);
            updatedMillis = now;
        }
    }
}
