package com.goodtalk.installer;

/**
 * A failure that stops a packaging step. The message names the file or value at fault and the
 * fix, and the build prints it as the reason it failed.
 */
public final class InstallerBuildException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that names the problem and its fix. */
    public InstallerBuildException(String message) {
        super(message);
    }

    /** Creates the exception with a message that names the problem and its fix, and its cause. */
    public InstallerBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
