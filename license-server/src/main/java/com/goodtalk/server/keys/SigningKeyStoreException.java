package com.goodtalk.server.keys;

import java.util.Objects;

/** A signing key store that cannot be read or changed; the message names the file and the fix. */
public final class SigningKeyStoreException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The kind of problem, so that a command line can pick its exit code. */
    public enum Reason {
        /** The store has no key at all, or lacks the key that a command names. */
        MISSING,
        /** A file cannot be read, or a private key file is open to other users. */
        UNREADABLE,
        /** A file has content that is not what the store expects, or the active key's file is missing. */
        INVALID,
        /** A file or directory cannot be written. */
        NOT_WRITABLE,
        /** The command does not fit the store's state, such as retiring the active key. */
        REFUSED
    }

    private final Reason reason;

    SigningKeyStoreException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    SigningKeyStoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Returns the kind of problem. */
    public Reason reason() {
        return reason;
    }
}
