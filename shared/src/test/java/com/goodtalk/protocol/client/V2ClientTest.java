package com.goodtalk.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2Request;
import com.goodtalk.protocol.v2.V2RequestSigner;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the v2 client against a real HTTP server on 127.0.0.1 that uses the library's server side. */
class V2ClientTest {

    private static final String KEY_ID = "desktop-1";
    private static final String VALID_KEY = "APENL-4N9L1-2KA9D-3JX0-44LSK";
    private static final List<String> ALL_STEPS = List.of(StepId.SIGN_REQUEST, StepId.SEND_REQUEST,
            StepId.PARSE_REPLY, StepId.CHECK_ALGORITHM, StepId.CHECK_KEY_ID, StepId.VERIFY_SIGNATURE,
            StepId.CHECK_REQUEST_HASH, StepId.CHECK_ECHO, StepId.READ_DECISION);

    private final Secret clientSecret = ReplyForge.randomSecret();
    private final ServerSigningKey serverKey = ServerSigningKey.generate();
    private LocalV2Server server;

    @BeforeEach
    void startServer() throws IOException {
        server = new LocalV2Server(KEY_ID, clientSecret, serverKey, Set.of(VALID_KEY));
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.close();
    }

    private V2Client.Builder clientBuilder() {
        return V2Client.builder()
                .server(server.baseUri())
                .clientKeyId(KEY_ID)
                .clientSecret(clientSecret)
                .pinnedKeys(JsonWebKeySet.of(serverKey.publicKey()))
                .machine("machine-01")
                .app("GoodTalk Desktop 0.1.0")
                .timeout(Duration.ofSeconds(30));
    }

    private static List<String> stepIds(VerificationTrace trace) {
        return trace.steps().stream().map(TraceStep::id).toList();
    }

    @Test
    void activationPassesEveryStep() {
        VerificationTrace trace = clientBuilder().build().activate("  " + VALID_KEY + "\n");

        assertThat(trace.verdict().kind()).as(trace.toJson()).isEqualTo(Verdict.Kind.ACTIVATED);
        assertThat(trace.protocol()).isEqualTo("v2");
        assertThat(trace.server().getPath()).isEqualTo("/v2/activate");
        assertThat(stepIds(trace)).isEqualTo(ALL_STEPS);
        assertThat(trace.steps()).allMatch(step -> step.outcome() == StepOutcome.PASSED);
        var signValues = trace.step(StepId.SIGN_REQUEST).orElseThrow().values();
        assertThat(signValues.get("JWS header")).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"goodtalk-request+jwt\","
                + "\"kid\":\"desktop-1\"}");
        assertThat(signValues.get("payload")).contains("\"key\":\"" + VALID_KEY + "\"");
        assertThat(signValues.get("signature")).matches("[A-Za-z0-9_-]{43}");
        assertThat(trace.step(StepId.READ_DECISION).orElseThrow().values().get("clock offset")).isNotBlank();
    }

    @Test
    void validateAndDeactivateSucceed() {
        V2Client client = clientBuilder().build();

        VerificationTrace validated = client.validate(VALID_KEY);
        VerificationTrace deactivated = client.deactivate(VALID_KEY);

        assertThat(validated.verdict().kind()).isEqualTo(Verdict.Kind.ACTIVATED);
        assertThat(validated.server().getPath()).isEqualTo("/v2/validate");
        assertThat(deactivated.verdict().kind()).isEqualTo(Verdict.Kind.DEACTIVATED);
        assertThat(deactivated.server().getPath()).isEqualTo("/v2/deactivate");
    }

    @Test
    void unknownKeyIsSignedRejection() {
        VerificationTrace trace = clientBuilder().build().activate("SDFK9-J4HUL-1JK9I9-923J-0069K");

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.REJECTED);
        assertThat(trace.verdict().serverReason()).contains("key_invalid");
        assertThat(trace.verdict().message()).contains("not known to this server");
        assertThat(trace.firstFailedStep().orElseThrow().id()).isEqualTo(StepId.READ_DECISION);
    }

    @Test
    void wrongClientSecretIsSignedBadSignature() {
        VerificationTrace trace = clientBuilder().clientSecret(ReplyForge.randomSecret()).build().activate(VALID_KEY);

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.REJECTED);
        assertThat(trace.verdict().serverReason()).contains("bad_signature");
        assertThat(trace.step(StepId.CHECK_ECHO).orElseThrow().summary()).contains("echoed no jti");
    }

    @Test
    void clientClockTenMinutesBehindIsStale() {
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));

        VerificationTrace trace = clientBuilder().clock(behind).build().activate(VALID_KEY);

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.REJECTED);
        assertThat(trace.verdict().serverReason()).contains("stale_request");
        assertThat(trace.verdict().message()).contains("allowed skew is 300 s");
        assertThat(trace.step(StepId.READ_DECISION).orElseThrow().values().get("clock offset"))
                .contains("ahead of this computer's");
    }

    @Test
    void replayedRequestBodyIsSignedReplayed() throws Exception {
        V2Request request = new V2RequestSigner(KEY_ID, clientSecret, Clock.systemUTC())
                .sign(V2Operation.ACTIVATE, VALID_KEY, "machine-01", "GoodTalk Desktop 0.1.0");

        // Resend the exact request bytes, as an eavesdropper would.
        HttpResponse<byte[]> once = post(request.body());
        HttpResponse<byte[]> twice = post(request.body());

        assertThat(once.statusCode()).isEqualTo(200);
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(new String(ReplyForge.payloadText(twice.body()), StandardCharsets.UTF_8))
                .contains("\"status\":\"replayed\"")
                .contains("\"req_jti\":\"" + request.jti() + "\"");
    }

    private HttpResponse<byte[]> post(byte[] body) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        return http.send(HttpRequest.newBuilder(server.baseUri().resolve("/v2/activate"))
                .header("Content-Type", V2Protocol.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void editedReplyFailsSignatureStep() {
        server.tamperWith(body -> {
            String text = new String(body, StandardCharsets.US_ASCII);
            int payloadStart = text.indexOf('.') + 1;
            char changed = text.charAt(payloadStart + 10) == 'A' ? 'B' : 'A';
            return (text.substring(0, payloadStart + 10) + changed + text.substring(payloadStart + 11))
                    .getBytes(StandardCharsets.US_ASCII);
        });

        VerificationTrace trace = clientBuilder().build().activate(VALID_KEY);

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.VERIFICATION_FAILED);
        assertThat(trace.verdict().failedStepId()).contains(StepId.VERIFY_SIGNATURE);
        assertThat(stepIds(trace)).isEqualTo(ALL_STEPS);
        assertThat(trace.step(StepId.CHECK_REQUEST_HASH).orElseThrow().outcome()).isEqualTo(StepOutcome.SKIPPED);
    }

    @Test
    void replayedOldReplyFailsRequestHash() {
        AtomicReference<byte[]> recorded = new AtomicReference<>();
        server.tamperWith(body -> recorded.compareAndSet(null, body) ? body : recorded.get());
        V2Client client = clientBuilder().build();
        client.activate(VALID_KEY);

        VerificationTrace trace = client.activate(VALID_KEY);

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.VERIFICATION_FAILED);
        assertThat(trace.verdict().failedStepId()).contains(StepId.CHECK_REQUEST_HASH);
    }

    @Test
    void unsignedForgedRejectionFailsParse() {
        server.tamperWith(body -> "{\"status\":\"key_invalid\"}".getBytes(StandardCharsets.UTF_8));

        VerificationTrace trace = clientBuilder().build().activate(VALID_KEY);

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.VERIFICATION_FAILED);
        assertThat(trace.verdict().failedStepId()).contains(StepId.PARSE_REPLY);
    }

    @Test
    void serverKeyNotPinnedFailsKeyId() {
        // The server publishes its key at /v2/keys, but only the pinned key counts.
        VerificationTrace trace = clientBuilder()
                .pinnedKeys(JsonWebKeySet.of(ServerSigningKey.generate().publicKey()))
                .build().activate(VALID_KEY);

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.VERIFICATION_FAILED);
        assertThat(trace.verdict().failedStepId()).contains(StepId.CHECK_KEY_ID);
    }

    @Test
    void wrongPathIsUnreachable() {
        VerificationTrace trace = clientBuilder().server(server.baseUri().resolve("/nothing/")).build()
                .activate(VALID_KEY);

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.UNREACHABLE);
        assertThat(trace.verdict().failedStepId()).contains(StepId.SEND_REQUEST);
        assertThat(trace.verdict().message()).contains("HTTP 404").contains("does not serve protocol v2");
        assertThat(trace.step(StepId.PARSE_REPLY).orElseThrow().outcome()).isEqualTo(StepOutcome.SKIPPED);
    }

    @Test
    void closedPortIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        VerificationTrace trace = clientBuilder().server(URI.create("http://127.0.0.1:" + port)).build()
                .activate(VALID_KEY);

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.UNREACHABLE);
        assertThat(trace.verdict().failedStepId()).contains(StepId.SEND_REQUEST);
        assertThat(stepIds(trace)).isEqualTo(ALL_STEPS);
    }

    @Test
    void builderRejectsMissingAndInvalidSettings() {
        assertThatThrownBy(() -> clientBuilder().pinnedKeys(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> V2Client.builder().server(server.baseUri()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("No client key id set");
        assertThatThrownBy(() -> clientBuilder().machine("bad machine").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("machine fingerprint");
        assertThatThrownBy(() -> clientBuilder().app("").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("app name");
        assertThatThrownBy(() -> clientBuilder().server(URI.create("ftp://127.0.0.1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
        assertThatThrownBy(() -> clientBuilder().build().activate("   "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    }
}
