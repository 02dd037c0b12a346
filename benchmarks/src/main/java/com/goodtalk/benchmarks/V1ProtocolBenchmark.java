package com.goodtalk.benchmarks;

import static com.goodtalk.benchmarks.BenchmarkFixtures.PRODUCT_KEY;

import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v1.V1Request;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.StartupKeys;
import com.goodtalk.server.admin.StoreOptions;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.LicenseStores;
import com.goodtalk.server.store.StoreConfig;
import com.goodtalk.server.v1.V1Authenticator;
import com.goodtalk.server.v1.V1Decision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * v1: the client building the signing text ({@code json.dumps} of key, nonce and version) and
 * its HMAC-SHA256, and the server deciding a correctly signed request for a known key (parse,
 * HMAC check, version, the key check in a SQLite license store on a file in a new temporary
 * directory, then the signed reply with a fresh server nonce).
 *
 * <p>The key check is a write transaction, because it appends an audit row, so
 * {@code authenticate} measures the disk's commit cost as well. The server check runs without the
 * v1 replay cache, because it decides the same body again and again. With the cache, every call
 * after the first would be a cheap rejection.
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
    private Path dataDirectory;
    private LicenseStore store;
    private V1Authenticator authenticator;
    private byte[] requestBody;

    /** Opens the store with the demo keys, signs one request and checks that the server activates it. */
    @Setup
    public void setUp() throws IOException {
        secret = BenchmarkFixtures.randomSecret();
        nonce = Nonces.clientNonce();
        dataDirectory = Files.createTempDirectory("goodtalk-v1-benchmark");
        store = LicenseStores.sqlite(dataDirectory, StoreConfig.builder(BenchmarkFixtures.randomSecret())
                .keyNormalizer(StoreOptions::normalizeKey)
                .build());
        StartupKeys.importKeyFile(store, DemoKeys.KEYS, 3);
        authenticator = new V1Authenticator(secret, store, Set.of(V1Protocol.REFERENCE_CLIENT_VERSION),
                Nonces::clientNonce);
        requestBody = signRequest().toJson().getBytes(StandardCharsets.UTF_8);

        V1Decision decision = authenticator.authenticate(requestBody);
        if (decision.status() != 200) {
            throw new IllegalStateException("The v1 server rejected the signed request: " + decision.logDetail());
        }
    }

    /** Closes the store and deletes its directory. */
    @TearDown
    public void tearDown() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
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
