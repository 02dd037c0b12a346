package com.goodtalk.server.store;

import static com.goodtalk.server.store.TestLicenses.ADMIN;
import static com.goodtalk.server.store.TestLicenses.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceTest {

    @StoreTest
    void backupCopiesLicensesIntoSoundDatabase(StoreBackend backend, @TempDir Path temp) throws Exception {
        LicenseStore store = backend.open();
        TestLicenses.issue(store, 3);
        store.issue(TestLicenses.terms(1), TestLicenses.OTHER_KEY, ADMIN);
        store.activate(KEY, "machine-a");
        Path backup = temp.resolve("backup.db");

        if (!backend.isSqlite()) {
            assertThatThrownBy(() -> store.backup(backup))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("pg_dump");
            return;
        }
        store.backup(backup);

        try (Connection copy = DriverManager.getConnection("jdbc:sqlite:" + backup);
                Statement statement = copy.createStatement()) {
            assertThat(singleText(statement, "PRAGMA integrity_check")).isEqualTo("ok");
            assertThat(singleText(statement, "SELECT COUNT(*) FROM licenses")).isEqualTo("2");
        }
        Path restoredDirectory = Files.createDirectory(temp.resolve("restored"));
        Files.copy(backup, restoredDirectory.resolve(LicenseStores.SQLITE_FILE_NAME));
        try (LicenseStore restored = LicenseStores.sqlite(restoredDirectory, backend.config().build())) {
            assertThat(restored.list(LicenseFilter.all())).isEqualTo(store.list(LicenseFilter.all()));
            assertThat(restored.validate(KEY, "machine-a").isValid()).isTrue();
            assertThat(restored.integrityCheck().isOk()).isTrue();
        }
    }

    @StoreTest
    void backupRefusesExistingFile(StoreBackend backend, @TempDir Path temp) throws Exception {
        LicenseStore store = backend.open();
        Path existing = Files.writeString(temp.resolve("existing.db"), "keep me");

        if (backend.isSqlite()) {
            assertThatThrownBy(() -> store.backup(existing))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(existing.toString())
                    .hasMessageContaining("Choose a new file name");
            assertThatThrownBy(() -> store.backup(existing.resolveSibling("missing-dir").resolve("b.db")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not exist");
        } else {
            assertThatThrownBy(() -> store.backup(existing)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Files.readString(existing)).isEqualTo("keep me");
    }

    @StoreTest
    void integrityCheckPassesOnSqliteAndNamesToolOnPostgres(StoreBackend backend) {
        LicenseStore store = backend.open();
        TestLicenses.issue(store, 1);

        if (backend.isSqlite()) {
            IntegrityReport report = store.integrityCheck();
            assertThat(report.isOk()).isTrue();
            assertThat(report.problems()).isEmpty();
        } else {
            assertThatThrownBy(store::integrityCheck)
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("pg_amcheck");
        }
    }

    private static String singleText(Statement statement, String sql) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
