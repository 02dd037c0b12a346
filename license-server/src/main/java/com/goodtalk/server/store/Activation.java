package com.goodtalk.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One machine's seat on a license, current or past. A machine that deactivates and activates
 * again gets a new row, so the history stays.
 *
 * @param id the database id, used by {@link LicenseStore#release}
 * @param licenseId the license the seat belongs to
 * @param machine the machine fingerprint the client sent
 * @param firstSeenAt when the machine took the seat
 * @param lastSeenAt when the machine last activated or validated
 * @param deactivatedAt when the seat was given back or released, or {@code null} while it is held
 */
public record Activation(
        long id, long licenseId, String machine, Instant firstSeenAt, Instant lastSeenAt, Instant deactivatedAt) {

    public Activation {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    }

    /** Tells whether the machine still holds this seat. */
    public boolean isActive() {
        return deactivatedAt == null;
    }
}
