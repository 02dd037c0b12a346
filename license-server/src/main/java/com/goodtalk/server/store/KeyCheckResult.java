package com.goodtalk.server.store;

import java.util.Objects;

/**
 * The answer to {@link LicenseStore#checkKey}.
 *
 * @param outcome   whether the key may be used, and if not, why
 * @param licenseId the license that matches the key, or {@code null} when none does
 */
public record KeyCheckResult(KeyCheckOutcome outcome, Long licenseId) {

    public KeyCheckResult {
        Objects.requireNonNull(outcome, "outcome");
        if ((licenseId == null) != (outcome == KeyCheckOutcome.KEY_INVALID)) {
            throw new IllegalArgumentException("A license id belongs to every outcome except key_invalid");
        }
    }

    /** Tells whether the key names a license that is active and unexpired. */
    public boolean isUsable() {
        return outcome == KeyCheckOutcome.USABLE;
    }
}
