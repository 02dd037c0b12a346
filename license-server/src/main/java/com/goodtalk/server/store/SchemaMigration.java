package com.goodtalk.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One applied migration in the store's schema history.
 *
 * @param version the schema version it migrates to, such as {@code 1}
 * @param description the description from its script name, such as {@code create license tables}
 * @param installedAt when the database recorded it
 * @param succeeded false when the migration failed and the schema needs repair
 * @param appliedByThisStore true when this store instance applied it, on opening or in
 *     {@link LicenseStore#migrate()}
 */
public record SchemaMigration(
        String version, String description, Instant installedAt, boolean succeeded, boolean appliedByThisStore) {

    public SchemaMigration {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(installedAt, "installedAt");
    }
}
