package com.goodtalk.server.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.jose.CompactJws;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerPublicKey;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2Status;
import java.net.http.HttpResponse;

/**
 * Verifies a v2 reply that arrived over raw HTTP, with the shared library's public parts only,
 * so that tests of bodies no {@code V2Client} can send still check what a client would.
 */
final class SignedReplies {

    private SignedReplies() {
    }

    /**
     * Checks the content type, then what {@link #verifyBody} checks, and that the HTTP status
     * fits the status word.
     *
     * @return the verified payload
     */
    static ObjectNode verify(HttpResponse<byte[]> response, byte[] sentBody, JsonWebKeySet pinned)
            throws MalformedMessageException {
        assertThat(response.headers().firstValue("Content-Type")).as("content type").hasValue(V2Protocol.CONTENT_TYPE);
        ObjectNode payload = verifyBody(response.body(), sentBody, pinned);
        V2Status status = V2Status.fromWord(payload.path("status").asText()).orElseThrow();
        assertThat(response.statusCode()).as("HTTP status of " + status.word()).isEqualTo(status.httpStatus());
        return payload;
    }

    /**
     * Checks the EdDSA header, the pinned key id, the Ed25519 signature, the request hash over
     * {@code sentBody} and that the status word is known.
     *
     * @return the verified payload
     */
    static ObjectNode verifyBody(byte[] replyBody, byte[] sentBody, JsonWebKeySet pinned)
            throws MalformedMessageException {
        CompactJws jws = CompactJws.parse(replyBody);
        assertThat(jws.header().path("alg").asText()).as("alg").isEqualTo("EdDSA");
        assertThat(jws.header().path("typ").asText()).as("typ").isEqualTo(V2Protocol.REPLY_TYPE);
        String kid = jws.header().path("kid").asText();
        ServerPublicKey key = pinned.find(kid).orElseThrow(() -> new AssertionError("kid " + kid + " is not pinned"));
        assertThat(key.verifySignature(jws.signingInput(), jws.signature())).as("Ed25519 signature").isTrue();

        ObjectNode payload = StrictJson.parseObject(jws.payload());
        assertThat(payload.path("req").asText()).as("req").isEqualTo(V2Protocol.requestHash(sentBody));
        String word = payload.path("status").asText();
        assertThat(V2Status.fromWord(word)).as("status word " + word).isPresent();
        assertThat(payload.path("message").asText()).as("message").isNotBlank();
        return payload;
    }

    /** Returns the {@code kid} in the reply's JWS header, without verifying anything. */
    static String keyId(HttpResponse<byte[]> response) throws MalformedMessageException {
        return CompactJws.parse(response.body()).header().path("kid").asText();
    }
}
