package com.goodtalk.server.tamper.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.jose.CompactJws;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerPublicKey;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2Status;
import com.goodtalk.testkit.ProxiedReply;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A server reply that the test itself checked, independently of the client under test: signed
 * by a pinned key as an EdDSA JWS, with the claims every v2 reply carries and the HTTP status
 * that goes with its status word. It lets a test assert the server's status even when the
 * client rightly rejects the reply.
 *
 * @param httpStatus the HTTP status code
 * @param header     the JWS header
 * @param payload    the verified payload
 */
record SignedServerReply(int httpStatus, ObjectNode header, ObjectNode payload) {

    /**
     * Checks that {@code reply} is a signed v2 reply from a key in {@code pinned} and returns it.
     *
     * @throws AssertionError naming the first rule the reply breaks
     */
    static SignedServerReply verify(ProxiedReply reply, JsonWebKeySet pinned) {
        return verify(reply.status(), reply.contentType().orElse(null), reply.body(), pinned);
    }

    /**
     * Checks that a reply is a signed v2 reply from a key in {@code pinned} and returns it.
     *
     * @throws AssertionError naming the first rule the reply breaks
     */
    static SignedServerReply verify(int httpStatus, String contentType, byte[] body, JsonWebKeySet pinned) {
        String context = "HTTP " + httpStatus + " reply " + new String(body, StandardCharsets.UTF_8);
        assertThat(contentType).as("content type of %s", context).isEqualTo(V2Protocol.CONTENT_TYPE);
        CompactJws jws;
        try {
            jws = CompactJws.parse(body);
        } catch (MalformedMessageException e) {
            throw new AssertionError("The server's " + context + " is not a compact JWS: " + e.getMessage(), e);
        }
        ObjectNode header = jws.header();
        assertThat(header.path("alg").textValue()).as("alg of %s", context).isEqualTo(V2Protocol.REPLY_ALGORITHM);
        assertThat(header.path("typ").textValue()).as("typ of %s", context).isEqualTo(V2Protocol.REPLY_TYPE);
        String kid = header.path("kid").textValue();
        Optional<ServerPublicKey> key = kid == null ? Optional.empty() : pinned.find(kid);
        assertThat(key).as("pinned key for kid %s of %s", kid, context).isPresent();
        assertThat(key.get().verifySignature(jws.signingInput(), jws.signature()))
                .as("Ed25519 signature of %s", context).isTrue();

        ObjectNode payload;
        try {
            payload = StrictJson.parseObject(jws.payload());
        } catch (MalformedMessageException e) {
            throw new AssertionError("The signed payload of " + context + " is not a JSON object: " + e.getMessage(), e);
        }
        String word = payload.path("status").textValue();
        Optional<V2Status> status = word == null ? Optional.empty() : V2Status.fromWord(word);
        assertThat(status).as("status word of %s", context).isPresent();
        assertThat(httpStatus).as("HTTP status for %s in %s", word, context).isEqualTo(status.get().httpStatus());
        assertThat(payload.path("req").textValue()).as("req of %s", context).hasSize(43);
        assertThat(payload.path("jti").textValue()).as("server jti of %s", context).hasSize(43);
        assertThat(payload.path("iat").isIntegralNumber()).as("integer iat in %s", context).isTrue();
        assertThat(payload.path("message").textValue()).as("message of %s", context).isNotBlank();
        assertThat(payload.has("license")).as("license in %s", context).isEqualTo(status.get().carriesLicense());
        return new SignedServerReply(httpStatus, header, payload);
    }

    /** Returns the status word, such as {@code bad_signature}. */
    String status() {
        return payload.path("status").textValue();
    }

    /** Returns the {@code req} claim: the SHA-256 of the request body the server received. */
    String requestHash() {
        return payload.path("req").textValue();
    }

    /** Returns the echoed request {@code jti}, absent when the server did not read a verified one. */
    Optional<String> requestJti() {
        JsonNode echoed = payload.get("req_jti");
        return echoed == null ? Optional.empty() : Optional.of(echoed.asText());
    }

    String message() {
        return payload.path("message").textValue();
    }

    /** Returns the server time, in seconds since 1970. */
    long issuedAt() {
        return payload.path("iat").longValue();
    }
}
