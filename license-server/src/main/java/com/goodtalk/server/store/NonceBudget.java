package com.goodtalk.server.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Bounds how many unexpired nonces of one kind (one prefix) a server instance lets into the
 * store's nonce table, so a replay cache in the store answers "full" like the in-memory one
 * instead of growing without limit.
 *
 * <p>Counting the table on every request would be slow, so the budget counts it now and then
 * (every {@value #RECOUNT_SECONDS} s, and at most once a second while full) and adds the nonces
 * this instance recorded since. Instances that share a database each see the others' nonces
 * only at their next count, so together they can overshoot the capacity until then.
 */
public final class NonceBudget {

    /** How often the table is counted while there is room, in seconds. */
    static final long RECOUNT_SECONDS = 60;

    private final LicenseStore store;
    private final String prefix;
    private final int capacity;
    private final Clock clock;
    private long counted;
    private long recordedSince;
    private long nextCount = Long.MIN_VALUE;

    /**
     * Creates the budget.
     *
     * @param prefix the nonce prefix of this kind, such as {@code v2:}
     * @param capacity the maximum number of unexpired nonces of this kind, at least 1
     * @throws IllegalArgumentException if the capacity is below 1
     */
    public NonceBudget(LicenseStore store, String prefix, int capacity, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (capacity < 1) {
            throw new IllegalArgumentException("The replay cache capacity must be at least 1, got " + capacity + ".");
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Tells whether the kind's unexpired nonces have reached the capacity, counting the table when due. */
    public synchronized boolean isFull() {
        Instant now = clock.instant();
        if (now.getEpochSecond() >= nextCount) {
            counted = store.countNonces(prefix, now);
            recordedSince = 0;
            nextCount = now.getEpochSecond() + RECOUNT_SECONDS;
        }
        boolean full = counted + recordedSince >= capacity;
        if (full) {
            // Entries expire over time, so a full budget looks again soon.
            nextCount = Math.min(nextCount, now.getEpochSecond() + 1);
        }
        return full;
    }

    /** Counts one nonce that this instance recorded. */
    public synchronized void recorded() {
        recordedSince++;
    }
}
