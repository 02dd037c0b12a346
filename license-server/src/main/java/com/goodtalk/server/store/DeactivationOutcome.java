package com.goodtalk.server.store;

import java.util.Locale;

/**
 * Outcome of {@link LicenseStore#deactivate}. A machine may give its seat back whatever the
 * license's status, so there are no suspended, revoked or expired outcomes.
 */
public enum DeactivationOutcome {
    /** The machine's seat is free again. */
    DEACTIVATED,
    /** The machine held no seat on this license, so nothing changed. */
    NOT_ACTIVATED,
    /** No license matches the key. */
    KEY_INVALID;

    /** Returns the lower-case code, such as {@code deactivated}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
