package com.goodtalk.desktop;

/** Thrown when JavaFX cannot open a window, for example without a display; the message is meant for the user. */
final class WindowUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    WindowUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
