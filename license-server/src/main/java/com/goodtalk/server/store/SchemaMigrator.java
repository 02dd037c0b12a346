package com.goodtalk.server.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the store's Flyway migrations. Each database has its own folder, because SQLite and
 * PostgreSQL spell identity and time columns differently; both folders create the same tables.
 */
final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final String LOCATION_ROOT = "classpath:com/goodtalk/server/store/migration/";

    private final Flyway flyway;
    private final String databaseName;

    SchemaMigrator(DataSource dataSource, SqlDialect dialect) {
        this.databaseName = dialect.displayName();
        this.flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION_ROOT + dialect.migrationFolder())
                .table("store_schema_history")
                .failOnMissingLocations(true)
                .load();
    }

    /** Applies missing migrations and returns how many ran. */
    int migrate() {
        MigrateResult result = flyway.migrate();
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
}
