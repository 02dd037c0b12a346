package com.goodtalk.server.store;

import java.util.Locale;

/** Outcome of {@link LicenseStore#validate}. {@link #code()} is the text a server sends to clients. */
public enum ValidationOutcome {
    /** The license is usable and the machine holds a seat. */
    VALID,
    /** The license is usable but the machine holds no seat; it has to activate first. */
    NOT_ACTIVATED,
    /** No license matches the key. */
    KEY_INVALID,
    /** The license is suspended. */
    KEY_SUSPENDED,
    /** The license is revoked. */
    KEY_REVOKED,
    /** The license's expiry time has passed. */
    KEY_EXPIRED;

    /** Returns the lower-case code, such as {@code not_activated}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
