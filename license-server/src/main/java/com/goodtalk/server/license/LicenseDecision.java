package com.goodtalk.server.license;

import com.goodtalk.protocol.v2.V2License;
import java.util.Objects;
import java.util.Optional;

/**
 * The decision of a {@link LicenseService} on one request.
 *
 * @param status  the outcome
 * @param message one sentence for the client that says what happened and what to do next; it
 *                never contains the full product key
 * @param license the license view, present exactly when {@link LicenseStatus#carriesLicense()}
 */
public record LicenseDecision(LicenseStatus status, String message, Optional<V2License> license) {

    /**
     * Checks that the license is present exactly for {@code activated} and {@code valid}.
     *
     * @throws IllegalArgumentException if the license does not fit the status, or the message is blank
     */
    public LicenseDecision {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(license, "license");
        if (message.isBlank()) {
            throw new IllegalArgumentException("The decision message is blank; give one sentence for the client.");
        }
        if (status.carriesLicense() != license.isPresent()) {
            throw new IllegalArgumentException("A " + status.word() + " decision "
                    + (status.carriesLicense() ? "needs a license view." : "carries no license view."));
        }
    }

    /** Creates an {@code activated} or {@code valid} decision with its license view. */
    public static LicenseDecision granted(LicenseStatus status, String message, V2License license) {
        return new LicenseDecision(status, message, Optional.of(Objects.requireNonNull(license, "license")));
    }

    /** Creates a decision without a license view, such as {@code deactivated} or {@code key_invalid}. */
    public static LicenseDecision withoutLicense(LicenseStatus status, String message) {
        return new LicenseDecision(status, message, Optional.empty());
    }
}
