package com.goodtalk.benchmarks;

import static com.goodtalk.benchmarks.BenchmarkFixtures.MACHINE;

import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.server.store.ActivationResult;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.LicenseStores;
import com.goodtalk.server.store.LicenseTerms;
import com.goodtalk.server.store.StoreConfig;
import com.goodtalk.server.store.ValidationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * The SQLite license store on a file in a new temporary directory: {@code activate} by a machine
 * that already holds its seat (the path a client takes at every start), {@code validate}, which
 * records the last-seen time, and {@code rememberNonce} with a fresh nonce, which the server's
 * replay caches call for every request. Each runs as a write transaction in WAL mode, so they
 * measure the disk's commit cost as well as the SQL.
 */
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
// Milliseconds, because every call commits to disk; in microseconds the throughput would print as 10^-4.
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SqliteStoreBenchmark {

    private static final String PRODUCT = "goodtalk-desktop";

    private final AtomicLong nonces = new AtomicLong();
    private Path dataDirectory;
    private LicenseStore store;
    private String productKey;
    private String noncePrefix;

    /** Creates the store, issues one key and gives {@link BenchmarkFixtures#MACHINE} a seat on it. */
    @Setup
    public void setUp() throws IOException {
        dataDirectory = Files.createTempDirectory("goodtalk-store-benchmark");
        store = LicenseStores.sqlite(dataDirectory, StoreConfig.builder(BenchmarkFixtures.randomSecret()).build());
        store.createProduct(PRODUCT, "GoodTalk Desktop");
        productKey = ProductKeys.generate();
        store.issue(new LicenseTerms(PRODUCT, "pro", List.of("export", "sync"), 3, null, "benchmark"), productKey,
                "benchmark");
        noncePrefix = "bench:" + Nonces.randomUrlSafe(16) + ":";
        ActivationResult first = store.activate(productKey, MACHINE);
        if (!first.isActivated() || !first.newSeat()) {
            throw new IllegalStateException("The first activation did not take a new seat: " + first.message());
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

    /** Activates again on the machine that holds a seat; the store finds the seat and takes no other. */
    @Benchmark
    public ActivationResult activateHeldSeat() {
        ActivationResult result = store.activate(productKey, MACHINE);
        if (result.newSeat() || !result.isActivated()) {
            throw new IllegalStateException("A repeated activation did not find the held seat: " + result.message());
        }
        return result;
    }

    /** Records a nonce never seen before, kept for 300 s, as the replay caches do for each request. */
    @Benchmark
    public boolean rememberFreshNonce() {
        String nonce = noncePrefix + nonces.incrementAndGet();
        boolean fresh = store.rememberNonce(nonce, Instant.now().plusSeconds(300));
        if (!fresh) {
            throw new IllegalStateException("The store reported the new nonce " + nonce + " as seen before.");
        }
        return fresh;
    }

    /** Validates the key on the machine that holds a seat. */
    @Benchmark
    public ValidationResult validateHeldSeat() {
        ValidationResult result = store.validate(productKey, MACHINE);
        if (!result.isValid()) {
            throw new IllegalStateException("Validating a held seat returned " + result.outcome() + ".");
        }
        return result;
    }
}
