package com.goodtalk.protocol.client;

import static com.goodtalk.benchmarks.BenchmarkFixtures.APP;
import static com.goodtalk.benchmarks.BenchmarkFixtures.CLIENT_KEY_ID;
import static com.goodtalk.benchmarks.BenchmarkFixtures.MACHINE;
import static com.goodtalk.benchmarks.BenchmarkFixtures.PRODUCT_KEY;

import com.goodtalk.benchmarks.BenchmarkFixtures;
import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.jose.CompactJws;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerPublicKey;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.protocol.v2.V2License;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2ReplySigner;
import com.goodtalk.protocol.v2.V2Request;
import com.goodtalk.protocol.v2.V2RequestRejectedException;
import com.goodtalk.protocol.v2.V2RequestSigner;
import com.goodtalk.protocol.v2.V2RequestVerifier;
import com.goodtalk.protocol.v2.V2SignedReply;
import com.goodtalk.protocol.v2.V2Status;
import com.goodtalk.protocol.v2.VerifiedV2Request;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
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
 * v2 replies: the server signing an {@code activated} reply with Ed25519, the client running
 * its acceptance checks on it (parse, algorithm, pinned key id, signature, request hash, jti
 * echo, decision, with the verification trace recorded), and the bare Ed25519 verification
 * inside those checks, to show how much of the client's time the signature takes.
 *
 * <p>This class sits in the client package because the client's reply checks and its HTTP
 * reply type are package-private; the benchmarks run on the class path, where the split
 * package is allowed.
 */
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
// Milliseconds, because Ed25519 takes tens of microseconds; in ops/us the throughput would lose its digits.
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class V2ReplyBenchmark {

    private static final URI ENDPOINT = URI.create("http://127.0.0.1:8080" + V2Operation.ACTIVATE.path());

    private static final String MESSAGE = "The key is activated on this machine.";

    private Clock clock;
    private V2ReplySigner replySigner;
    private VerifiedV2Request verifiedRequest;
    private V2License license;
    private V2Request request;
    private HttpReply reply;
    private V2ReplyChecks replyChecks;
    private ServerPublicKey publicKey;
    private byte[] signingInput;
    private byte[] signature;

    /** Signs a request and its reply, and checks that the client accepts the reply. */
    @Setup
    public void setUp() throws V2RequestRejectedException, MalformedMessageException {
        clock = BenchmarkFixtures.fixedClock();
        Secret clientSecret = BenchmarkFixtures.randomSecret();
        ServerSigningKey serverKey = ServerSigningKey.generate();
        publicKey = serverKey.publicKey();

        request = new V2RequestSigner(CLIENT_KEY_ID, clientSecret, clock)
                .sign(V2Operation.ACTIVATE, PRODUCT_KEY, MACHINE, APP);
        verifiedRequest = V2RequestVerifier.builder().clientKey(CLIENT_KEY_ID, clientSecret).clock(clock).build()
                .verify(V2Operation.ACTIVATE, request.body());
        license = new V2License("GoodTalk Desktop", "pro", List.of("export", "sync"), Optional.empty(), 1, 3,
                MACHINE);
        replySigner = new V2ReplySigner(serverKey, clock);

        V2SignedReply signedReply = signReply();
        reply = new HttpReply(signedReply.httpStatus(), V2Protocol.CONTENT_TYPE, signedReply.body());
        replyChecks = new V2ReplyChecks(JsonWebKeySet.of(publicKey), clock);
        Verdict verdict = verifyReply();
        if (!verdict.isActivated()) {
            throw new IllegalStateException("The client did not accept the signed reply: " + verdict.message());
        }

        CompactJws jws = CompactJws.parse(signedReply.body());
        signingInput = jws.signingInput();
        signature = jws.signature();
    }

    /** Server: signs an {@code activated} reply with its license object. */
    @Benchmark
    public V2SignedReply signReply() {
        return replySigner.sign(verifiedRequest, V2Status.ACTIVATED, MESSAGE, license);
    }

    /** Client: every acceptance check of the reply, recording the trace as {@code V2Client} does. */
    @Benchmark
    public Verdict verifyReply() {
        return replyChecks.run(new TraceRecorder("v2", ENDPOINT, clock), request, reply);
    }

    /** Client: the Ed25519 verification alone, over the reply's header and payload. */
    @Benchmark
    public boolean verifyEd25519Signature() {
        return publicKey.verifySignature(signingInput, signature);
    }
}
