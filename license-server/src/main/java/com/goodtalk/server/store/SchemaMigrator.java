package com.goodtalk.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the store's Flyway migrations. Each database has its own folder, because SQLite and
 * PostgreSQL spell identity and time columns differently; both folders create the same tables.
 */
final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    /** How many times migrating runs in all when it fails, such as when another store migrates at once. */
    private static final int MAX_ATTEMPTS = 5;

    private static final String LOCATION_ROOT = "classpath:com/goodtalk/server/store/migration/";

    private final Flyway flyway;
    private final String databaseName;
    private final Set<String> versionsAppliedHere = ConcurrentHashMap.newKeySet();

    SchemaMigrator(DataSource dataSource, SqlDialect dialect) {
        this.databaseName = dialect.displayName();
        this.flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION_ROOT + dialect.migrationFolder())
                .table("store_schema_history")
                .failOnMissingLocations(true)
                .load();
    }

    /**
     * Applies missing migrations and returns how many ran.
     *
     * <p>On PostgreSQL, Flyway takes a database lock, so instances may start together. Flyway takes
     * no such lock on SQLite, so two stores opening a new file at the same moment may both run the
     * same migration, and one fails ("table already exists", or a busy database). That one tries
     * again, up to {@value #MAX_ATTEMPTS} times in all, and then finds the schema current.
     */
    int migrate() {
        MigrateResult result = null;
        for (int attempt = 1; result == null; attempt++) {
            try {
                result = flyway.migrate();
            } catch (FlywayException failure) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw failure;
                }
                LOG.info("Migrating the {} license store schema failed ({}); trying again (attempt {} of {}) in case"
                        + " another store migrated it at the same moment", databaseName,
                        failure.getMessage().lines().findFirst().orElse(""), attempt + 1, MAX_ATTEMPTS);
                pause(attempt);
            }
        }
        for (MigrateOutput migration : result.migrations) {
            versionsAppliedHere.add(migration.version);
        }
        if (result.migrationsExecuted > 0) {
            LOG.info("Migrated the {} license store schema from version {} to {} ({} migrations)", databaseName,
                    result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
                    result.targetSchemaVersion, result.migrationsExecuted);
        } else {
            LOG.info("The {} license store schema is current at version {}", databaseName,
                    flyway.info().current() == null ? "none" : flyway.info().current().getVersion());
        }
        return result.migrationsExecuted;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(50L * attempt);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting to migrate the schema again.", interrupted);
        }
    }

    /** Lists the applied migrations, oldest first, marking those that this migrator applied. */
    List<SchemaMigration> history() {
        List<SchemaMigration> history = new ArrayList<>();
        for (MigrationInfo migration : flyway.info().applied()) {
            if (migration.getVersion() == null) {
                continue; // Repeatable migrations have no version; the store has none.
            }
            String version = migration.getVersion().getVersion();
            history.add(new SchemaMigration(version, migration.getDescription(),
                    migration.getInstalledOn().toInstant(), !migration.getState().isFailed(),
                    versionsAppliedHere.contains(version)));
        }
        return history;
    }
}
