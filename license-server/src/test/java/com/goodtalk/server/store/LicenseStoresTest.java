package com.goodtalk.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.goodtalk.protocol.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors from opening a store with a bad location or configuration. */
class LicenseStoresTest {

    private static final StoreConfig CONFIG = StoreConfig.builder(Secret.ofUtf8("test pepper, not a real secret")).build();

    @Test
    void postgresRejectsOtherJdbcUrl() {
        assertThatThrownBy(() -> LicenseStores.postgres("jdbc:mysql://db.example.test/goodtalk?password=hunter2", "u", "p", CONFIG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'jdbc:mysql://db.example.test/goodtalk?...'")
                .hasMessageContaining("jdbc:postgresql://HOST:PORT/DATABASE")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void postgresPointsSqliteUrlToDataDirectory() {
        assertThatThrownBy(() -> LicenseStores.postgres("jdbc:sqlite:/tmp/goodtalk.db", "u", "p", CONFIG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pass the data directory to LicenseStores.sqlite");
    }

    @Test
    void unreachablePostgresNamesServer() {
        // Port 1 on loopback has no listener, so the connection is refused at once.
        assertThatThrownBy(() -> LicenseStores.postgres("jdbc:postgresql://127.0.0.1:1/goodtalk", "u", "p", CONFIG))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/goodtalk")
                .hasMessageContaining("Check that the database is reachable");
    }

    @Test
    void dataDirectoryBelowFileIsRejected(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> LicenseStores.sqlite(file.resolve("data"), CONFIG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.resolve("data").toString())
                .hasMessageContaining("cannot be created");
    }

    @Test
    void databasePathThatIsDirectoryIsRejected(@TempDir Path temp) throws Exception {
        Files.createDirectory(temp.resolve(LicenseStores.SQLITE_FILE_NAME));

        assertThatThrownBy(() -> LicenseStores.sqlite(temp, CONFIG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a file");
    }

    @Test
    void sqliteCreatesDataDirectoryOnFirstStart(@TempDir Path temp) {
        Path directory = temp.resolve("nested").resolve("data");

        try (LicenseStore store = LicenseStores.sqlite(directory, CONFIG)) {
            assertThat(store.listProducts()).isEmpty();
        }

        assertThat(directory.resolve(LicenseStores.SQLITE_FILE_NAME)).isRegularFile();
    }

    @Test
    void sqliteDatabaseInExistingDirectoryIsOwnerOnly(@TempDir Path temp) throws Exception {
        assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        // A directory made by hand or by an installer keeps its permissions, such as rwxr-xr-x.
        Path directory = Files.createDirectory(temp.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        try (LicenseStore store = LicenseStores.sqlite(directory, CONFIG)) {
            assertThat(store.listProducts()).isEmpty();
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                            .as(file.getFileName().toString()).isEqualTo("rw-------");
                }
            }
        }
    }

    @Test
    void sqliteCreatesDataDirectoryForOwnerOnly(@TempDir Path temp) throws Exception {
        assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path directory = temp.resolve("nested").resolve("data");

        try (LicenseStore store = LicenseStores.sqlite(directory, CONFIG)) {
            assertThat(store.listProducts()).isEmpty();
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
    }

    @Test
    void configRejectsBadSettings() {
        assertThatThrownBy(() -> StoreConfig.builder(Secret.proofOfConceptDemo()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 random bytes");
        StoreConfig.Builder builder = StoreConfig.builder(Secret.ofUtf8("pepper"));
        assertThatThrownBy(() -> builder.maxPoolSize(0)).hasMessageContaining("maxPoolSize 0");
        assertThatThrownBy(() -> builder.maxAttempts(21)).hasMessageContaining("maxAttempts 21");
        assertThatThrownBy(() -> builder.busyTimeout(Duration.ofMinutes(2))).hasMessageContaining("busyTimeout PT2M");
        assertThatThrownBy(() -> builder.retryBaseDelay(Duration.ZERO)).hasMessageContaining("retryBaseDelay PT0S");
    }
}
