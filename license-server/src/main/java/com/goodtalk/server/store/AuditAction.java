package com.goodtalk.server.store;

import java.util.Locale;

/** The kinds of audit log entries. {@link #code()} is the text stored in the database. */
public enum AuditAction {
    /** A license was issued with a new key. */
    ISSUE,
    /** A legacy key was imported as it was. */
    IMPORT,
    /** A machine took a seat or activated again on the seat it held. */
    ACTIVATION,
    /** An activation was rejected; the detail names the outcome. */
    ACTIVATION_FAILURE,
    /** A validation was rejected; the detail names the outcome. */
    VALIDATION_FAILURE,
    /** A client without a machine fingerprint, such as a v1 client, used a key. No seat is involved. */
    KEY_CHECK,
    /** A key check was rejected; the detail names the outcome. */
    KEY_CHECK_FAILURE,
    /** A machine gave its seat back. */
    DEACTIVATION,
    /** An administrator suspended a license. */
    SUSPENSION,
    /** An administrator made a suspended license active again. */
    REINSTATEMENT,
    /** An administrator revoked a license. */
    REVOCATION,
    /** An administrator moved a license's expiry time. */
    EXTENSION,
    /** An administrator freed a machine's seat. */
    RELEASE;

    /** Returns the lower-case code, such as {@code validation_failure}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a stored code.
     *
     * @throws IllegalArgumentException if the code names no action
     */
    public static AuditAction fromCode(String code) {
        for (AuditAction action : values()) {
            if (action.code().equals(code)) {
                return action;
            }
        }
        throw new IllegalArgumentException("Unknown audit action '" + code + "'.");
    }
}
