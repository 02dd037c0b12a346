package com.goodtalk.server.store;

import java.util.Locale;

/**
 * The stored state of a license. Expiry is not a status: it follows from the expiry time and the
 * store's clock, so an expired license can be extended without being reinstated.
 */
public enum LicenseStatus {
    /** The license can activate and validate machines. */
    ACTIVE,
    /** Temporarily blocked by an administrator; {@code reinstate} makes it active again. */
    SUSPENDED,
    /** Blocked for good; no operation makes a revoked license usable again. */
    REVOKED;

    /** Returns the lower-case name stored in the database and shown to administrators. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a stored or typed status code such as {@code active}.
     *
     * @throws IllegalArgumentException if the code names no status
     */
    public static LicenseStatus fromCode(String code) {
        for (LicenseStatus status : values()) {
            if (status.code().equals(code)) {
                return status;
            }
        }
        throw new IllegalArgumentException(
                "Unknown license status '" + code + "'. Use one of: active, suspended, revoked.");
    }
}
