package com.goodtalk.server.store;

import java.util.Locale;

/** Outcome of {@link LicenseStore#activate}. {@link #code()} is the text a server sends to clients. */
public enum ActivationOutcome {
    /** The machine holds a seat: a new one, or the one it already had. */
    ACTIVATED,
    /** Every seat is held by other machines. */
    SEAT_LIMIT_REACHED,
    /** No license matches the key. */
    KEY_INVALID,
    /** The license is suspended. */
    KEY_SUSPENDED,
    /** The license is revoked. */
    KEY_REVOKED,
    /** The license's expiry time has passed. */
    KEY_EXPIRED;

    /** Returns the lower-case code, such as {@code seat_limit_reached}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
