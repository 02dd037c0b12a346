package com.goodtalk.server.tamper.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2RequestSigner;
import com.goodtalk.protocol.v2.V2Status;
import com.goodtalk.server.tamper.v2.FuzzBodies.NamedBody;
import com.goodtalk.server.testing.RunningServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fuzzes the real server's v2 request parser on loopback with random bodies and mutated valid
 * requests, 2000 in all from one seed. Every reply must be a signed JWS that verifies with the
 * pinned key and is bound to the body sent. No reply may be a 5xx or accept a body. Afterwards
 * no worker thread may be left busy, and the server must still serve a real client.
 *
 * <p>The seed is printed; rerun one sequence with {@code -Dgoodtalk.fuzz.seed=N}. The seed fixes
 * the random bodies and which mutations hit which positions. NOTE: the valid requests that get
 * mutated carry a fresh jti and an HMAC keyed with the server's per-run secret, so their bytes
 * differ between runs; a failure report therefore prints each failing body.
 */
class V2RequestFuzzTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    /** The seed when none is given, fixed so that every run sends the same bodies. */
    private static final long DEFAULT_SEED = 20_250_601L;

    private static final int RANDOM_BODIES = 1000;
    private static final int MUTATED_BODIES = 1000;
    private static final int SENDERS = 4;
    private static final int TRUNCATED_UPLOADS = 20;
    private static final int MAX_FAILURES_SHOWN = 10;
    private static final Set<String> ACCEPTING_STATUSES = Set.of(V2Status.ACTIVATED.word(), V2Status.VALID.word(),
            V2Status.DEACTIVATED.word());

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> statusCounts = new ConcurrentHashMap<>();

    /** One fuzz case: the endpoint, the body and how it was made. */
    private record FuzzCase(int number, V2Operation endpoint, NamedBody body) {
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void fuzzedBodiesAreRejectedWithSignedReplies() throws Exception {
        long seed = Long.getLong("goodtalk.fuzz.seed", DEFAULT_SEED);
        System.out.println("v2 request fuzz seed " + seed + " (rerun with -Dgoodtalk.fuzz.seed=" + seed + ")");
        List<FuzzCase> cases = generate(new Random(seed));
        Map<String, Thread.State> threadsBefore = ServerThreads.snapshot();
        long started = System.nanoTime();

        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (FuzzCase fuzzCase : cases) {
                sent.add(senders.submit(() -> send(fuzzCase)));
            }
            for (Future<?> future : sent) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }
        sendTruncatedUploads(new Random(seed));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("v2 request fuzz: %d bodies and %d truncated uploads in %d ms, replies by status %s%n",
                cases.size(), TRUNCATED_UPLOADS, elapsed.toMillis(), new TreeMap<>(statusCounts));

        assertThat(failures).as("%d fuzz cases broke a rule (seed %d); the first: %s", failures.size(), seed,
                String.join("\n", failures.stream().limit(MAX_FAILURES_SHOWN).toList())).isEmpty();
        assertThat(statusCounts.keySet()).as("statuses of fuzzed replies").doesNotContainAnyElementsOf(
                ACCEPTING_STATUSES);
        assertWorkersIdle(threadsBefore);
        assertServerStillAnswers();
    }

    private List<FuzzCase> generate(Random random) {
        V2RequestSigner signer = new V2RequestSigner(server.clientKeyId(), server.clientSecret(), Clock.systemUTC());
        FuzzBodies bodies = new FuzzBodies(random, server.clientKeyId());
        V2Operation[] operations = V2Operation.values();
        List<FuzzCase> cases = new ArrayList<>();
        for (int i = 0; i < RANDOM_BODIES; i++) {
            cases.add(new FuzzCase(cases.size(), operations[random.nextInt(operations.length)], bodies.randomBody()));
        }
        for (int i = 0; i < MUTATED_BODIES; i++) {
            V2Operation operation = operations[random.nextInt(operations.length)];
            String machine = V2Tampering.fingerprint("fuzz machine " + i);
            byte[] valid = signer.sign(operation, V2Tampering.KEY, machine, V2Tampering.APP).body();
            byte[] other = signer.sign(operation, V2Tampering.KEY, machine, V2Tampering.APP).body();
            cases.add(new FuzzCase(cases.size(), operation, bodies.mutated(valid, other)));
        }
        return cases;
    }

    private void send(FuzzCase fuzzCase) {
        byte[] body = fuzzCase.body().body();
        String context = "case " + fuzzCase.number() + " (" + fuzzCase.body().description() + ", " + body.length
                + " bytes to " + fuzzCase.endpoint().path() + "): " + preview(body);
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + fuzzCase.endpoint().path()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", V2Protocol.CONTENT_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            failures.add(context + " -> no reply: " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(context + " -> interrupted");
            return;
        }
        if (response.statusCode() >= 500) {
            failures.add(context + " -> HTTP " + response.statusCode() + " "
                    + new String(response.body(), StandardCharsets.UTF_8));
            return;
        }
        try {
            SignedServerReply reply = SignedServerReply.verify(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), response.body(), server.jwks());
            statusCounts.computeIfAbsent(reply.status(), status -> new AtomicInteger()).incrementAndGet();
            String expected = CheckOrder.requestCheck(body, server.clientKeyId()).status().word();
            if (!reply.requestHash().equals(expectedRequestHash(body, reply))) {
                failures.add(context + " -> req " + reply.requestHash() + " is not the SHA-256 of the bytes read");
            } else if (!reply.status().equals(expected)) {
                failures.add(context + " -> " + reply.status() + " (" + reply.message() + "), but the check order"
                        + " predicts " + expected);
            } else if (reply.requestJti().isPresent()) {
                failures.add(context + " -> req_jti " + reply.requestJti().get() + " echoed from an unverified body");
            }
        } catch (AssertionError e) {
            failures.add(context + " -> unverifiable reply: " + e.getMessage());
        }
    }

    /**
     * Returns the {@code req} a reply to {@code body} must carry. The server stops reading an
     * oversized body after 16 KiB + 1 bytes, so a {@code too_large} reply hashes only those.
     */
    private static String expectedRequestHash(byte[] body, SignedServerReply reply) {
        if (reply.status().equals(V2Status.TOO_LARGE.word()) && body.length > V2Protocol.MAX_REQUEST_BYTES) {
            return V2Protocol.requestHash(Arrays.copyOf(body, V2Protocol.MAX_REQUEST_BYTES + 1));
        }
        return V2Protocol.requestHash(body);
    }

    /**
     * Sends requests whose body stops before its declared {@code Content-Length} and then closes
     * the connection, which leaves a worker waiting for bytes that never come unless the server
     * notices the closed connection.
     */
    private void sendTruncatedUploads(Random random) throws IOException {
        URI base = server.baseUri();
        for (int i = 0; i < TRUNCATED_UPLOADS; i++) {
            int declared = 100 + random.nextInt(V2Protocol.MAX_REQUEST_BYTES);
            int sentBytes = random.nextInt(declared);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
                socket.setSoTimeout(5000);
                OutputStream out = socket.getOutputStream();
                String head = "POST " + V2Operation.ACTIVATE.path() + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                        + base.getPort() + "\r\nContent-Type: " + V2Protocol.CONTENT_TYPE + "\r\nContent-Length: "
                        + declared + "\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write("A".repeat(sentBytes).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.shutdownOutput();
                drain(socket.getInputStream());
            }
        }
    }

    private static void drain(InputStream in) {
        try {
            in.readAllBytes();
        } catch (IOException e) {
            // A reset or a timeout both end the exchange. The thread check afterwards shows whether a worker hangs.
        }
    }

    /** Returns the body as text for the failure report: bytes outside printable ASCII as {@code ?}, cut after 1000. */
    private static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 1000), StandardCharsets.ISO_8859_1);
        return text.replaceAll("[^\\x20-\\x7e]", "?") + (body.length > 1000 ? "..." : "");
    }

    /** Checks that every server worker thread returns to waiting for work, and prints the counts. */
    private static void assertWorkersIdle(Map<String, Thread.State> before) {
        await("server worker threads idle after the fuzz").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ServerThreads.busyWorkers().isEmpty());
        Map<String, Thread.State> after = ServerThreads.snapshot();
        System.out.printf("server threads before the fuzz: %d %s%nserver threads after the fuzz: %d %s%n",
                before.size(), ServerThreads.countByState(before), after.size(), ServerThreads.countByState(after));
        assertThat(ServerThreads.busyWorkers()).as("worker threads still busy after the fuzz").isEmpty();
        assertThat(ServerThreads.nonWorkers(after)).as("I/O and acceptor threads after the fuzz")
                .isEqualTo(ServerThreads.nonWorkers(before));
    }

    /** Checks that the real client still activates, within its 5-second timeout. */
    private static void assertServerStillAnswers() {
        VerificationTrace trace = V2Tampering.clientBuilder(server.baseUri(), server)
                .timeout(Duration.ofSeconds(5))
                .build()
                .activate(V2Tampering.KEY);

        assertThat(trace.verdict().kind()).as(trace.toJson()).isEqualTo(Verdict.Kind.ACTIVATED);
    }
}
