package com.goodtalk.server.v2;

import com.goodtalk.protocol.v2.ReplayCache;
import com.goodtalk.protocol.v2.VerifiedV2Request;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.NonceBudget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The v2 {@link ReplayCache} in the license store's {@code seen_nonces} table, so a request
 * captured before a restart is still rejected after it, and server instances that share one
 * PostgreSQL database reject a request that another instance accepted.
 *
 * <p>Each {@code jti} is kept until its {@code iat} plus the window, like the in-memory cache.
 * At {@code capacity} unexpired entries (counted as {@link NonceBudget} explains) new requests get
 * {@link Outcome#FULL} rather than old entries being forgotten.
 */
public final class StoreReplayCache implements ReplayCache {

    /** Prefix of v2 entries in the shared nonce table, apart from the v1 entries. */
    static final String PREFIX = "v2:";

    private final LicenseStore store;
    private final long windowSeconds;
    private final NonceBudget budget;

    /**
     * Creates the cache on an open store, which the caller closes.
     *
     * @param capacity the maximum number of unexpired entries, at least 1
     * @param window how long after its {@code iat} a {@code jti} is kept; at least the allowed skew
     * @throws IllegalArgumentException if the capacity is below 1 or the window is not a positive
     *     number of whole seconds
     */
    public StoreReplayCache(LicenseStore store, int capacity, Duration window, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        Objects.requireNonNull(window, "window");
        if (window.getNano() != 0 || window.getSeconds() < 1) {
            throw new IllegalArgumentException("The replay window must be a positive number of whole seconds, got "
                    + window + ".");
        }
        this.windowSeconds = window.getSeconds();
        this.budget = new NonceBudget(store, PREFIX, capacity, clock);
    }

    @Override
    public Outcome checkAndRecord(VerifiedV2Request request) {
        Instant expiresAt = Instant.ofEpochSecond(request.issuedAt().getEpochSecond() + windowSeconds);
        if (budget.isFull()) {
            return Outcome.FULL;
        }
        if (!store.rememberNonce(PREFIX + request.jti(), expiresAt)) {
            return Outcome.REPLAYED;
        }
        budget.recorded();
        return Outcome.FRESH;
    }

    @Override
    public String toString() {
        return "StoreReplayCache[window=" + windowSeconds + " s]";
    }
}
