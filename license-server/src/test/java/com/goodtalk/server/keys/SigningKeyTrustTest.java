package com.goodtalk.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.goodtalk.server.keys.SigningKeyStoreException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attacks on the signing key store by another local user: a directory they can write, files they
 * own, and symbolic links to files they control. Each must be rejected before a key is used.
 */
class SigningKeyTrustTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path elsewhere;

    private SigningKeyStore store;
    private Path directory;
    private String keyId;

    @BeforeEach
    void generateKey() throws Exception {
        assumeTrue(OwnerOnlyFiles.supportsPosix(dataDir), "the file system has no POSIX permissions");
        store = new SigningKeyStore(dataDir);
        keyId = store.generate().activeKeyId();
        directory = store.directory();
    }

    @ParameterizedTest(name = "permissions {0}")
    @ValueSource(strings = {"rwxrwxrwx", "rwx-w----", "rwx----w-", "rwxrwx---"})
    void keyDirectoryWritableByOthersIsRejected(String permissions) throws IOException {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString(permissions));

        assertRejected("The signing key directory " + directory + " is writable by other users",
                "chmod go-w " + directory);
    }

    @Test
    void keyDirectoryReadableByOthersLoads() throws Exception {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(store.require().activeKeyId()).isEqualTo(keyId);
    }

    @Test
    void dataDirectoryWritableByOthersIsRejected() throws IOException {
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertRejected("The data directory " + dataDir + " is writable by other users", "chmod go-w " + dataDir);
    }

    @Test
    void emptyDataDirectoryWritableByOthersIsRejected(@TempDir Path emptyDataDir) throws IOException {
        Files.setPosixFilePermissions(emptyDataDir, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> new SigningKeyStore(emptyDataDir).generate())
                .isInstanceOfSatisfying(SigningKeyStoreException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNREADABLE);
                    assertThat(e.getMessage()).contains("chmod go-w " + emptyDataDir);
                });
        assertThat(emptyDataDir.resolve(SigningKeyStore.DIRECTORY)).doesNotExist();
    }

    @Test
    void symlinkedKeyFileIsRejected() throws IOException {
        Path keyFile = store.privateKeyFile(keyId);
        Path moved = Files.move(keyFile, elsewhere.resolve(keyId + ".pem"));
        Files.createSymbolicLink(keyFile, moved);

        assertRejected("The private key file " + keyFile + " is a symbolic link", "readlink -f " + keyFile);
    }

    @Test
    void symlinkedActiveFileIsRejected() throws IOException {
        Path activeFile = directory.resolve(SigningKeyStore.ACTIVE_FILE);
        Path moved = Files.move(activeFile, elsewhere.resolve("active"));
        Files.createSymbolicLink(activeFile, moved);

        assertRejected("The active key file " + activeFile + " is a symbolic link", "readlink -f " + activeFile);
    }

    @Test
    void keyFileOwnedByOtherUserIsRejected() throws IOException {
        Path keyFile = store.privateKeyFile(keyId);
        giveToNobody(keyFile);

        assertRejected("The private key file " + keyFile + " is owned by nobody", "chown ");
    }

    @Test
    void activeFileOwnedByOtherUserIsRejected() throws IOException {
        Path activeFile = directory.resolve(SigningKeyStore.ACTIVE_FILE);
        giveToNobody(activeFile);

        assertRejected("The active key file " + activeFile + " is owned by nobody", "chown ");
    }

    @Test
    void activeFileWritableByOthersIsRejected() throws IOException {
        Path activeFile = directory.resolve(SigningKeyStore.ACTIVE_FILE);
        Files.setPosixFilePermissions(activeFile, PosixFilePermissions.fromString("rw-rw-rw-"));

        assertRejected("The active key file " + activeFile + " is writable by other users", "chmod 600 " + activeFile);
    }

    /** Makes the user {@code nobody} own {@code file}; only root may do this, so other users skip. */
    private static void giveToNobody(Path file) throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file to another user");
        UserPrincipal nobody = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(file, nobody);
    }

    private void assertRejected(String messageStart, String fix) {
        assertThatThrownBy(() -> store.load()).isInstanceOfSatisfying(SigningKeyStoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.UNREADABLE);
            assertThat(e.getMessage()).contains(messageStart);
            assertThat(e.getMessage()).contains(fix);
        });
    }
}
