package com.goodtalk.protocol.v2;

import java.time.Instant;
import java.util.Optional;

/**
 * A request whose size, syntax, header, HMAC, claims and time all passed
 * {@link V2RequestVerifier}. Only the verifier creates instances, so holding one proves those
 * checks ran; the replay check ({@link ReplayCache}) and the license decision remain.
 *
 * <p>It names the license by product key or, for validate and deactivate, by a license
 * certificate ({@link #certificate()}) whose signature the server has yet to check.
 */
public final class VerifiedV2Request {

    private final String keyId;
    private final V2Operation operation;
    private final String productKey;
    private final String certificate;
    private final String machine;
    private final String app;
    private final String jti;
    private final long issuedAt;
    private final String requestHash;

    VerifiedV2Request(String keyId, V2Operation operation, String productKey, String machine, String app, String jti,
                      long issuedAt, String requestHash) {
        this(keyId, operation, productKey, null, machine, app, jti, issuedAt, requestHash);
    }

    /**
     * Creates a request that carries exactly one of {@code productKey} and {@code certificate}; the
     * other is null.
     */
    VerifiedV2Request(String keyId, V2Operation operation, String productKey, String certificate, String machine,
                      String app, String jti, long issuedAt, String requestHash) {
        this.keyId = keyId;
        this.operation = operation;
        this.productKey = productKey;
        this.certificate = certificate;
        this.machine = machine;
        this.app = app;
        this.jti = jti;
        this.issuedAt = issuedAt;
        this.requestHash = requestHash;
    }

    /** Returns the id of the client key whose HMAC verified. */
    public String keyId() {
        return keyId;
    }

    public V2Operation operation() {
        return operation;
    }

    /**
     * Returns the product key. Log at most a prefix of it.
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

    /**
     * Returns the license certificate ({@code cert} claim) as sent, empty for a request by product
     * key. Only its presence and type are checked; the server must verify its signature itself.
     */
    public Optional<String> certificate() {
        return Optional.ofNullable(certificate);
    }

    public String machine() {
        return machine;
    }

    public String app() {
        return app;
    }

    /** Returns the request's unique id, which the replay cache records and the reply echoes. */
    public String jti() {
        return jti;
    }

    /** Returns the {@code iat} claim in whole seconds. */
    public Instant issuedAt() {
        return Instant.ofEpochSecond(issuedAt);
    }

    long issuedAtSeconds() {
        return issuedAt;
    }

    /** Returns base64url(SHA-256) of the request body, the reply's {@code req} claim. */
    String requestHash() {
        return requestHash;
    }

    /** Prints the operation, whether it names the license by certificate, key id and jti only: no product key. */
    @Override
    public String toString() {
        return "VerifiedV2Request[" + operation.claim() + (certificate != null ? " by certificate" : "") + ", kid="
                + keyId + ", jti=" + jti + "]";
    }
}
