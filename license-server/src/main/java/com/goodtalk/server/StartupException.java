package com.goodtalk.server;

/** A configuration problem that stops the server from starting. The message names the fix. */
final class StartupException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    StartupException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** Returns the process exit code for this problem, one of {@link ExitCodes}. */
    int exitCode() {
        return exitCode;
    }
}
