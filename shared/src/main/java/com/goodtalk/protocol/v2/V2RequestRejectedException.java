package com.goodtalk.protocol.v2;

import java.util.Objects;
import java.util.Optional;

/**
 * Thrown by {@link V2RequestVerifier} when a request fails a check. It carries everything the
 * signed error reply needs: pass it to {@link V2ReplySigner#signRejection(V2RequestRejectedException)}.
 *
 * <p>{@link #getMessage()} is one sentence for the client that names the value and the fix; it
 * never contains the product key or a MAC. The exception has no stack trace, because bad requests
 * are routine and a server may see many.
 */
public final class V2RequestRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The server check that rejected the request, in the order the checks run. */
    public enum Check {
        /** Step 1: the body exceeds 16 KiB. */
        SIZE_LIMIT,
        /** Step 2: the body is not a compact JWS of canonical base64url. */
        SYNTAX,
        /** Step 3: the header is not JSON, or its {@code alg}, {@code typ} or {@code kid} is wrong. */
        HEADER,
        /** Step 4: the HMAC does not match. */
        HMAC,
        /** Step 5: a claim is missing, has the wrong type or value, or {@code op} does not match the endpoint. */
        CLAIMS,
        /** Step 6: {@code iat} is outside the allowed skew. */
        ISSUED_AT
    }

    private final Check check;
    private final V2Status status;
    private final String requestHash;
    private final String requestJti;

    V2RequestRejectedException(Check check, V2Status status, String message, String requestHash, String requestJti) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.check = Objects.requireNonNull(check, "check");
        this.status = Objects.requireNonNull(status, "status");
        this.requestHash = Objects.requireNonNull(requestHash, "requestHash");
        this.requestJti = requestJti;
    }

    /** Returns the check that failed. */
    public Check check() {
        return check;
    }

    /** Returns the reply status, such as {@code bad_signature}. */
    public V2Status status() {
        return status;
    }

    /** Returns the HTTP status code of the reply. */
    public int httpStatus() {
        return status.httpStatus();
    }

    /** Returns the request's {@code jti} when the verifier read it from an HMAC-verified payload. */
    public Optional<String> requestJti() {
        return Optional.ofNullable(requestJti);
    }

    String requestHash() {
        return requestHash;
    }
}
