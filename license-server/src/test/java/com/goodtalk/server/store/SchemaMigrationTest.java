package com.goodtalk.server.store;

import static com.goodtalk.server.store.TestLicenses.ADMIN;
import static com.goodtalk.server.store.TestLicenses.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

class SchemaMigrationTest {

    private static final String LEGACY_KEY = "legacy-0042-xyz";
    private static final String UNKNOWN_KEY = "ZZZZ-ZZZZ-ZZZZ-ZZZZ";

    @StoreTest
    void migrationCreatesEveryTable(StoreBackend backend) throws SQLException {
        backend.open();

        assertThat(tableNames(backend)).contains("products", "licenses", "activations", "audit_log", "store_schema_history");
    }

    @StoreTest
    void reopeningAppliesNoMigrationAndKeepsData(StoreBackend backend) {
        LicenseStore first = backend.openUntracked(backend.config().build());
        License issued = TestLicenses.issue(first, 3);
        assertThat(first.migrate()).isZero();
        first.close();

        LicenseStore second = backend.open();

        assertThat(second.migrate()).isZero();
        assertThat(second.findByKey(KEY)).map(License::id).contains(issued.id());
    }

    @StoreTest
    void historyMarksMigrationsThisStoreApplied(StoreBackend backend) {
        LicenseStore first = backend.openUntracked(backend.config().build());
        List<SchemaMigration> created = first.migrationHistory();
        first.close();

        LicenseStore second = backend.open();
        List<SchemaMigration> reopened = second.migrationHistory();

        assertThat(created).extracting(SchemaMigration::version).containsExactly("1", "2");
        assertThat(created).extracting(SchemaMigration::description)
                .containsExactly("create license tables", "create seen nonces");
        assertThat(created.get(0).succeeded()).isTrue();
        assertThat(created.get(0).appliedByThisStore()).isTrue();
        assertThat(reopened).extracting(SchemaMigration::version).containsExactly("1", "2");
        assertThat(reopened.get(0).appliedByThisStore()).isFalse();
        assertThat(reopened.get(0).installedAt()).isEqualTo(created.get(0).installedAt());
    }

    @StoreTest
    void databaseNeverContainsProductKeyText(StoreBackend backend) throws SQLException, IOException {
        LicenseStore store = backend.open();
        TestLicenses.issue(store, 2);
        store.importKey(TestLicenses.terms(1), LEGACY_KEY, ADMIN);
        store.activate(KEY, "machine-a");
        store.activate(KEY.toLowerCase(Locale.ROOT), "machine-b");
        store.activate(KEY, "machine-c");
        store.validate(KEY, "machine-a");
        store.validate(KEY, "machine-z");
        store.activate(LEGACY_KEY, "machine-d");
        store.activate(UNKNOWN_KEY, "machine-e");
        store.validate(UNKNOWN_KEY, "machine-e");
        store.deactivate(KEY, "machine-b");

        List<String> secrets = List.of(KEY, KEY.toLowerCase(Locale.ROOT), KEY.replace("-", ""), LEGACY_KEY, UNKNOWN_KEY);
        List<String> values = allTextValues(backend);

        assertThat(values).as("text values read back").hasSizeGreaterThan(20);
        for (String secret : secrets) {
            assertThat(values).noneMatch(value -> value.contains(secret));
        }
        if (backend.isSqlite()) {
            assertSqliteFilesLackText(backend.dataDirectory(), secrets);
        }
    }

    @StoreTest
    void auditLogRejectsChangesAndDeletions(StoreBackend backend) throws SQLException {
        TestLicenses.issue(backend.open(), 1);

        try (Connection connection = backend.rawConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE audit_log SET detail = 'changed'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit_log"))
                    .hasMessageContaining("append-only");
        }
    }

    private static List<String> tableNames(StoreBackend backend) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = backend.rawConnection();
                ResultSet tables = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME"));
            }
        }
        return names;
    }

    /** Reads every column of every store table as text, so that no column type hides a value. */
    private static List<String> allTextValues(StoreBackend backend) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = backend.rawConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            for (String table : tableNames(backend)) {
                if (backend.isSqlite() && table.startsWith("sqlite_")) {
                    continue;
                }
                List<String> columns = new ArrayList<>();
                try (ResultSet rows = metadata.getColumns(null, null, table, "%")) {
                    while (rows.next()) {
                        columns.add(rows.getString("COLUMN_NAME"));
                    }
                }
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    while (rows.next()) {
                        for (String column : columns) {
                            String value = rows.getString(column);
                            if (value != null) {
                                values.add(value);
                            }
                        }
                    }
                }
            }
        }
        return values;
    }

    /** Also scans the raw database and WAL files, which hold free pages and old row versions. */
    private static void assertSqliteFilesLackText(Path directory, List<String> secrets) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                assertThat(bytes).as(file.getFileName().toString()).doesNotContain(secret);
            }
        }
    }
}
