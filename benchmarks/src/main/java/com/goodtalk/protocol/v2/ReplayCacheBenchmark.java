package com.goodtalk.protocol.v2;

import static com.goodtalk.benchmarks.BenchmarkFixtures.APP;
import static com.goodtalk.benchmarks.BenchmarkFixtures.CLIENT_KEY_ID;
import static com.goodtalk.benchmarks.BenchmarkFixtures.MACHINE;
import static com.goodtalk.benchmarks.BenchmarkFixtures.PRODUCT_KEY;

import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.v2.ReplayCache.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The replay check (check 7): {@link InMemoryReplayCache#checkAndRecord} with a fresh
 * {@code jti} each call, from one thread and from two threads that contend for its lock.
 *
 * <p>The cache runs in a steady state: a logical clock advances one second every
 * {@value #CALLS_PER_SECOND} calls and entries live {@value #WINDOW_SECONDS} s, so about
 * 60,000 entries are live and each call also expires old ones, as on a server that takes
 * 1,000 requests a second. The {@code jti} values are drawn in advance from a pool of 2^17
 * random ones, so the benchmark measures the cache rather than the random generator; a value
 * comes round again only after its entry expired.
 *
 * <p>This class sits in the v2 package because only the verifier may create a
 * {@link VerifiedV2Request}, through a package-private constructor.
 */
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ReplayCacheBenchmark {

    static final int CALLS_PER_SECOND = 1_000;

    static final int WINDOW_SECONDS = 60;

    private static final int JTI_POOL_SIZE = 1 << 17;

    private static final long START_SECONDS = Instant.parse("2025-06-01T12:00:00Z").getEpochSecond();

    private static final String REQUEST_HASH = V2Protocol.requestHash(new byte[0]);

    private final AtomicLong calls = new AtomicLong();
    private String[] jtis;
    private InMemoryReplayCache cache;

    /** Draws the jti pool and creates an empty cache that is large enough never to fill. */
    @Setup
    public void setUp() {
        jtis = new String[JTI_POOL_SIZE];
        for (int i = 0; i < jtis.length; i++) {
            jtis[i] = Nonces.randomUrlSafe(V2Protocol.JTI_BYTES);
        }
        cache = new InMemoryReplayCache(4 * CALLS_PER_SECOND * WINDOW_SECONDS, Duration.ofSeconds(WINDOW_SECONDS),
                new CallCountClock());
    }

    /** Records fresh jti values from one thread. */
    @Benchmark
    @Threads(1)
    public Outcome checkAndRecordAlone() {
        return checkAndRecordNext();
    }

    /** Records fresh jti values from two threads into the same cache. */
    @Benchmark
    @Threads(2)
    public Outcome checkAndRecordContended() {
        return checkAndRecordNext();
    }

    private Outcome checkAndRecordNext() {
        long call = calls.incrementAndGet();
        String jti = jtis[(int) (call % JTI_POOL_SIZE)];
        VerifiedV2Request request = new VerifiedV2Request(CLIENT_KEY_ID, V2Operation.ACTIVATE, PRODUCT_KEY, MACHINE,
                APP, jti, secondsAt(call), REQUEST_HASH);
        Outcome outcome = cache.checkAndRecord(request);
        if (outcome != Outcome.FRESH) {
            throw new IllegalStateException("The replay cache returned " + outcome + " for call " + call
                    + ", whose jti is fresh; the benchmark's clock or pool is wrong.");
        }
        return outcome;
    }

    private static long secondsAt(long call) {
        return START_SECONDS + call / CALLS_PER_SECOND;
    }

    /** A clock that advances with the number of calls made, so expiry keeps pace with the benchmark. */
    private final class CallCountClock extends Clock {
        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(secondsAt(calls.get()));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("The call-count clock is in UTC only.");
        }
    }
}
