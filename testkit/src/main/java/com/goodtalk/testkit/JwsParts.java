package com.goodtalk.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The three encoded parts of a compact JWS body ({@code header.payload.signature}, RFC 7515
 * section 7.1). Splitting checks only for printable ASCII and the count of dots, so edits can
 * also work on bodies that a strict parser would reject.
 *
 * @param header    the encoded header, exactly as in the body
 * @param payload   the encoded payload, exactly as in the body
 * @param signature the encoded signature, exactly as in the body; possibly empty
 */
record JwsParts(String header, String payload, String signature) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /**
     * Splits {@code body} at its two dots.
     *
     * @throws IllegalArgumentException if the body is not ASCII or does not have exactly three parts
     */
    static JwsParts of(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            if ((body[i] & 0xff) > 0x7e || body[i] < 0x20) {
                throw new IllegalArgumentException(String.format("The body has the byte 0x%02x at offset %d, so it"
                        + " is not a compact JWS. JWS edits apply to compact JWS bodies; use BodyEdits for"
                        + " other bodies.", body[i] & 0xff, i));
            }
        }
        String[] parts = new String(body, StandardCharsets.US_ASCII).split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("The body has " + parts.length + " dot-separated parts, but a"
                    + " compact JWS has three (header.payload.signature). JWS edits apply to compact JWS bodies;"
                    + " use BodyEdits for other bodies.");
        }
        return new JwsParts(parts[0], parts[1], parts[2]);
    }

    /** Returns the decoded header JSON bytes. */
    byte[] headerJson() {
        return decode(header, "header");
    }

    /** Returns the decoded payload bytes. */
    byte[] payloadJson() {
        return decode(payload, "payload");
    }

    /** Returns the decoded signature bytes. */
    byte[] signatureBytes() {
        return decode(signature, "signature");
    }

    JwsParts withHeaderJson(byte[] json) {
        return new JwsParts(encode(json), payload, signature);
    }

    JwsParts withPayloadJson(byte[] json) {
        return new JwsParts(header, encode(json), signature);
    }

    JwsParts withSignature(String encoded) {
        return new JwsParts(header, payload, encoded);
    }

    /** Returns the ASCII bytes of {@code header "." payload}: what a JWS signature covers. */
    byte[] signingInput() {
        return (header + "." + payload).getBytes(StandardCharsets.US_ASCII);
    }

    /** Returns the compact serialization as bytes. */
    byte[] toBody() {
        return (header + "." + payload + "." + signature).getBytes(StandardCharsets.US_ASCII);
    }

    /** Encodes bytes as base64url without padding, as RFC 7515 section 2 requires. */
    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    private static byte[] decode(String part, String name) {
        try {
            return DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The JWS " + name + " part is not base64url (" + e.getMessage()
                    + "), so it cannot be decoded for editing. Apply this edit to an untouched JWS body.", e);
        }
    }
}
