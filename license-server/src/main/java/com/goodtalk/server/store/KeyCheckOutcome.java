package com.goodtalk.server.store;

import java.util.Locale;

/** Outcome of {@link LicenseStore#checkKey}. {@link #code()} is the text the audit log records. */
public enum KeyCheckOutcome {
    /** A license matches the key, and it is active and unexpired. */
    USABLE,
    /** No license matches the key. */
    KEY_INVALID,
    /** The license is suspended. */
    KEY_SUSPENDED,
    /** The license is revoked. */
    KEY_REVOKED,
    /** The license's expiry time has passed. */
    KEY_EXPIRED;

    /** Returns the lower-case code, such as {@code key_revoked}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
