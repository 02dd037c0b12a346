package com.goodtalk.protocol.v2;

import java.util.Optional;

/** The {@code status} words of v2 replies and the HTTP status code each is sent with. */
public enum V2Status {
    /** The key is activated on this machine; the reply carries the license. */
    ACTIVATED("activated", 200),
    /** The key is valid on this machine; the reply carries the license. */
    VALID("valid", 200),
    /** The machine's seat is freed. */
    DEACTIVATED("deactivated", 200),
    /** The request is not a well-formed v2 request. */
    MALFORMED("malformed", 400),
    /** The request's algorithm, key id or HMAC is wrong. */
    BAD_SIGNATURE("bad_signature", 401),
    /** The request's {@code iat} is outside the allowed clock skew. */
    STALE_REQUEST("stale_request", 401),
    /** The request's {@code jti} was seen before. */
    REPLAYED("replayed", 409),
    /** The product key is not valid. */
    KEY_INVALID("key_invalid", 403),
    /** The server does not accept this client version. */
    VERSION_NOT_ALLOWED("version_not_allowed", 403),
    /** Too many requests, or the replay cache is full. */
    RATE_LIMITED("rate_limited", 429),
    /** The request body exceeds 16 KiB. */
    TOO_LARGE("too_large", 413),
    /** Every seat of the product key is held by other machines; deactivating one frees a seat. */
    SEAT_LIMIT_REACHED("seat_limit_reached", 403),
    /** This machine holds no seat on the product key, so there is nothing to validate or deactivate. */
    NOT_ACTIVATED("not_activated", 403),
    /** The license of the product key is suspended; the vendor can reinstate it. */
    KEY_SUSPENDED("key_suspended", 403),
    /** The license of the product key is revoked for good. */
    KEY_REVOKED("key_revoked", 403),
    /** The license of the product key has passed its expiry time. */
    KEY_EXPIRED("key_expired", 403),
    /**
     * The license certificate that a validate or deactivate request carries instead of a key fails
     * the server's check (syntax, type, algorithm, key id, signature, claims, machine) or names a
     * license the server does not know; the client must send the product key instead.
     */
    CERTIFICATE_INVALID("certificate_invalid", 403);

    private final String word;
    private final int httpStatus;

    V2Status(String word, int httpStatus) {
        this.word = word;
        this.httpStatus = httpStatus;
    }

    /** Returns the {@code status} claim value, such as {@code key_invalid}. */
    public String word() {
        return word;
    }

    /** Returns the HTTP status code the reply is sent with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Tells whether replies with this status must carry a {@code license} object. */
    public boolean carriesLicense() {
        return this == ACTIVATED || this == VALID;
    }

    /** Returns the status whose word is {@code word}, if there is one. */
    public static Optional<V2Status> fromWord(String word) {
        for (V2Status status : values()) {
            if (status.word.equals(word)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
