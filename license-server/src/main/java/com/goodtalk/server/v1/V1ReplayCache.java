package com.goodtalk.server.v1;

import com.goodtalk.protocol.jose.Base64Url;
import com.goodtalk.protocol.v1.V1Request;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.NonceBudget;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the v1 requests whose HMAC verified, so that a captured request cannot be sent again
 * while its entry is kept.
 *
 * <p>A request is identified by its signed text, the key, nonce and version, which its HMAC
 * covers. Two requests that share only the nonce are different requests: the seed's published
 * examples use one nonce with two keys. A v1 request carries no time, so an entry is kept for a
 * fixed window after the server received it. NOTE: after the window a captured v1 request is
 * accepted again; only protocol v2, whose requests carry their own time, closes that gap.
 *
 * <p>Entries store the SHA-256 of the signed text, because v1 accepts keys and nonces of any
 * length and the cache must stay small. At {@code capacity} unexpired entries, new requests are
 * rejected rather than old ones forgotten. One lock keeps check-and-record atomic.
 */
public final class V1ReplayCache {

    /** The result of one check. */
    public enum Outcome {
        /** The request was new and is now recorded. */
        FRESH,
        /** The same request was received within the window. */
        REPLAYED,
        /** The cache contains {@code capacity} unexpired requests, so this one cannot be recorded. */
        FULL
    }

    /** Prefix of v1 entries in the store's nonce table, apart from the v2 entries. */
    private static final String STORE_PREFIX = "v1:";

    private final int capacity;
    private final long windowSeconds;
    private final Clock clock;
    /** The persistent nonce table, or null to keep the entries in memory only. */
    private final LicenseStore store;
    /** The capacity check of the persistent table; null in memory. */
    private final NonceBudget budget;
    /** Request hash to expiry second, in the order received, so the oldest entries come first. */
    private final Map<String, Long> expiryByRequestHash = new LinkedHashMap<>();

    /**
     * Creates an empty cache.
     *
     * @param capacity the maximum number of unexpired requests kept, at least 1
     * @param window   how long after receipt a request is kept, in whole seconds, at least 1 s
     * @param clock    the clock that stamps receipt and decides expiry
     * @throws IllegalArgumentException if the capacity or window is out of range
     */
    public V1ReplayCache(int capacity, Duration window, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("The v1 replay cache capacity must be at least 1, got " + capacity
                    + ".");
        }
        Objects.requireNonNull(window, "window");
        if (window.getNano() != 0 || window.getSeconds() < 1) {
            throw new IllegalArgumentException("The v1 replay window must be a positive number of whole seconds, got "
                    + window + ".");
        }
        this.capacity = capacity;
        this.windowSeconds = window.getSeconds();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = null;
        this.budget = null;
    }

    /**
     * Creates a cache whose entries live in the license store's nonce table, so that they outlive a
     * restart and are shared by instances on one database. Its capacity is counted as
     * {@link NonceBudget} explains.
     *
     * @param capacity the maximum number of unexpired requests kept, at least 1
     * @param window how long after receipt a request is kept, in whole seconds, at least 1 s
     * @throws IllegalArgumentException if the capacity or window is out of range
     */
    public V1ReplayCache(LicenseStore store, int capacity, Duration window, Clock clock) {
        Objects.requireNonNull(window, "window");
        if (window.getNano() != 0 || window.getSeconds() < 1) {
            throw new IllegalArgumentException("The v1 replay window must be a positive number of whole seconds, got "
                    + window + ".");
        }
        this.capacity = capacity;
        this.windowSeconds = window.getSeconds();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        this.budget = new NonceBudget(store, STORE_PREFIX, capacity, clock);
    }

    /** Records {@code request} unless it is recorded already or the cache is full, atomically. */
    public Outcome checkAndRecord(V1Request request) {
        Objects.requireNonNull(request, "request");
        if (store != null) {
            Instant expiresAt = Instant.ofEpochSecond(clock.instant().getEpochSecond() + windowSeconds);
            // A replay that arrives while the table is full gets FULL too; either way it is rejected.
            if (budget.isFull()) {
                return Outcome.FULL;
            }
            if (!store.rememberNonce(STORE_PREFIX + sha256(request.signingText()), expiresAt)) {
                return Outcome.REPLAYED;
            }
            budget.recorded();
            return Outcome.FRESH;
        }
        return checkAndRecordInMemory(request);
    }

    private synchronized Outcome checkAndRecordInMemory(V1Request request) {
        long now = clock.instant().getEpochSecond();
        removeExpired(now);
        String hash = sha256(request.signingText());
        if (expiryByRequestHash.containsKey(hash)) {
            return Outcome.REPLAYED;
        }
        if (expiryByRequestHash.size() >= capacity) {
            return Outcome.FULL;
        }
        expiryByRequestHash.put(hash, now + windowSeconds);
        return Outcome.FRESH;
    }

    /** Returns the number of entries, expired ones included until the next check removes them. */
    public synchronized int size() {
        return expiryByRequestHash.size();
    }

    /**
     * Removes expired entries from the oldest on. If the clock stepped back, a newer entry can
     * expire before an older one and then stays until the older one expires: kept longer, never shorter.
     */
    private void removeExpired(long now) {
        Iterator<Long> expiries = expiryByRequestHash.values().iterator();
        while (expiries.hasNext()) {
            if (expiries.next() >= now) {
                return;
            }
            expiries.remove();
        }
    }

    private static String sha256(String signingText) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(signingText.getBytes(StandardCharsets.UTF_8));
            return Base64Url.encode(digest);
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE runtime must provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return store != null ? "V1ReplayCache[in the license store, window=" + windowSeconds + " s]"
                : "V1ReplayCache[capacity=" + capacity + ", window=" + windowSeconds + " s]";
    }
}
