package com.goodtalk.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.server.store.LicenseFilter;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.LicenseStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db backup}, {@code db migrate} and {@code db check} on SQLite. */
class DbCommandsTest {

    @TempDir
    Path temp;

    private AdminCli cli;

    @BeforeEach
    void setUp() {
        cli = AdminCli.sqlite(temp.resolve("data"));
    }

    @Test
    void backupCopyOpensWithSameLicenses() throws Exception {
        String key = cli.runOnStore("licenses", "create", "--product", "p", "--edition", "pro", "--seats", "2")
                .printedKeys().get(0);
        try (LicenseStore store = cli.openStore()) {
            store.activate(key, "machine-1");
        }
        Path backup = temp.resolve("backup.db");

        AdminCli.Result result = cli.runOnStore("db", "backup", backup.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines()).hasSize(2);
        assertThat(result.outLines().get(0)).startsWith("Backed up the SQLite database "
                + cli.dataDirectory.resolve(LicenseStores.SQLITE_FILE_NAME).toAbsolutePath() + " to " + backup
                + " (").endsWith(" bytes).");
        assertThat(result.outLines().get(1)).startsWith("The key pepper is not in the backup");
        AdminCli restored = restore(backup, "restored");
        try (LicenseStore original = cli.openStore(); LicenseStore copy = restored.openStore()) {
            assertThat(copy.list(LicenseFilter.all())).isEqualTo(original.list(LicenseFilter.all()));
            assertThat(copy.validate(key, "machine-1").isValid()).isTrue();
        }
        AdminCli.Result check = restored.runOnStore("db", "check");
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).contains("found no problem");
    }

    @Test
    void backupRejectsExistingFileWithoutForce() throws Exception {
        cli.runOnStore("licenses", "create", "--product", "p", "--edition", "pro", "--seats", "2");
        Path existing = Files.writeString(temp.resolve("existing.db"), "keep me");

        AdminCli.Result rejected = cli.runOnStore("db", "backup", existing.toString());

        assertThat(rejected.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(rejected.err()).contains("license-server db backup: The backup file " + existing + " exists."
                + " Choose a new file name, or give --force to replace it.");
        assertThat(Files.readString(existing)).isEqualTo("keep me");

        AdminCli.Result forced = cli.runOnStore("db", "backup", existing.toString(), "--force");

        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        try (LicenseStore copy = restore(existing, "forced").openStore()) {
            assertThat(copy.list(LicenseFilter.all())).hasSize(1);
        }
        try (var leftovers = Files.list(temp)) {
            assertThat(leftovers.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
        }
    }

    @Test
    void backupIsOwnerOnly() throws Exception {
        cli.runOnStore("licenses", "create", "--product", "p", "--edition", "pro", "--seats", "2");
        Path fresh = temp.resolve("fresh.db");
        Path replaced = Files.writeString(temp.resolve("replaced.db"), "old");

        AdminCli.Result first = cli.runOnStore("db", "backup", fresh.toString());
        AdminCli.Result forced = cli.runOnStore("db", "backup", replaced.toString(), "--force");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        // The copy holds the audit log and license details, like the database in its owner-only directory.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(replaced))).isEqualTo("rw-------");
    }

    @Test
    void backupIntoMissingDirectoryFails() {
        cli.runOnStore("db", "migrate");

        AdminCli.Result result = cli.runOnStore("db", "backup", temp.resolve("no-such-dir/backup.db").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("does not exist. Create it first.");
    }

    @Test
    void migratePrintsAppliedThenCurrent() {
        AdminCli.Result first = cli.runOnStore("db", "migrate");
        AdminCli.Result second = cli.runOnStore("db", "migrate");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.outLines().get(0)).isEqualTo("Applied 2 migrations to the SQLite database "
                + cli.dataDirectory.resolve(LicenseStores.SQLITE_FILE_NAME).toAbsolutePath()
                + ": version 1 (create license tables), version 2 (create seen nonces). The schema is now at"
                + " version 2.");
        assertThat(first.outLines().get(1)).matches("VERSION +DESCRIPTION +INSTALLED +STATE");
        assertThat(first.outLines().get(2)).matches("1 +create license tables +\\S+ +applied now");
        assertThat(second.exitCode()).isZero();
        assertThat(second.outLines().get(0)).endsWith(" is current at version 2; no migration was needed.");
        assertThat(second.outLines().get(2)).matches("1 +create license tables +\\S+ +applied");
    }

    @Test
    void checkReportsCorruptIndex() throws Exception {
        cli.runOnStore("licenses", "create", "--product", "p", "--edition", "pro", "--seats", "2", "--count", "3");
        Path file = cli.dataDirectory.resolve(LicenseStores.SQLITE_FILE_NAME);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            // Redefines an index without rebuilding it, so its entries no longer match the rows.
            statement.execute("CREATE TABLE damaged (value INTEGER)");
            statement.execute("CREATE INDEX damaged_value ON damaged (value)");
            statement.execute("INSERT INTO damaged VALUES (1), (2), (3)");
            statement.execute("PRAGMA writable_schema = ON");
            statement.execute("UPDATE sqlite_schema SET sql = 'CREATE INDEX damaged_value ON damaged (value + 7)'"
                    + " WHERE name = 'damaged_value'");
        }

        AdminCli.Result result = cli.runOnStore("db", "check");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.DATA_ERROR);
        assertThat(result.out()).contains("found ").contains(" problem").contains("damaged_value")
                .contains("Restore the latest backup");
    }

    @Test
    void groupWithoutSubcommandIsUsageError() {
        AdminCli.Result result = cli.run("db");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("Missing required subcommand");
    }

    /** Copies a backup and the pepper into a new data directory, as an administrator restoring would. */
    private AdminCli restore(Path backup, String directoryName) throws Exception {
        Path directory = Files.createDirectory(temp.resolve(directoryName));
        Files.copy(backup, directory.resolve(LicenseStores.SQLITE_FILE_NAME));
        Files.copy(cli.dataDirectory.resolve(KeyPepper.FILE_NAME), directory.resolve(KeyPepper.FILE_NAME));
        return AdminCli.sqlite(directory);
    }
}
