package com.goodtalk.server.store;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to {@link LicenseStore#validate}.
 *
 * @param outcome how the validation ended
 * @param license the license terms and seat counts, or {@code null} when no license matches the key
 */
public record ValidationResult(ValidationOutcome outcome, LicenseView license) {

    public ValidationResult {
        Objects.requireNonNull(outcome, "outcome");
        if ((license == null) != (outcome == ValidationOutcome.KEY_INVALID)) {
            throw new IllegalArgumentException("A license view belongs to every outcome except key_invalid");
        }
    }

    /** Returns the license view, empty for {@link ValidationOutcome#KEY_INVALID}. */
    public Optional<LicenseView> licenseView() {
        return Optional.ofNullable(license);
    }

    /** Tells whether the license is usable on this machine. */
    public boolean isValid() {
        return outcome == ValidationOutcome.VALID;
    }
}
