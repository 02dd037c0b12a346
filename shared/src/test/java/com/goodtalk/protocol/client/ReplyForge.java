package com.goodtalk.protocol.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.jose.CompactJws;
import com.goodtalk.protocol.jose.JoseTestAccess;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.protocol.v2.V2License;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2ReplySigner;
import com.goodtalk.protocol.v2.V2Request;
import com.goodtalk.protocol.v2.V2RequestSigner;
import com.goodtalk.protocol.v2.V2SignedReply;
import com.goodtalk.protocol.v2.V2Status;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Builds requests and genuine or forged v2 replies, and runs the client's reply checks on them. */
final class ReplyForge {

    static final long NOW = 1_750_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final String KEY_ID = "desktop-1";
    static final String MACHINE = "machine-01";
    static final String APP = "GoodTalk Desktop 0.1.0";
    static final String PRODUCT_KEY = "APENL-4N9L1-2KA9D-3JX0-44LSK";

    /** Keys generated for this test run; no real key is committed. */
    static final Secret CLIENT_SECRET = randomSecret();
    static final ServerSigningKey SERVER_KEY = ServerSigningKey.generate();
    static final JsonWebKeySet PINNED = JsonWebKeySet.of(SERVER_KEY.publicKey());
    static final V2ReplySigner REPLY_SIGNER = new V2ReplySigner(SERVER_KEY, CLOCK);

    private ReplyForge() {
    }

    static Secret randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Secret.ofBytes(bytes);
    }

    static V2Request request(V2Operation operation) {
        return new V2RequestSigner(KEY_ID, CLIENT_SECRET, CLOCK).sign(operation, PRODUCT_KEY, MACHINE, APP);
    }

    static V2License license() {
        return new V2License("GoodTalk", "pro", List.of("export", "sync"), Optional.of(Instant.ofEpochSecond(NOW
                + 86_400 * 365)), 1, 3, MACHINE);
    }

    /** Returns the genuine signed reply the server would send for {@code request}. */
    static HttpReply genuine(V2Request request, V2Status status) {
        V2License license = status.carriesLicense() ? license() : null;
        V2SignedReply reply = REPLY_SIGNER.sign(request.body(), request.jti(), status,
                "Test reply with status " + status.word() + ".", license);
        return http(reply.httpStatus(), reply.body());
    }

    static HttpReply http(int status, byte[] body) {
        return new HttpReply(status, "application/jose", body);
    }

    static HttpReply http(byte[] body) {
        return http(200, body);
    }

    /** Returns a payload like the genuine reply's, for tests to edit. */
    static ObjectNode payload(V2Request request, V2Status status) {
        try {
            CompactJws jws = CompactJws.parse(genuine(request, status).body());
            return StrictJson.parseObject(jws.payload());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String header() {
        return "{\"alg\":\"EdDSA\",\"typ\":\"goodtalk-reply+jwt\",\"kid\":\"" + SERVER_KEY.publicKey().thumbprint()
                + "\"}";
    }

    /** Signs any header and payload text with {@code key}, whatever the header claims. */
    static byte[] signedBy(ServerSigningKey key, String headerJson, String payloadJson) {
        return CompactJws.serialize(headerJson.getBytes(StandardCharsets.UTF_8),
                payloadJson.getBytes(StandardCharsets.UTF_8), input -> JoseTestAccess.sign(key, input))
                .getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] signed(String headerJson, String payloadJson) {
        return signedBy(SERVER_KEY, headerJson, payloadJson);
    }

    static byte[] signed(ObjectNode payload) {
        return signed(header(), json(payload));
    }

    static String json(ObjectNode node) {
        try {
            return StrictJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the decoded payload bytes of a compact JWS reply body, for display in assertions. */
    static byte[] payloadText(byte[] body) {
        try {
            return CompactJws.parse(body).payload();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the client's checks on {@code reply} as the answer to {@code request}. */
    static VerificationTrace check(V2Request request, HttpReply reply) {
        TraceRecorder trace = new TraceRecorder("v2", URI.create("http://127.0.0.1:1/v2/activate"), CLOCK);
        trace.passed(StepId.SIGN_REQUEST, "Sign the request", "test", TraceRecorder.values());
        trace.passed(StepId.SEND_REQUEST, "Send the request", "test", TraceRecorder.values());
        return trace.finish(new V2ReplyChecks(PINNED, CLOCK).run(trace, request, reply));
    }
}
