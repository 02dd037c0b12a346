package com.goodtalk.protocol.jose;

import com.goodtalk.protocol.MalformedMessageException;
import java.util.Base64;
import java.util.Objects;

/**
 * Base64url without padding (RFC 7515 section 2), decoded strictly.
 *
 * <p>The decoder accepts only the canonical encoding of a byte string: the alphabet
 * {@code A-Z a-z 0-9 - _}, no {@code =} padding, no whitespace, and zero bits in the unused
 * low bits of the last character. Java's own decoder ignores those bits, so two different
 * texts could decode to the same bytes; rejecting them keeps each signed message to one spelling.
 */
public final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    /** Encodes {@code bytes} as base64url without padding. */
    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(Objects.requireNonNull(bytes, "bytes"));
    }

    /**
     * Decodes canonical base64url without padding.
     *
     * @param text the encoded text; {@code what} names it in error messages
     * @param what a short description such as {@code "the JWS signature"}
     * @throws MalformedMessageException if the text has a character outside the alphabet, padding,
     *                                   an impossible length or non-zero unused bits
     */
    public static byte[] decode(String text, String what) throws MalformedMessageException {
        Objects.requireNonNull(text, "text");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isAlphabet(c)) {
                throw new MalformedMessageException(what + " contains " + describe(c) + " at position " + i
                        + ", which is not in the base64url alphabet (A-Z a-z 0-9 - _, no padding).");
            }
        }
        if (text.length() % 4 == 1) {
            throw new MalformedMessageException(what + " has " + text.length()
                    + " characters, a length no base64url encoding can have.");
        }
        byte[] bytes = DECODER.decode(text);
        if (!ENCODER.encodeToString(bytes).equals(text)) {
            throw new MalformedMessageException(what + " is not canonical base64url: its last character"
                    + " carries non-zero unused bits.");
        }
        return bytes;
    }

    /** Tells whether {@code c} belongs to the base64url alphabet. */
    static boolean isAlphabet(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static String describe(char c) {
        return c >= 0x21 && c <= 0x7e ? "'" + c + "'" : String.format("the character U+%04X", (int) c);
    }
}
