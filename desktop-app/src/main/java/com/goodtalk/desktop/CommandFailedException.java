package com.goodtalk.desktop;

/**
 * Ends a command with an exit code and a message for the user, for failures that are neither
 * usage errors nor results of an exchange, such as an unreadable machine id.
 */
final class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CommandFailedException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Returns the exit code the program ends with. */
    int exitCode() {
        return exitCode;
    }
}
