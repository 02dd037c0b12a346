package com.goodtalk.benchmarks;

import static com.goodtalk.benchmarks.BenchmarkFixtures.PRODUCT_KEY;

import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v1.V1Request;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.v1.V1Authenticator;
import com.goodtalk.server.v1.V1Decision;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * v1: the client building the signing text ({@code json.dumps} of key, nonce and version) and
 * its HMAC-SHA256, and the server deciding a correctly signed request for a known key (parse,
 * HMAC check, version, key, then the signed reply with a fresh server nonce).
 *
 * <p>The server check runs without the v1 replay cache, because it decides the same body again
 * and again; with the cache every call after the first would be a cheap rejection.
 */
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class V1ProtocolBenchmark {

    private Secret secret;
    private String nonce;
    private V1Authenticator authenticator;
    private byte[] requestBody;

    /** Signs one request and checks that the server activates it. */
    @Setup
    public void setUp() {
        secret = BenchmarkFixtures.randomSecret();
        nonce = Nonces.clientNonce();
        authenticator = new V1Authenticator(secret, Set.copyOf(DemoKeys.KEYS),
                Set.of(V1Protocol.REFERENCE_CLIENT_VERSION), Nonces::clientNonce);
        requestBody = signRequest().toJson().getBytes(StandardCharsets.UTF_8);

        V1Decision decision = authenticator.authenticate(requestBody);
        if (decision.status() != 200) {
            throw new IllegalStateException("The v1 server rejected the signed request: " + decision.logDetail());
        }
    }

    /** Client: the signing text and its HMAC, as {@code V1Client} sends them. */
    @Benchmark
    public V1Request signRequest() {
        return V1Protocol.signRequest(secret, PRODUCT_KEY, nonce, V1Protocol.REFERENCE_CLIENT_VERSION);
    }

    /** Server: every check of an accepted request, and the signed reply. */
    @Benchmark
    public V1Decision authenticate() {
        return authenticator.authenticate(requestBody);
    }
}
