package com.goodtalk.protocol.v2;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A signed v2 request as the client sends it: the exact body bytes and, for the verification
 * trace, the parts they were built from. Created by {@link V2RequestSigner}.
 */
public final class V2Request {

    private final V2Operation operation;
    private final String keyId;
    private final String productKey;
    private final String machine;
    private final String app;
    private final String jti;
    private final long issuedAt;
    private final String headerJson;
    private final String payloadJson;
    private final String encodedSignature;
    private final byte[] body;

    V2Request(V2Operation operation, String keyId, String productKey, String machine, String app, String jti,
              long issuedAt, String headerJson, String payloadJson, String body) {
        this.operation = operation;
        this.keyId = keyId;
        this.productKey = productKey;
        this.machine = machine;
        this.app = app;
        this.jti = jti;
        this.issuedAt = issuedAt;
        this.headerJson = headerJson;
        this.payloadJson = payloadJson;
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

    public String productKey() {
        return productKey;
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

    /** Returns the HMAC as sent, in base64url. */
    public String encodedSignature() {
        return encodedSignature;
    }

    /** Returns the {@code req} value a reply to this request must carry. */
    public String requestHash() {
        return V2Protocol.requestHash(body);
    }

    /** Prints the operation and jti only: no product key and no MAC. */
    @Override
    public String toString() {
        return "V2Request[" + operation.claim() + ", kid=" + keyId + ", jti=" + jti + "]";
    }
}
