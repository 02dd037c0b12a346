package com.goodtalk.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v1.V1Reply;
import com.goodtalk.protocol.v1.V1Request;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link V1Client} against a small v1 server on loopback whose replies each test controls,
 * including broken ones that the full license server never sends.
 */
class V1ClientTest {

    private static final Secret SECRET = Secret.ofUtf8("test secret for the v1 client");
    private static final String KEY = "APENL-4N9L1-2KA9D-3JX0-44LSK";

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stopServer() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
        executor.shutdownNow();
    }

    /** Starts a server whose /authenticate handler maps the request body to a reply. */
    private URI serve(Function<byte[], Reply> handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext(V1Protocol.AUTHENTICATE_PATH, exchange -> respond(exchange, handler));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void respond(HttpExchange exchange, Function<byte[], Reply> handler) throws IOException {
        Reply reply = handler.apply(exchange.getRequestBody().readAllBytes());
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status, reply.body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body);
        }
    }

    private record Reply(int status, byte[] body) {
        static Reply of(int status, String body) {
            return new Reply(status, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The reply of an honest server that knows {@link #KEY}. */
    private static Reply honest(byte[] body) {
        try {
            V1Request request = V1Protocol.parseRequest(body);
            if (!V1Protocol.hmacMatches(SECRET, request.signingText(), request.hmac())) {
                return Reply.of(403, V1Protocol.errorBody(V1Protocol.ERROR_NOT_ALLOWED));
            }
            if (!request.key().equals(KEY)) {
                return Reply.of(403, V1Protocol.errorBody(V1Protocol.ERROR_KEY_INVALID));
            }
            return Reply.of(200, V1Protocol.signReply(SECRET, request, "serverNonce123").toJson());
        } catch (Exception e) {
            return Reply.of(403, V1Protocol.errorBody(V1Protocol.ERROR_NOT_ALLOWED));
        }
    }

    private static V1Client client(URI server) {
        return V1Client.builder().server(server).secret(SECRET).timeout(Duration.ofSeconds(2)).build();
    }

    private static List<String> stepIds(VerificationTrace trace) {
        return trace.steps().stream().map(TraceStep::id).toList();
    }

    @Test
    void honestServerActivatesWithEveryStepPassed() throws IOException {
        URI server = serve(V1ClientTest::honest);

        VerificationTrace trace = client(server).activate("  " + KEY + "\n");

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.ACTIVATED);
        assertThat(stepIds(trace)).containsExactly(StepId.SIGN_REQUEST, StepId.SEND_REQUEST, StepId.PARSE_REPLY,
                StepId.VERIFY_SIGNATURE, StepId.CHECK_ECHO, StepId.READ_DECISION);
        assertThat(trace.steps()).allMatch(step -> step.outcome() == StepOutcome.PASSED);
        assertThat(trace.step(StepId.SIGN_REQUEST).orElseThrow().values()).containsEntry("key", KEY);
    }

    @Test
    void unknownKeyIsRejectedWithServerReason() throws IOException {
        URI server = serve(V1ClientTest::honest);

        VerificationTrace trace = client(server).activate("UNKNOWN-KEY");

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.REJECTED);
        assertThat(trace.verdict().serverReason()).contains(V1Protocol.ERROR_KEY_INVALID);
        assertThat(trace.step(StepId.VERIFY_SIGNATURE).orElseThrow().outcome()).isEqualTo(StepOutcome.SKIPPED);
        assertThat(trace.step(StepId.READ_DECISION).orElseThrow().outcome()).isEqualTo(StepOutcome.FAILED);
    }

    @Test
    void wrongSecretIsRejectedAsNotAllowed() throws IOException {
        URI server = serve(V1ClientTest::honest);
        V1Client wrongSecret = V1Client.builder().server(server).secret(Secret.ofUtf8("other")).build();

        VerificationTrace trace = wrongSecret.activate(KEY);

        assertThat(trace.verdict().serverReason()).contains(V1Protocol.ERROR_NOT_ALLOWED);
    }

    @Test
    void deadServerIsUnreachable() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }

        VerificationTrace trace = client(URI.create("http://127.0.0.1:" + freePort)).activate(KEY);

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.UNREACHABLE);
        assertThat(trace.verdict().failedStepId()).contains(StepId.SEND_REQUEST);
        assertThat(trace.verdict().message()).contains("Could not connect").contains(String.valueOf(freePort));
    }

    @Test
    void stalledServerTimesOut() throws IOException {
        URI server = serve(body -> {
            awaitRelease();
            return honest(body);
        });
        V1Client impatient = V1Client.builder().server(server).secret(SECRET).timeout(Duration.ofMillis(300)).build();

        VerificationTrace trace = impatient.activate(KEY);

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.UNREACHABLE);
        assertThat(trace.verdict().message()).contains("did not reply within 300 ms");
    }

    @Test
    void httpErrorFailsSendStep() throws IOException {
        URI server = serve(body -> Reply.of(500, "<html>Internal Server Error</html>"));

        VerificationTrace trace = client(server).activate(KEY);

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.UNREACHABLE);
        assertThat(trace.verdict().message()).contains("HTTP 500");
        assertThat(trace.step(StepId.PARSE_REPLY).orElseThrow().outcome()).isEqualTo(StepOutcome.SKIPPED);
    }

    @Test
    void garbageReplyFailsParseStep() throws IOException {
        URI server = serve(body -> Reply.of(200, "this is not JSON"));

        VerificationTrace trace = client(server).activate(KEY);

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.VERIFICATION_FAILED);
        assertThat(trace.verdict().failedStepId()).contains(StepId.PARSE_REPLY);
        assertThat(trace.verdict().message()).contains("not valid JSON");
    }

    @Test
    void oversizedReplyIsCutOff() throws IOException {
        URI server = serve(body -> new Reply(200, new byte[V1Client.MAX_REPLY_BYTES + 1]));

        VerificationTrace trace = client(server).activate(KEY);

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.VERIFICATION_FAILED);
        assertThat(trace.verdict().message()).contains("larger than " + V1Client.MAX_REPLY_BYTES);
    }

    @Test
    void forgedAcceptanceFailsSignatureStep() throws IOException {
        URI server = serve(body -> {
            try {
                V1Request request = V1Protocol.parseRequest(body);
                return Reply.of(200, V1Protocol.signReply(Secret.ofUtf8("forger"), request, "n").toJson());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        VerificationTrace trace = client(server).activate(KEY);

        assertThat(trace.verdict().failedStepId()).contains(StepId.VERIFY_SIGNATURE);
        assertThat(trace.step(StepId.CHECK_ECHO).orElseThrow().outcome()).isEqualTo(StepOutcome.SKIPPED);
    }

    @Test
    void replayedReplyFailsEchoStep() throws IOException {
        V1Request earlier = V1Protocol.signRequest(SECRET, KEY, "an-old-nonce", V1Protocol.REFERENCE_CLIENT_VERSION);
        V1Reply oldReply = V1Protocol.signReply(SECRET, earlier, "old-server-nonce");
        URI server = serve(body -> Reply.of(200, oldReply.toJson()));

        VerificationTrace trace = client(server).activate(KEY);

        assertThat(trace.verdict().failedStepId()).contains(StepId.CHECK_ECHO);
        assertThat(trace.verdict().message()).contains("nonce");
    }

    @Test
    void blankKeyRejectedBeforeAnyRequest() {
        V1Client client = client(URI.create("http://127.0.0.1:1"));

        assertThatThrownBy(() -> client.activate("  \t")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }

    @Test
    void nonHttpServerUrlRejected() {
        assertThatThrownBy(() -> V1Client.builder().server(URI.create("ftp://example.test")))
                .hasMessageContaining("ftp://example.test")
                .hasMessageContaining("http://");
    }

    @Test
    void traceRendersAsJson() throws IOException {
        URI server = serve(V1ClientTest::honest);

        String json = client(server).activate(KEY).toJson();

        assertThat(json).contains("\"kind\" : \"activated\"").contains("\"id\" : \"verify_signature\"");
    }

    private void awaitRelease() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
