package com.goodtalk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.client.V1Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v1.V1Reply;
import com.goodtalk.protocol.v1.V1Request;
import com.goodtalk.server.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Checks every reply case of {@code POST /authenticate} and {@code GET /health} on a running server. */
class AuthenticateEndpointTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    static final List<String> demoKeys = DemoKeys.KEYS;

    private static final String DEMO_KEY = DemoKeys.KEYS.get(0);
    private static final String NOT_ALLOWED = "{\"error\": \"Not Allowed\"}";
    private static final String VERSION_NOT_ALLOWED = "{\"error\": \"version_not_allowed\"}";
    private static final String KEY_INVALID = "{\"error\": \"key_invalid\"}";

    private final TestHttp http = new TestHttp(server.baseUri());

    @ParameterizedTest
    @FieldSource("demoKeys")
    void demoKeyActivatesWithSignedReply(String key) throws Exception {
        V1Request request = V1Protocol.signRequest(server.secret(), key, Nonces.clientNonce(), "0.0.1");

        HttpResponse<String> response = post(request);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        V1Reply reply = V1Protocol.parseReply(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(reply.key()).isEqualTo(request.key());
        assertThat(reply.nonce()).isEqualTo(request.nonce());
        assertThat(reply.version()).isEqualTo(request.version());
        assertThat(reply.hmac()).isEqualTo(request.hmac());
        assertThat(V1Protocol.hmacMatches(server.secret(), reply.signingText(), reply.serverSignature())).isTrue();
        assertThat(response.body()).isEqualTo(reply.toJson());
    }

    @Test
    void replyMembersInReferenceOrder() throws Exception {
        HttpResponse<String> response = post(V1Protocol.signRequest(server.secret(), DEMO_KEY, "n", "0.0.1"));

        List<String> names = new ArrayList<>();
        Iterator<String> fields = new ObjectMapper().readTree(response.body()).fieldNames();
        fields.forEachRemaining(names::add);

        assertThat(names).containsExactly("key", "nonce", "version", "hmac", "serverNonce", "serverSignature");
    }

    @Test
    void serverNonceIsFreshUrlSafeBase64() throws Exception {
        V1Request request = V1Protocol.signRequest(server.secret(), DEMO_KEY, Nonces.clientNonce(), "0.0.1");

        String first = serverNonce(post(request));
        String second = serverNonce(post(request));

        assertThat(first).matches("[A-Za-z0-9_-]{14,}");
        assertThat(second).matches("[A-Za-z0-9_-]{14,}");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void unknownMembersAreIgnoredLikeReference() {
        V1Request request = V1Protocol.signRequest(server.secret(), DEMO_KEY, "n", "0.0.1");
        String body = request.toJson().replace("{", "{\"extra\": [1, {\"x\": null}], ");

        HttpResponse<String> response = http.post(V1Protocol.AUTHENTICATE_PATH, body);

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void bodyNotJsonIsNotAllowed() {
        assertReply(http.post(V1Protocol.AUTHENTICATE_PATH, "key=APENL"), 403, NOT_ALLOWED);
    }

    @Test
    void missingFieldIsNotAllowed() {
        String body = "{\"key\": \"" + DEMO_KEY + "\", \"nonce\": \"n\", \"version\": \"0.0.1\"}";

        assertReply(http.post(V1Protocol.AUTHENTICATE_PATH, body), 403, NOT_ALLOWED);
    }

    @Test
    void hmacMismatchIsNotAllowed() {
        V1Request signed = V1Protocol.signRequest(server.secret(), DEMO_KEY, "n", "0.0.1");
        V1Request tampered = new V1Request(signed.key(), "other nonce", signed.version(), signed.hmac());

        assertReply(post(tampered), 403, NOT_ALLOWED);
    }

    @Test
    void hmacFromOtherSecretIsNotAllowed() {
        V1Request request = V1Protocol.signRequest(Secret.proofOfConceptDemo(), DEMO_KEY, "n", "0.0.1");

        assertReply(post(request), 403, NOT_ALLOWED);
    }

    @Test
    void upperCaseHmacIsNotAllowed() {
        V1Request signed = V1Protocol.signRequest(server.secret(), DEMO_KEY, "n", "0.0.1");
        V1Request upper = new V1Request(signed.key(), signed.nonce(), signed.version(), signed.hmac().toUpperCase());

        assertReply(post(upper), 403, NOT_ALLOWED);
    }

    @Test
    void wrongVersionIsVersionNotAllowed() {
        V1Request request = V1Protocol.signRequest(server.secret(), DEMO_KEY, "n", "0.0.2");

        assertReply(post(request), 403, VERSION_NOT_ALLOWED);
    }

    @Test
    void unknownKeyIsKeyInvalid() {
        V1Request request = V1Protocol.signRequest(server.secret(), "AAAAA-BBBBB-CCCCC-DDDD-EEEEE", "n", "0.0.1");

        assertReply(post(request), 403, KEY_INVALID);
    }

    @Test
    void hmacCheckedBeforeVersion() {
        V1Request signed = V1Protocol.signRequest(server.secret(), DEMO_KEY, "n", "9.9.9");
        V1Request tampered = new V1Request(signed.key(), signed.nonce(), signed.version(), "0".repeat(64));

        assertReply(post(tampered), 403, NOT_ALLOWED);
    }

    @Test
    void hmacCheckedBeforeKey() {
        V1Request request = V1Protocol.signRequest(Secret.ofUtf8("another secret"), "UNKNOWN-KEY", "n", "0.0.1");

        assertReply(post(request), 403, NOT_ALLOWED);
    }

    @Test
    void versionCheckedBeforeKey() {
        V1Request request = V1Protocol.signRequest(server.secret(), "UNKNOWN-KEY", "n", "9.9.9");

        assertReply(post(request), 403, VERSION_NOT_ALLOWED);
    }

    @Test
    void healthRepliesStillAlive() {
        assertReply(http.request("GET", V1Protocol.HEALTH_PATH), 200, "{\"status\": \"Still Alive\"}");
    }

    @Test
    void v1ClientActivatesDemoKey() {
        VerificationTrace trace = client().activate(DEMO_KEY);

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.ACTIVATED);
    }

    @Test
    void v1ClientReadsKeyInvalid() {
        VerificationTrace trace = client().activate("NOT-A-REAL-KEY");

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.REJECTED);
        assertThat(trace.verdict().serverReason()).hasValue(V1Protocol.ERROR_KEY_INVALID);
    }

    private V1Client client() {
        return V1Client.builder().server(server.baseUri()).secret(server.secret()).build();
    }

    private HttpResponse<String> post(V1Request request) {
        return http.post(V1Protocol.AUTHENTICATE_PATH, request.toJson());
    }

    private static String serverNonce(HttpResponse<String> response) throws Exception {
        JsonNode reply = new ObjectMapper().readTree(response.body());
        return reply.get("serverNonce").asText();
    }

    static void assertReply(HttpResponse<String> response, int status, String body) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo(body);
    }
}
