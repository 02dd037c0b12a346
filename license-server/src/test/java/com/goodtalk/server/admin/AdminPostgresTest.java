package com.goodtalk.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.store.ActivationOutcome;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.PostgresDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The admin commands on PostgreSQL, with the pepper shared through the environment as several instances would. */
@ExtendWith(PostgresDatabases.class)
class AdminPostgresTest {

    private static final String PEPPER = "shared-pepper-of-all-instances-0123456789";

    @TempDir
    Path temp;

    private AdminCli cli(PostgresDatabases.Database database) {
        AdminCli cli = AdminCli.postgres(database, temp.resolve("data"));
        cli.environment.put(KeyPepper.ENVIRONMENT_VARIABLE, PEPPER);
        return cli;
    }

    @Test
    void createdKeysValidateOnPostgres(PostgresDatabases.Database database) throws Exception {
        AdminCli cli = cli(database);

        AdminCli.Result created = cli.runOnStore("licenses", "create", "--product", "goodtalk-desktop",
                "--edition", "pro", "--seats", "1", "--count", "2", "--actor", "alice");
        AdminCli.Result list = cli.runOnStore("licenses", "list");

        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.printedKeys()).hasSize(2);
        assertThat(list.outLines()).hasSize(4).last().isEqualTo("2 licenses.");
        assertThat(cli.dataDirectory).doesNotExist();
        try (LicenseStore store = cli.openStore()) {
            for (String key : created.printedKeys()) {
                assertThat(store.activate(key, "machine-1").outcome()).isEqualTo(ActivationOutcome.ACTIVATED);
                assertThat(store.validate(key, "machine-1").isValid()).isTrue();
            }
        }
    }

    @Test
    void importAndAuditOnPostgres(PostgresDatabases.Database database) throws Exception {
        AdminCli cli = cli(database);
        Path keys = Files.writeString(temp.resolve("keys.txt"), String.join("\n", DemoKeys.KEYS));

        AdminCli.Result imported = cli.runOnStore("licenses", "import", keys.toString(), "--product", "goodtalk-demo",
                "--edition", "demo", "--seats", "5");
        cli.runOnStore("licenses", "suspend", "3");
        AdminCli.Result audit = cli.runOnStore("audit");

        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("Imported 3 legacy keys");
        assertThat(audit.outLines()).hasSize(5);
        assertThat(audit.outLines().get(1)).contains(" cli:tester ").contains(" suspension ");
        assertThat(audit.outLines().get(4)).contains(" cli:tester ").contains(" import ");
    }

    @Test
    void sqliteOnlyMaintenanceNamesPostgresTools(PostgresDatabases.Database database) {
        AdminCli cli = cli(database);
        cli.runOnStore("db", "migrate");

        AdminCli.Result backup = cli.runOnStore("db", "backup", temp.resolve("backup.db").toString());
        AdminCli.Result check = cli.runOnStore("db", "check");
        AdminCli.Result migrate = cli.runOnStore("db", "migrate");

        assertThat(backup.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(backup.err()).contains("pg_dump");
        assertThat(temp.resolve("backup.db")).doesNotExist();
        assertThat(check.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(check.err()).contains("pg_amcheck");
        assertThat(migrate.exitCode()).isZero();
        assertThat(migrate.outLines().get(0)).isEqualTo("The schema of the PostgreSQL database " + database.jdbcUrl()
                + " is current at version 2; no migration was needed.");
    }
}
