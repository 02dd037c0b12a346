package com.goodtalk.protocol.v2;

import java.nio.charset.StandardCharsets;

/**
 * A reply ready to send: the compact JWS body, sent with {@link V2Protocol#CONTENT_TYPE} and
 * {@link #httpStatus()}. Created by {@link V2ReplySigner}.
 */
public final class V2SignedReply {

    private final V2Status status;
    private final byte[] body;

    V2SignedReply(V2Status status, String body) {
        this.status = status;
        this.body = body.getBytes(StandardCharsets.US_ASCII);
    }

    /** Returns a copy of the body bytes. */
    public byte[] body() {
        return body.clone();
    }

    public V2Status status() {
        return status;
    }

    /** Returns the HTTP status code that goes with the status. */
    public int httpStatus() {
        return status.httpStatus();
    }

    @Override
    public String toString() {
        return "V2SignedReply[" + status.word() + ", " + body.length + " bytes]";
    }
}
