package com.goodtalk.benchmarks;

import static com.goodtalk.benchmarks.BenchmarkFixtures.APP;
import static com.goodtalk.benchmarks.BenchmarkFixtures.CLIENT_KEY_ID;
import static com.goodtalk.benchmarks.BenchmarkFixtures.MACHINE;
import static com.goodtalk.benchmarks.BenchmarkFixtures.PRODUCT_KEY;

import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Request;
import com.goodtalk.protocol.v2.V2RequestRejectedException;
import com.goodtalk.protocol.v2.V2RequestSigner;
import com.goodtalk.protocol.v2.V2RequestVerifier;
import com.goodtalk.protocol.v2.VerifiedV2Request;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
 * v2 requests: the client signing one (JSON, a fresh 256-bit {@code jti}, HKDF-derived HS256),
 * the server running checks 1 to 6 on an accepted one (size, syntax, header, HMAC, claims,
 * {@code iat}), and the server rejecting a forged one at the HMAC check. The replay cache
 * (check 7) has its own benchmark.
 */
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class V2RequestBenchmark {

    private V2RequestSigner signer;
    private V2RequestVerifier verifier;
    private byte[] signedBody;
    private byte[] forgedBody;

    /** Signs one request and checks that the verifier accepts it and rejects its forged copy at the HMAC. */
    @Setup
    public void setUp() throws V2RequestRejectedException {
        Clock clock = BenchmarkFixtures.fixedClock();
        Secret clientSecret = BenchmarkFixtures.randomSecret();
        signer = new V2RequestSigner(CLIENT_KEY_ID, clientSecret, clock);
        verifier = V2RequestVerifier.builder().clientKey(CLIENT_KEY_ID, clientSecret).clock(clock).build();

        signedBody = signer.sign(V2Operation.ACTIVATE, PRODUCT_KEY, MACHINE, APP).body();
        forgedBody = withChangedSignature(signedBody);

        verifier.verify(V2Operation.ACTIVATE, signedBody);
        try {
            verifier.verify(V2Operation.ACTIVATE, forgedBody);
            throw new IllegalStateException("The verifier accepted a request with a changed signature.");
        } catch (V2RequestRejectedException e) {
            if (e.check() != V2RequestRejectedException.Check.HMAC) {
                throw new IllegalStateException("The forged request failed check " + e.check()
                        + " instead of the HMAC check, so this benchmark would not measure the HMAC path.", e);
            }
        }
    }

    /** Client: builds and signs an activate request. */
    @Benchmark
    public V2Request signRequest() {
        return signer.sign(V2Operation.ACTIVATE, PRODUCT_KEY, MACHINE, APP);
    }

    /** Server: checks 1 to 6 on a correctly signed request. */
    @Benchmark
    public VerifiedV2Request verifyRequest() throws V2RequestRejectedException {
        return verifier.verify(V2Operation.ACTIVATE, signedBody);
    }

    /** Server: checks 1 to 4 on a request whose HMAC does not match, the cost of turning away a forgery. */
    @Benchmark
    public V2RequestRejectedException rejectForgedRequest() {
        try {
            verifier.verify(V2Operation.ACTIVATE, forgedBody);
        } catch (V2RequestRejectedException e) {
            return e;
        }
        throw new IllegalStateException("The verifier accepted a request with a changed signature.");
    }

    /** Swaps one base64url character in the middle of the signature, which keeps the syntax valid. */
    private static byte[] withChangedSignature(byte[] body) {
        String text = new String(body, StandardCharsets.US_ASCII);
        int position = text.lastIndexOf('.') + 10;
        char replacement = text.charAt(position) == 'A' ? 'B' : 'A';
        return (text.substring(0, position) + replacement + text.substring(position + 1))
                .getBytes(StandardCharsets.US_ASCII);
    }
}
