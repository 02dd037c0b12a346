package com.goodtalk.server.store;

import java.time.Instant;

/** Rules for status changes and expiry moves, with error messages that name the fix. */
final class LicenseStatusRules {

    private LicenseStatusRules() {}

    /**
     * Allows active to suspended, suspended to active, and anything but revoked to revoked.
     *
     * @throws ConflictException for any other change
     */
    static void requireAllowed(License license, LicenseStatus target) {
        LicenseStatus current = license.status();
        boolean allowed = switch (target) {
            case SUSPENDED -> current == LicenseStatus.ACTIVE;
            case ACTIVE -> current == LicenseStatus.SUSPENDED;
            case REVOKED -> current != LicenseStatus.REVOKED;
        };
        if (allowed) {
            return;
        }
        String hint = switch (target) {
            case SUSPENDED -> current == LicenseStatus.SUSPENDED
                    ? "It is already suspended." : "A revoked license stays revoked; issue a new license instead.";
            case ACTIVE -> current == LicenseStatus.ACTIVE
                    ? "It is already active." : "A revoked license stays revoked; issue a new license instead.";
            case REVOKED -> "It is already revoked.";
        };
        throw new ConflictException("License " + license.id() + " is " + current.code() + ", so it cannot become "
                + target.code() + ". " + hint);
    }

    /**
     * Allows a new expiry that is in the future and later than the current one.
     *
     * @throws IllegalArgumentException if the new expiry is not in the future or not later
     * @throws ConflictException if the license is revoked or never expires
     */
    static void requireExtensible(License license, Instant newExpiry, Instant now) {
        if (license.status() == LicenseStatus.REVOKED) {
            throw new ConflictException("License " + license.id() + " is revoked, so extending it has no effect."
                    + " Issue a new license instead.");
        }
        if (license.expiresAt() == null) {
            throw new ConflictException("License " + license.id() + " never expires, so an expiry of " + newExpiry
                    + " would shorten it. Leave it as it is.");
        }
        if (!newExpiry.isAfter(now)) {
            throw new IllegalArgumentException("The new expiry " + newExpiry + " is not after the current time " + now
                    + ". Give a time in the future.");
        }
        if (!newExpiry.isAfter(license.expiresAt())) {
            throw new IllegalArgumentException("The new expiry " + newExpiry + " is not after the license's current"
                    + " expiry " + license.expiresAt() + ". Give a later time to extend it.");
        }
    }
}
