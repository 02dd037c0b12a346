package com.goodtalk.desktop;

import com.goodtalk.protocol.client.Verdict;

/** The exit codes of the command line; scripts may rely on them. */
public final class ExitCode {

    /** The key is activated, valid or deactivated, and the reply verified. */
    public static final int ACTIVATED = 0;
    /** The server rejected the request, for example with {@code key_invalid}. */
    public static final int REJECTED = 1;
    /** A reply arrived but one of its checks failed. */
    public static final int VERIFICATION_FAILED = 2;
    /** No usable reply arrived: connection refused, timed out, or an HTTP error. */
    public static final int UNREACHABLE = 3;
    /** {@code status}: no license is stored for the product. */
    public static final int NO_LICENSE_STORED = 4;
    /**
     * The command line was wrong: an unknown option, a bad URL, a blank key, an unreadable secret
     * or key set file, or protocol v2 without pinned server keys.
     */
    public static final int USAGE = 64;
    /** The window could not open, for example without a display. */
    public static final int NO_WINDOW = 69;
    /** A bug stopped the program, and the error output describes it. */
    public static final int INTERNAL_ERROR = 70;
    /** This machine's identifier could not be read, so v2 has no fingerprint to send (sysexits' EX_OSFILE). */
    public static final int NO_MACHINE_ID = 72;

    private ExitCode() {
    }

    /** Returns the exit code that reports {@code verdict}. */
    public static int of(Verdict verdict) {
        return switch (verdict.kind()) {
            case ACTIVATED, DEACTIVATED -> ACTIVATED;
            case REJECTED -> REJECTED;
            case VERIFICATION_FAILED -> VERIFICATION_FAILED;
            case UNREACHABLE -> UNREACHABLE;
        };
    }
}
