package com.goodtalk.server.store;

import java.time.Instant;

/**
 * Selection of audit entries for {@link LicenseStore#audit}, which returns them newest first.
 *
 * @param licenseId only entries about this license, or {@code null} for all
 * @param action only entries of this kind, or {@code null} for all
 * @param since only entries recorded at or after this time, or {@code null} for all
 * @param limit the maximum number of entries returned, 1 to {@value #MAX_LIMIT}
 */
public record AuditFilter(Long licenseId, AuditAction action, Instant since, int limit) {

    /** The largest page that one call returns. */
    public static final int MAX_LIMIT = 1000;

    public AuditFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "Audit limit " + limit + " is out of range. Use 1 to " + MAX_LIMIT + ".");
        }
    }

    /** Returns a filter for the newest {@value #MAX_LIMIT} entries. */
    public static AuditFilter all() {
        return new AuditFilter(null, null, null, MAX_LIMIT);
    }

    /** Returns a filter for the newest {@value #MAX_LIMIT} entries about one license. */
    public static AuditFilter forLicense(long licenseId) {
        return new AuditFilter(licenseId, null, null, MAX_LIMIT);
    }

    /** Returns a copy that keeps only entries of {@code wanted} kind. */
    public AuditFilter withAction(AuditAction wanted) {
        return new AuditFilter(licenseId, wanted, since, limit);
    }
}
