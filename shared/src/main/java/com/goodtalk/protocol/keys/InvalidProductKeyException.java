package com.goodtalk.protocol.keys;

import java.util.OptionalInt;

/**
 * Thrown when text cannot be a product key: it is empty, contains only '-', is too long, or
 * contains a character outside A-Z, 0-9 and '-' after normalization. The message starts with
 * {@code "invalid key format"}, names the offending character by code point and Unicode name
 * with its position, and lists the allowed characters, so it can be shown to the user.
 *
 * <p>This is a checked exception because a mistyped key is an expected outcome that every
 * caller must turn into a message for the user.
 */
public class InvalidProductKeyException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int codePoint;
    private final int position;

    InvalidProductKeyException(String message) {
        this(message, -1, -1);
    }

    InvalidProductKeyException(String message, int codePoint, int position) {
        super(message);
        this.codePoint = codePoint;
        this.position = position;
    }

    /** Returns the rejected character, or empty when the key as a whole is wrong (empty or too long). */
    public OptionalInt codePoint() {
        return codePoint < 0 ? OptionalInt.empty() : OptionalInt.of(codePoint);
    }

    /**
     * Returns the 1-based position of the rejected character in the input, counted in code
     * points, or empty when the key as a whole is wrong.
     */
    public OptionalInt position() {
        return position < 0 ? OptionalInt.empty() : OptionalInt.of(position);
    }
}
