package com.goodtalk.benchmarks;

import com.goodtalk.protocol.Secret;
import com.goodtalk.server.DemoKeys;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Values that the benchmarks share: a client key id, a product key, a machine, an app name and
 * a fixed clock, so that signers and verifiers agree and no {@code iat} goes stale mid-run.
 * Secrets and keys are generated for each run and never stored.
 */
public final class BenchmarkFixtures {

    /** The v2 client key id the benchmark signers and verifiers use. */
    public static final String CLIENT_KEY_ID = "bench-client";

    /** The first published demo key, which every demo server accepts. */
    public static final String PRODUCT_KEY = DemoKeys.KEYS.get(0);

    /** A well-formed {@code mf1} machine fingerprint, as clients send it. */
    public static final String MACHINE = "mf1:QtJF8SapfhQSNbasSvTjVLHlq7Jo-3FgcCd_K3aE4N8";

    /** The client name and version sent as {@code app}. */
    public static final String APP = "GoodTalk Benchmarks 1.0";

    /** The instant of the fixed clock. */
    public static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private static final SecureRandom RANDOM = new SecureRandom();

    private BenchmarkFixtures() {
    }

    /** Returns a clock fixed at {@link #NOW}. */
    public static Clock fixedClock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /** Returns a new secret of 32 random bytes. */
    public static Secret randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Secret.ofBytes(bytes);
    }
}
