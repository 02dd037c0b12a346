package com.goodtalk.server.admin;

/** A failure that ends an admin command with a message for the administrator and a chosen exit code. */
final class AdminException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    AdminException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    AdminException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Returns the process exit code, one of {@link ExitCode}. */
    int exitCode() {
        return exitCode;
    }
}
