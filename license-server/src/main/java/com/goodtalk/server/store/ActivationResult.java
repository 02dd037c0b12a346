package com.goodtalk.server.store;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to {@link LicenseStore#activate}.
 *
 * @param outcome how the activation ended
 * @param newSeat true only when this call gave the machine a seat it did not hold before
 * @param license the license terms and seat counts, or {@code null} when no license matches the key
 */
public record ActivationResult(ActivationOutcome outcome, boolean newSeat, LicenseView license) {

    public ActivationResult {
        Objects.requireNonNull(outcome, "outcome");
        if (newSeat && outcome != ActivationOutcome.ACTIVATED) {
            throw new IllegalArgumentException("Only an activated outcome can take a new seat, not " + outcome);
        }
        if ((license == null) != (outcome == ActivationOutcome.KEY_INVALID)) {
            throw new IllegalArgumentException("A license view belongs to every outcome except key_invalid");
        }
    }

    /** Returns the license view, empty for {@link ActivationOutcome#KEY_INVALID}. */
    public Optional<LicenseView> licenseView() {
        return Optional.ofNullable(license);
    }

    /** Tells whether the machine holds a seat after this call. */
    public boolean isActivated() {
        return outcome == ActivationOutcome.ACTIVATED;
    }

    /**
     * Returns a sentence for the user, such as "All 3 seats of this license are in use." for a
     * full license. It names the limit and never contains the key.
     */
    public String message() {
        return switch (outcome) {
            case ACTIVATED -> newSeat
                    ? "Activated: this machine now holds seat " + license.seatsUsed() + " of " + license.seatLimit() + "."
                    : "Activated: this machine already held a seat, so no second seat was taken.";
            case SEAT_LIMIT_REACHED -> "All " + license.seatLimit()
                    + " seats of this license are in use. Deactivate another machine or ask for more seats.";
            case KEY_INVALID -> "The product key is not valid. Check it for typing mistakes.";
            case KEY_SUSPENDED -> "This license is suspended. Contact support to have it reinstated.";
            case KEY_REVOKED -> "This license is revoked and can no longer be used.";
            case KEY_EXPIRED -> "This license expired at " + license.expiresAt() + ". Renew it to continue.";
        };
    }
}
