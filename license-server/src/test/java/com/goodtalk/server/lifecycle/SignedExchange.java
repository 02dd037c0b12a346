package com.goodtalk.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.jose.CompactJws;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerPublicKey;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2Request;
import com.goodtalk.protocol.v2.V2RequestSigner;
import com.goodtalk.protocol.v2.V2Status;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends signed v2 requests over real HTTP and checks each reply's Ed25519 signature with the
 * pinned key set and its request hash, before the test reads a claim.
 */
final class SignedExchange {

    /** The {@code app} claim of the requests. */
    static final String APP = "GoodTalk lifecycle tests 1.0";

    private final HttpClient http;
    private final URI base;
    private final V2RequestSigner signer;
    private final JsonWebKeySet pinned;

    SignedExchange(HttpClient http, URI base, V2RequestSigner signer, JsonWebKeySet pinned) {
        this.http = http;
        this.base = base;
        this.signer = signer;
        this.pinned = pinned;
    }

    /** One verified reply: the HTTP status and the signed payload. */
    record Reply(int httpStatus, ObjectNode payload) {

        String status() {
            return payload.path("status").asText();
        }

        String message() {
            return payload.path("message").asText();
        }
    }

    /** Signs and sends {@code operation} for {@code key} on {@code machine}, and verifies the reply. */
    Reply send(V2Operation operation, String key, String machine) throws IOException, InterruptedException {
        return send(signer.sign(operation, key, machine, APP));
    }

    /** Signs and sends {@code operation} naming the license by {@code certificate}, and verifies the reply. */
    Reply sendWithCertificate(V2Operation operation, String certificate, String machine)
            throws IOException, InterruptedException {
        return send(signer.signWithCertificate(operation, certificate, machine, APP));
    }

    private Reply send(V2Request request) throws IOException, InterruptedException {
        V2Operation operation = request.operation();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + operation.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", V2Protocol.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        ObjectNode payload = verified(response.body(), request.body());
        V2Status status = V2Status.fromWord(payload.path("status").asText()).orElseThrow();
        assertThat(response.statusCode()).as("HTTP status of " + status.word()).isEqualTo(status.httpStatus());
        return new Reply(response.statusCode(), payload);
    }

    private ObjectNode verified(byte[] replyBody, byte[] sentBody) {
        try {
            CompactJws jws = CompactJws.parse(replyBody);
            assertThat(jws.header().path("alg").asText()).as("alg").isEqualTo("EdDSA");
            String kid = jws.header().path("kid").asText();
            ServerPublicKey key = pinned.find(kid).orElseThrow(() -> new AssertionError("kid " + kid + " is not pinned"));
            assertThat(key.verifySignature(jws.signingInput(), jws.signature())).as("Ed25519 signature").isTrue();
            ObjectNode payload = StrictJson.parseObject(jws.payload());
            assertThat(payload.path("req").asText()).as("req").isEqualTo(V2Protocol.requestHash(sentBody));
            return payload;
        } catch (MalformedMessageException e) {
            throw new AssertionError("The reply is not a well-formed JWS: " + e.getMessage(), e);
        }
    }
}
