package com.goodtalk.server.store;

import com.goodtalk.protocol.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Settings shared by both database kinds. Build with {@link #builder(Secret)}; every setting but the
 * key pepper has a default.
 *
 * <pre>{@code
 * StoreConfig config = StoreConfig.builder(Secret.ofBytes(pepper))
 *         .keyNormalizer(ProductKeys::normalize)
 *         .build();
 * }</pre>
 */
public final class StoreConfig {

    /**
     * The normaliser used until another is set: drops surrounding whitespace and upper-cases.
     *
     * <p>NOTE: wire {@code ProductKeys::normalize} here once it exists, before any license is
     * issued. The stored hashes depend on the normaliser, so changing it later makes every issued
     * key unfindable (imported legacy keys are not normalised and stay findable).
     */
    public static final UnaryOperator<String> BASIC_KEY_NORMALIZER = key -> key.strip().toUpperCase(Locale.ROOT);

    private final Secret keyPepper;
    private final Clock clock;
    private final UnaryOperator<String> keyNormalizer;
    private final int maxPoolSize;
    private final Duration busyTimeout;
    private final int maxAttempts;
    private final Duration retryBaseDelay;

    private StoreConfig(Builder builder) {
        this.keyPepper = builder.keyPepper;
        this.clock = builder.clock;
        this.keyNormalizer = builder.keyNormalizer;
        this.maxPoolSize = builder.maxPoolSize;
        this.busyTimeout = builder.busyTimeout;
        this.maxAttempts = builder.maxAttempts;
        this.retryBaseDelay = builder.retryBaseDelay;
    }

    /**
     * Starts a configuration.
     *
     * @param keyPepper the server-side secret under which product keys are hashed. Keep it out of
     *     the database and its backups, and never change it: the stored hashes depend on it.
     */
    public static Builder builder(Secret keyPepper) {
        return new Builder(keyPepper);
    }

    /** Returns the secret under which product keys are hashed. */
    public Secret keyPepper() {
        return keyPepper;
    }

    /** Returns the clock for every stored time and every expiry check. */
    public Clock clock() {
        return clock;
    }

    /** Returns the function that turns a typed key into the canonical form that is hashed. */
    public UnaryOperator<String> keyNormalizer() {
        return keyNormalizer;
    }

    /** Returns the maximum number of pooled database connections. */
    public int maxPoolSize() {
        return maxPoolSize;
    }

    /** Returns how long a SQLite connection waits for another connection's write lock. */
    public Duration busyTimeout() {
        return busyTimeout;
    }

    /** Returns how many times a transaction runs when the database reports it busy or in conflict. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Returns the wait before the first retry; each further retry waits about twice as long. */
    public Duration retryBaseDelay() {
        return retryBaseDelay;
    }

    /** Collects settings and checks each when it is set. */
    public static final class Builder {

        private final Secret keyPepper;
        private Clock clock = Clock.systemUTC();
        private UnaryOperator<String> keyNormalizer = BASIC_KEY_NORMALIZER;
        private int maxPoolSize = 8;
        private Duration busyTimeout = Duration.ofSeconds(5);
        private int maxAttempts = 5;
        private Duration retryBaseDelay = Duration.ofMillis(20);

        private Builder(Secret keyPepper) {
            this.keyPepper = Objects.requireNonNull(keyPepper, "keyPepper");
            if (keyPepper.isProofOfConceptDemo()) {
                throw new IllegalArgumentException(
                        "The key pepper is the public proof-of-concept secret. Generate 32 random bytes for it.");
            }
        }

        /** Sets the clock (default: the UTC system clock). Tests pass a fixed or adjustable clock. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Sets the key normaliser (default: {@link #BASIC_KEY_NORMALIZER}). It may throw for ill-formed keys. */
        public Builder keyNormalizer(UnaryOperator<String> value) {
            this.keyNormalizer = Objects.requireNonNull(value, "keyNormalizer");
            return this;
        }

        /** Sets the maximum number of pooled connections, 1 to 100 (default 8). */
        public Builder maxPoolSize(int value) {
            if (value < 1 || value > 100) {
                throw new IllegalArgumentException("maxPoolSize " + value + " is out of range. Use 1 to 100.");
            }
            this.maxPoolSize = value;
            return this;
        }

        /** Sets how long SQLite waits for a lock before it reports busy, 0 to 60 seconds (default 5 s). */
        public Builder busyTimeout(Duration value) {
            Objects.requireNonNull(value, "busyTimeout");
            if (value.isNegative() || value.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("busyTimeout " + value + " is out of range. Use 0 to 60 seconds.");
            }
            this.busyTimeout = value;
            return this;
        }

        /** Sets how many times a busy or conflicting transaction runs in all, 1 to 20 (default 5). */
        public Builder maxAttempts(int value) {
            if (value < 1 || value > 20) {
                throw new IllegalArgumentException("maxAttempts " + value + " is out of range. Use 1 to 20.");
            }
            this.maxAttempts = value;
            return this;
        }

        /** Sets the wait before the first retry, 1 ms to 1 s (default 20 ms). */
        public Builder retryBaseDelay(Duration value) {
            Objects.requireNonNull(value, "retryBaseDelay");
            if (value.toMillis() < 1 || value.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("retryBaseDelay " + value + " is out of range. Use 1 ms to 1 s.");
            }
            this.retryBaseDelay = value;
            return this;
        }

        public StoreConfig build() {
            return new StoreConfig(this);
        }
    }
}
