package com.goodtalk.server.v2;

import static com.goodtalk.server.v2.V2Fixtures.assertRejected;
import static com.goodtalk.server.v2.V2Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2Request;
import com.goodtalk.protocol.v2.V2RequestSigner;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import com.goodtalk.testkit.TamperingProxy;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each rejection that a client can provoke from outside gets a signed reply that the real
 * {@code V2Client} verifies up to its decision, or, for bodies no client sends, that
 * {@link SignedReplies} verifies the same way. ({@code version_not_allowed} is not reachable:
 * the v2 server checks no client version.)
 */
class V2RejectionTest {

    private static final String KEY = DemoKeys.KEYS.get(0);

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private final V2Http http = new V2Http(server.baseUri());

    @Test
    void unknownKeyIsKeyInvalid() {
        VerificationTrace trace = V2Fixtures.client(server, V2Fixtures.machine()).activate("UNKNOWN-KEY-1234");

        assertRejected(trace, "key_invalid");
        assertThat(value(trace, StepId.READ_DECISION, "HTTP status")).isEqualTo("403");
        assertThat(trace.verdict().message()).contains("UNKNOWN-****").doesNotContain("UNKNOWN-KEY-1234");
    }

    @Test
    void mistypedNewFormatKeyIsKeyInvalid() {
        String key = ProductKeys.generate();
        char last = key.charAt(key.length() - 1);
        String mistyped = key.substring(0, key.length() - 1) + (last == 'X' ? 'Y' : 'X');

        VerificationTrace trace = V2Fixtures.client(server, V2Fixtures.machine()).activate(mistyped);

        assertRejected(trace, "key_invalid");
        assertThat(trace.verdict().message()).contains("check character");
    }

    @Test
    void wrongClientSecretIsBadSignature() {
        V2Client client = V2Fixtures.builder(server, V2Fixtures.machine())
                .clientSecret(Secret.ofUtf8("not the server's client secret"))
                .build();

        VerificationTrace trace = client.activate(KEY);

        assertRejected(trace, "bad_signature");
        assertThat(value(trace, StepId.READ_DECISION, "HTTP status")).isEqualTo("401");
        assertThat(value(trace, StepId.CHECK_ECHO, "req_jti")).as("no jti echoed before the HMAC verified")
                .isEqualTo("(absent)");
    }

    @Test
    void unknownClientKeyIdIsBadSignature() {
        V2Client client = V2Fixtures.builder(server, V2Fixtures.machine()).clientKeyId("someone-else").build();

        VerificationTrace trace = client.activate(KEY);

        assertRejected(trace, "bad_signature");
        assertThat(trace.verdict().message()).contains("\"someone-else\" is unknown");
    }

    @ParameterizedTest(name = "client clock {0} min off")
    @ValueSource(ints = {-10, 10})
    void clockTenMinutesOffIsStale(int minutes) {
        Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(minutes));
        V2Client client = V2Fixtures.builder(server, V2Fixtures.machine()).clock(skewed).build();

        VerificationTrace trace = client.activate(KEY);

        assertRejected(trace, "stale_request");
        assertThat(value(trace, StepId.READ_DECISION, "HTTP status")).isEqualTo("401");
        assertThat(trace.verdict().message()).contains("the server time").contains("300 s either way");
    }

    @Test
    void requestSentTwiceIsReplayed() throws Exception {
        V2Request request = signer(server.clientSecret()).sign(V2Operation.ACTIVATE, KEY, V2Fixtures.machine(),
                V2Fixtures.APP);

        HttpResponse<byte[]> first = http.post(V2Operation.ACTIVATE.path(), request.body());
        HttpResponse<byte[]> second = http.post(V2Operation.ACTIVATE.path(), request.body());

        ObjectNode accepted = SignedReplies.verify(first, request.body(), server.jwks());
        ObjectNode replayed = SignedReplies.verify(second, request.body(), server.jwks());
        assertThat(accepted.path("status").asText()).isEqualTo("activated");
        assertThat(replayed.path("status").asText()).isEqualTo("replayed");
        assertThat(replayed.path("req_jti").asText()).isEqualTo(request.jti());
        assertThat(second.statusCode()).isEqualTo(409);
    }

    @Test
    void copySentAheadMakesClientSeeReplayed() {
        AtomicReference<HttpResponse<byte[]>> copyReply = new AtomicReference<>();
        try (TamperingProxy proxy = TamperingProxy.start(server.baseUri())) {
            // A man in the middle sends a copy of each request to the server before forwarding it.
            proxy.editRequests(V2Operation.ACTIVATE.path(), body -> {
                copyReply.set(http.post(V2Operation.ACTIVATE.path(), body));
                return body;
            });
            V2Client client = V2Fixtures.builder(server, V2Fixtures.machine()).server(proxy.baseUri()).build();

            VerificationTrace trace = client.activate(KEY);

            assertRejected(trace, "replayed");
            assertThat(value(trace, StepId.READ_DECISION, "HTTP status")).isEqualTo("409");
            assertThat(copyReply.get().statusCode()).as("the copy took the activation").isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "garbage body \"{0}\"")
    @ValueSource(strings = {"garbage", "", "a.b.c", "{\"op\":\"activate\"}", "...", "e30.e30.", "e30.e30.e30.e30"})
    void garbageBodyIsSignedMalformed(String text) throws Exception {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> response = http.post(V2Operation.ACTIVATE.path(), body);

        ObjectNode reply = SignedReplies.verify(response, body, server.jwks());
        assertThat(reply.path("status").asText()).isEqualTo("malformed");
        assertThat(reply.has("req_jti")).as("no jti from an unverified body").isFalse();
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void keyWithForbiddenCharacterIsMalformed() {
        VerificationTrace trace = V2Fixtures.client(server, V2Fixtures.machine()).activate("APENL_4N9L1");

        assertRejected(trace, "malformed");
        assertThat(trace.verdict().message()).contains("U+005F").contains("position 6");
    }

    @Test
    void machineThatIsNoFingerprintIsMalformed() {
        VerificationTrace trace = V2Fixtures.client(server, "my-laptop").activate(KEY);

        assertRejected(trace, "malformed");
        assertThat(trace.verdict().message()).contains("claim machine");
    }

    @Test
    void bodyOverLimitIsSignedTooLarge() throws Exception {
        byte[] body = new byte[20_000];
        Arrays.fill(body, (byte) 'A');

        HttpResponse<byte[]> response = http.post(V2Operation.ACTIVATE.path(), body);

        ObjectNode reply = SignedReplies.verify(response, Arrays.copyOf(body, V2Protocol.MAX_REQUEST_BYTES + 1),
                server.jwks());
        assertThat(reply.path("status").asText()).isEqualTo("too_large");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(reply.path("message").asText()).contains("16384 bytes");
    }

    @Test
    void chunkedBodyOverLimitIsSignedTooLarge() throws Exception {
        byte[] body = new byte[40_000];
        Arrays.fill(body, (byte) 'B');

        HttpResponse<byte[]> response = http.postChunked(V2Operation.VALIDATE.path(), body);

        ObjectNode reply = SignedReplies.verify(response, Arrays.copyOf(body, V2Protocol.MAX_REQUEST_BYTES + 1),
                server.jwks());
        assertThat(reply.path("status").asText()).isEqualTo("too_large");
    }

    @Test
    void bodyExactlyAtLimitIsNotTooLarge() throws Exception {
        byte[] body = new byte[V2Protocol.MAX_REQUEST_BYTES];
        Arrays.fill(body, (byte) 'C');

        HttpResponse<byte[]> response = http.post(V2Operation.ACTIVATE.path(), body);

        ObjectNode reply = SignedReplies.verify(response, body, server.jwks());
        assertThat(reply.path("status").asText()).isEqualTo("malformed");
    }

    @Test
    void declaredTooLargeWithExpectContinueHashesNothing() throws Exception {
        V2Http.RawReply response = http.declareExpectingContinue(V2Operation.ACTIVATE.path(), 20_000);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.headers()).containsIgnoringCase("Content-Type: application/jose");
        ObjectNode reply = SignedReplies.verifyBody(response.body(), new byte[0], server.jwks());
        assertThat(reply.path("status").asText()).as("the client sent no body, so req hashes none")
                .isEqualTo("too_large");
    }

    @Test
    void getOnEndpointIsMethodNotAllowed() {
        HttpResponse<byte[]> response = http.request("GET", V2Operation.ACTIVATE.path());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void keysEndpointServesPublishedKeySet() {
        HttpResponse<byte[]> response = http.request("GET", V2Protocol.KEYS_PATH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/jwk-set+json");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(server.jwks().toJson());
    }

    @Test
    void everyEndpointSignsWithActiveKey() throws Exception {
        for (V2Operation operation : List.of(V2Operation.values())) {
            byte[] body = "x".getBytes(StandardCharsets.UTF_8);

            HttpResponse<byte[]> response = http.post(operation.path(), body);

            SignedReplies.verify(response, body, server.jwks());
            assertThat(SignedReplies.keyId(response)).as(operation.path())
                    .isEqualTo(server.signingKeys().activeKeyId());
        }
    }

    private static V2RequestSigner signer(Secret clientSecret) {
        return new V2RequestSigner(server.clientKeyId(), clientSecret, Clock.systemUTC());
    }
}
