package com.goodtalk.server;

/** The exit codes of {@link Main}, from the BSD {@code sysexits.h} convention. */
final class ExitCodes {

    /** The server ran and stopped normally, or help was shown. */
    static final int OK = 0;

    /**
     * A command-line option or the environment is wrong, a needed signing key is missing, or a
     * key command does not fit the keys ({@code EX_USAGE}).
     */
    static final int USAGE = 64;

    /** A keys or secret file has unusable content ({@code EX_DATAERR}). */
    static final int DATA_ERROR = 65;

    /** A keys, secret or private key file is missing, unreadable or open to other users ({@code EX_NOINPUT}). */
    static final int NO_INPUT = 66;

    /** The server cannot listen, for example because the port is in use ({@code EX_UNAVAILABLE}). */
    static final int UNAVAILABLE = 69;

    /** An unexpected error, which means a bug ({@code EX_SOFTWARE}). */
    static final int SOFTWARE = 70;

    /** A key or key set file cannot be written ({@code EX_CANTCREAT}). */
    static final int CANNOT_CREATE = 73;

    /** The license database cannot be opened, migrated or written, or the key pepper file cannot be read. */
    static final int IO_ERROR = 74;

    private ExitCodes() {
    }
}
