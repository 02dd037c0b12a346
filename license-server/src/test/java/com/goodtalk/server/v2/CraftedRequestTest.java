package com.goodtalk.server.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.jose.CompactJws;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sends requests whose HMAC is valid but whose header or claims are wrong, built here with the
 * client secret, as an attacker who extracted it from a client could. Each gets its own signed
 * 4xx reply, never a 5xx, and the reply echoes the jti only once the HMAC verified and the jti
 * was well formed.
 */
class CraftedRequestTest {

    /** The HKDF info that derives the request HMAC key from the client secret, from the v2 wire format. */
    private static final String REQUEST_HMAC_INFO = "GoodTalk protocol v2 request HMAC-SHA256";

    private static final String KEY = DemoKeys.KEYS.get(0);
    private static final String MACHINE = V2Fixtures.machine();
    private static final String JTI = "JTI";
    private static final String IAT = "IAT";

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private final V2Http http = new V2Http(server.baseUri());

    static Stream<Arguments> craftedRequests() {
        String header = "{\"alg\":\"HS256\",\"typ\":\"goodtalk-request+jwt\",\"kid\":\"test-client\"}";
        return Stream.of(
                crafted("payload is not JSON", header, "hello", "malformed", false),
                crafted("payload is an array", header, "[]", "malformed", false),
                crafted("op names another endpoint", header, claims("validate", KEY, MACHINE, IAT), "malformed", true),
                crafted("op unknown", header, claims("upgrade", KEY, MACHINE, IAT), "malformed", true),
                crafted("iat is a string", header, claims("activate", KEY, MACHINE, "\"" + IAT + "\""),
                        "malformed", true),
                crafted("iat is a fraction", header, claims("activate", KEY, MACHINE, IAT + ".5"), "malformed", true),
                crafted("iat far in the past", header, claims("activate", KEY, MACHINE, "1"), "stale_request", true),
                crafted("key of 10000 characters", header, claims("activate", "K".repeat(10_000), MACHINE, IAT),
                        "malformed", true),
                crafted("key with a Cyrillic A", header, claims("activate", "\u0410" + KEY.substring(1), MACHINE, IAT),
                        "malformed", true),
                crafted("key of dashes only", header, claims("activate", "-----", MACHINE, IAT), "malformed", true),
                crafted("machine is no fingerprint", header, claims("activate", KEY, "abc", IAT), "malformed", true),
                crafted("machine with a slash", header, claims("activate", KEY, "mf1:a/b", IAT), "malformed", true),
                crafted("duplicate key claim", header, claims("activate", KEY, MACHINE, IAT)
                        .replace("{", "{\"key\":\"OTHER\","), "malformed", false),
                crafted("jti too short", header, claims("activate", KEY, MACHINE, IAT).replace(JTI, "short"),
                        "malformed", false),
                crafted("app missing", header, claims("activate", KEY, MACHINE, IAT).replace(",\"app\":\"t 1\"", ""),
                        "malformed", true),
                crafted("alg none", header.replace("HS256", "none"), claims("activate", KEY, MACHINE, IAT),
                        "bad_signature", false),
                crafted("alg in lower case", header.replace("HS256", "hs256"), claims("activate", KEY, MACHINE, IAT),
                        "bad_signature", false),
                crafted("typ missing", header.replace(",\"typ\":\"goodtalk-request+jwt\"", ""),
                        claims("activate", KEY, MACHINE, IAT), "malformed", false),
                crafted("valid request", header, claims("activate", KEY, MACHINE, IAT), "activated", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("craftedRequests")
    void craftedRequestGetsSignedReply(String header, String payloadTemplate, String status, boolean echoesJti)
            throws Exception {
        String jti = Nonces.randomUrlSafe(32);
        String payload = payloadTemplate.replace(JTI, jti)
                .replace(IAT, Long.toString(Instant.now().getEpochSecond()));
        byte[] body = sign(header, payload);

        HttpResponse<byte[]> response = http.post(V2Operation.ACTIVATE.path(), body);

        ObjectNode reply = SignedReplies.verify(response, body, server.jwks());
        assertThat(reply.path("status").asText()).as(reply.path("message").asText()).isEqualTo(status);
        assertThat(response.statusCode()).isLessThan(500);
        if (echoesJti) {
            assertThat(reply.path("req_jti").asText()).isEqualTo(jti);
        } else {
            assertThat(reply.has("req_jti")).as("req_jti").isFalse();
        }
    }

    private static byte[] sign(String header, String payload) {
        Secret hmacKey = server.clientSecret().deriveHkdfSha256(REQUEST_HMAC_INFO, 32);
        String jws = CompactJws.serialize(header.getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8), hmacKey::hmacSha256);
        return jws.getBytes(StandardCharsets.US_ASCII);
    }

    private static String claims(String op, String key, String machine, String iat) {
        return "{\"op\":\"" + op + "\",\"key\":\"" + key + "\",\"machine\":\"" + machine + "\",\"app\":\"t 1\","
                + "\"jti\":\"" + JTI + "\",\"iat\":" + iat + "}";
    }

    private static Arguments crafted(String name, String header, String payload, String status, boolean echoesJti) {
        return Arguments.of(Named.of(name, header), payload, status, echoesJti);
    }
}
