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

    /** Verifies the server's signature over the reply. */
    public static final String VERIFY_SIGNATURE = "verify_signature";

    /** Checks that the reply echoes this request, so that it is not a replayed old reply. */
    public static final String CHECK_ECHO = "check_echo";

    /** Reads the server's decision on the product key. */
    public static final String READ_DECISION = "read_decision";

    private StepId() {
    }
}
