package com.goodtalk.protocol.jose;

import com.goodtalk.protocol.MalformedMessageException;

/**
 * Thrown by {@link CompactJws#parse(byte[])} when the three parts are well formed but the
 * decoded header is not one strict JSON object or names an unsupported extension, so that a
 * verifier can tell a header error from a syntax error.
 */
public final class InvalidJwsHeaderException extends MalformedMessageException {

    private static final long serialVersionUID = 1L;

    InvalidJwsHeaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
