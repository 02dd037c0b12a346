package com.goodtalk.desktop;

/** Thrown for a server URL that cannot be used; the message is meant for the user. */
public final class InvalidServerUrlException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidServerUrlException(String message) {
        super(message);
    }
}
