package com.goodtalk.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.LicenseStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store options and the key pepper sources that every admin command shares. */
class StoreOptionsTest {

    private static final String PEPPER = "k3y-pepper-for-tests-0123456789-abcdefghij";

    @TempDir
    Path temp;

    private AdminCli cli;

    @BeforeEach
    void setUp() {
        cli = AdminCli.sqlite(temp.resolve("data"));
    }

    @Test
    void firstUseCreatesOwnerOnlyPepperFile() throws Exception {
        AdminCli.Result result = cli.runOnStore("db", "migrate");

        Path pepperFile = cli.dataDirectory.resolve(KeyPepper.FILE_NAME);
        assertThat(result.err()).contains("Created a new key pepper in the file " + pepperFile.toAbsolutePath());
        assertThat(Files.readString(pepperFile).strip()).hasSize(43).matches("[A-Za-z0-9_-]+");
        if (Files.getFileStore(pepperFile).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pepperFile))).isEqualTo("rw-------");
        }
        try (var files = Files.list(cli.dataDirectory)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }

        AdminCli.Result second = cli.runOnStore("db", "migrate");

        assertThat(second.err()).doesNotContain("Created a new key pepper");
    }

    @Test
    void environmentPepperIsUsedAndNoFileCreated() throws Exception {
        cli.environment.put(KeyPepper.ENVIRONMENT_VARIABLE, PEPPER);
        String key = cli.runOnStore("licenses", "create", "--product", "p", "--edition", "pro", "--seats", "1")
                .printedKeys().get(0);

        assertThat(cli.dataDirectory.resolve(KeyPepper.FILE_NAME)).doesNotExist();
        try (LicenseStore store = cli.openStore()) {
            assertThat(store.findByKey(key)).isPresent();
        }
        cli.environment.put(KeyPepper.ENVIRONMENT_VARIABLE, PEPPER.replace('k', 'K'));
        try (LicenseStore otherPepper = cli.openStore()) {
            assertThat(otherPepper.findByKey(key)).isEmpty();
        }
    }

    @Test
    void pepperFileOptionIsUsed() throws Exception {
        Path pepperFile = Files.writeString(temp.resolve("pepper.txt"), PEPPER + "\n");
        String key = cli.runOnStore("licenses", "create", "--product", "p", "--edition", "pro", "--seats", "1",
                "--key-pepper-file", pepperFile.toString()).printedKeys().get(0);
        cli.environment.put(KeyPepper.ENVIRONMENT_VARIABLE, PEPPER);

        assertThat(cli.dataDirectory.resolve(KeyPepper.FILE_NAME)).doesNotExist();
        try (LicenseStore store = cli.openStore()) {
            assertThat(store.findByKey(key)).isPresent();
        }
    }

    @Test
    void badPepperSourcesAreRejected() throws Exception {
        Path shortFile = Files.writeString(temp.resolve("short.txt"), "too short\n");
        AdminCli.Result tooShort = cli.runOnStore("db", "migrate", "--key-pepper-file", shortFile.toString());
        AdminCli.Result missing = cli.runOnStore("db", "migrate", "--key-pepper-file",
                temp.resolve("missing.txt").toString());
        cli.environment.put(KeyPepper.ENVIRONMENT_VARIABLE, PEPPER);
        AdminCli.Result both = cli.runOnStore("db", "migrate", "--key-pepper-file", shortFile.toString());

        assertThat(tooShort.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(tooShort.err()).contains("The key pepper file " + shortFile + " contains 9 characters; a key pepper"
                + " needs at least 32.");
        assertThat(tooShort.err()).doesNotContain("too short");
        assertThat(missing.exitCode()).isEqualTo(ExitCode.IO_ERROR);
        assertThat(missing.err()).contains("Cannot read the key pepper file " + temp.resolve("missing.txt"));
        assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(both.err()).contains("Both GOODTALK_KEY_PEPPER and --key-pepper-file " + shortFile + " are set.");
    }

    @Test
    void missingDatabaseIsRejectedWithoutCreatingFiles() {
        AdminCli.Result result = cli.runOnStore("licenses", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("There is no license database "
                + cli.dataDirectory.resolve(LicenseStores.SQLITE_FILE_NAME).toAbsolutePath() + ". Check --data-dir");
        assertThat(cli.dataDirectory).doesNotExist();
    }

    @Test
    void databaseUserWithoutUrlIsRejected() {
        AdminCli.Result result = cli.runOnStore("db", "migrate", "--db-user", "goodtalk");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("--db-user goodtalk is given without --db-url.");
    }

    @Test
    void nonPostgresUrlIsRejected() {
        AdminCli.Result result = cli.runOnStore("db", "migrate", "--db-url", "jdbc:mysql://127.0.0.1/goodtalk");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("Unsupported JDBC URL 'jdbc:mysql://127.0.0.1/goodtalk'");
    }

    @Test
    void unreachablePostgresIsIoErrorWithoutPassword() {
        cli.environment.put(StoreOptions.PASSWORD_VARIABLE, "secret-password-123");

        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        AdminCli.Result result = cli.runOnStore("db", "migrate", "--db-url",
                "jdbc:postgresql://127.0.0.1:1/goodtalk?connectTimeout=2", "--db-user", "goodtalk");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.IO_ERROR);
        assertThat(result.err()).contains("jdbc:postgresql://127.0.0.1:1/goodtalk?...")
                .doesNotContain("secret-password-123").doesNotContain("connectTimeout");
    }

    @Test
    void keyPepperToStringHidesPepper() throws Exception {
        KeyPepper pepper = KeyPepper.load(Map.of(KeyPepper.ENVIRONMENT_VARIABLE, PEPPER), null, temp);

        assertThat(pepper.toString()).doesNotContain(PEPPER).contains(KeyPepper.ENVIRONMENT_VARIABLE);
        assertThat(pepper.created()).isFalse();
    }
}
