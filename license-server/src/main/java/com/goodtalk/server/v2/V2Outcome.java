package com.goodtalk.server.v2;

import com.goodtalk.protocol.v2.V2SignedReply;
import java.util.Objects;

/**
 * The signed reply to one v2 request, and what the request log line shows about it.
 *
 * @param reply       the signed reply to send
 * @param maskedKey   the product key as {@code ProductKeys.mask} shows it, or {@code -} when the
 *                    request was rejected before its payload was verified
 * @param clientKeyId the client key id whose HMAC verified, or {@code -}
 * @param detail      the end of the log line: the failed check, or how a decided request's license was
 *                    looked up. It never contains a key, MAC or signature.
 */
public record V2Outcome(V2SignedReply reply, String maskedKey, String clientKeyId, String detail) {

    /** The log placeholder for a value that was not read from a verified request. */
    public static final String UNKNOWN = "-";

    public V2Outcome {
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(maskedKey, "maskedKey");
        Objects.requireNonNull(clientKeyId, "clientKeyId");
        Objects.requireNonNull(detail, "detail");
    }
}
