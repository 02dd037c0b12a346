package com.goodtalk.protocol.client;

/**
 * Stable identifiers of verification steps. Tools may match on them; titles may change.
 */
public final class StepId {

    /** Builds and signs the request. */
    public static final String SIGN_REQUEST = "sign_request";

    /** Sends the request and receives an HTTP reply. */
    public static final String SEND_REQUEST = "send_request";

    /** Parses the reply body as a protocol message. */
    public static final String PARSE_REPLY = "parse_reply";

    /** Checks that the reply's signature algorithm is the one the protocol allows (v2: exactly EdDSA). */
    public static final String CHECK_ALGORITHM = "check_algorithm";

    /** Checks that the reply names a pinned server key (v2); keys fetched at run time are never trusted. */
    public static final String CHECK_KEY_ID = "check_key_id";

    /** Verifies the server's signature over the reply. */
    public static final String VERIFY_SIGNATURE = "verify_signature";

    /** Checks that the reply carries the SHA-256 of the exact request body this client sent (v2). */
    public static final String CHECK_REQUEST_HASH = "check_request_hash";

    /** Checks that the reply echoes this request, so that it is not a replayed old reply. */
    public static final String CHECK_ECHO = "check_echo";

    /** Reads the server's decision on the product key. */
    public static final String READ_DECISION = "read_decision";

    private StepId() {
    }
}
