package com.goodtalk.protocol.v2;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * A signed v2 request as the client sends it: the exact body bytes and, for the verification
 * trace, the parts they were built from. Created by {@link V2RequestSigner}.
 *
 * <p>A request names the license either by product key ({@code key} claim) or by the license
 * certificate the server issued for this machine ({@code cert} claim), never both.
 */
public final class V2Request {

    private final V2Operation operation;
    private final String keyId;
    private final String productKey;
    private final String certificate;
    private final String machine;
    private final String app;
    private final String jti;
    private final long issuedAt;
    private final String headerJson;
    private final String payloadJson;
    private final String displayPayloadJson;
    private final String encodedSignature;
    private final byte[] body;

    /**
     * Creates a request from its parts.
     *
     * @param productKey         the {@code key} claim, or null for a request by certificate
     * @param certificate        the {@code cert} claim, or null for a request by product key
     * @param displayPayloadJson the payload for the trace: the payload with a certificate shortened
     */
    V2Request(V2Operation operation, String keyId, String productKey, String certificate, String machine, String app,
              String jti, long issuedAt, String headerJson, String payloadJson, String displayPayloadJson,
              String body) {
        this.operation = operation;
        this.keyId = keyId;
        this.productKey = productKey;
        this.certificate = certificate;
        this.machine = machine;
        this.app = app;
        this.jti = jti;
        this.issuedAt = issuedAt;
        this.headerJson = headerJson;
        this.payloadJson = payloadJson;
        this.displayPayloadJson = displayPayloadJson;
        this.encodedSignature = body.substring(body.lastIndexOf('.') + 1);
        this.body = body.getBytes(StandardCharsets.US_ASCII);
    }

    /** Returns a copy of the exact body to send: the compact JWS in ASCII. */
    public byte[] body() {
        return body.clone();
    }

    public V2Operation operation() {
        return operation;
    }

    /** Returns the client key id ({@code kid} header). */
    public String keyId() {
        return keyId;
    }

    /**
     * Returns the product key ({@code key} claim).
     *
     * @throws IllegalStateException if the request names the license by certificate instead
     */
    public String productKey() {
        if (productKey == null) {
            throw new IllegalStateException("This request names the license by its certificate and carries no"
                    + " product key; read certificate() instead.");
        }
        return productKey;
    }

    /** Returns the license certificate ({@code cert} claim), empty for a request by product key. */
    public Optional<String> certificate() {
        return Optional.ofNullable(certificate);
    }

    public String machine() {
        return machine;
    }

    public String app() {
        return app;
    }

    /** Returns this request's unique id, 256 random bits in base64url, which the reply must echo. */
    public String jti() {
        return jti;
    }

    /** Returns the {@code iat} claim: when the client signed the request, in whole seconds. */
    public Instant issuedAt() {
        return Instant.ofEpochSecond(issuedAt);
    }

    /** Returns the header JSON as sent. */
    public String headerJson() {
        return headerJson;
    }

    /** Returns the payload JSON as sent. It contains the full product key, so do not log it. */
    public String payloadJson() {
        return payloadJson;
    }

    /**
     * Returns the payload JSON for the verification trace: as sent, except that a {@code cert}
     * claim is shortened to its first and last characters and its length, so a certificate of
     * several hundred characters does not flood the trace. Its HMAC is not over this text.
     */
    public String displayPayloadJson() {
        return displayPayloadJson;
    }

    /** Returns the HMAC as sent, in base64url. */
    public String encodedSignature() {
        return encodedSignature;
    }

    /** Returns the {@code req} value a reply to this request must carry. */
    public String requestHash() {
        return V2Protocol.requestHash(body);
    }

    /** Prints the operation, whether it names the license by certificate, and jti only: no product key and no MAC. */
    @Override
    public String toString() {
        return "V2Request[" + operation.claim() + (certificate != null ? " by certificate" : "") + ", kid=" + keyId
                + ", jti=" + jti + "]";
    }
}
