package com.goodtalk.desktop.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate and state files in a temporary data directory, and the per-OS data directory. */
class LicenseStorageTest {

    @TempDir
    Path temp;

    @Test
    void writtenCertificateReadsBack() {
        LicenseStorage storage = new LicenseStorage(temp.resolve("data"));

        storage.writeCertificate("goodtalk-demo", "a.b.c");

        assertThat(storage.readCertificate("goodtalk-demo")).contains("a.b.c");
        assertThat(storage.certificateFile("goodtalk-demo")).isEqualTo(temp.resolve("data/goodtalk-demo.license"));
    }

    @Test
    void missingCertificateReadsEmpty() {
        assertThat(new LicenseStorage(temp).readCertificate("goodtalk-demo")).isEmpty();
    }

    @Test
    void rewriteReplacesAndLeavesNoTemporaryFile() throws Exception {
        LicenseStorage storage = new LicenseStorage(temp);
        storage.writeCertificate("goodtalk-demo", "old.old.old");

        storage.writeCertificate("goodtalk-demo", "new.new.new");

        assertThat(storage.readCertificate("goodtalk-demo")).contains("new.new.new");
        try (var files = Files.list(temp)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("goodtalk-demo.license");
        }
    }

    @Test
    void filesAreOwnerOnlyOnPosix() throws Exception {
        assumeTrue(Files.getFileAttributeView(temp, PosixFileAttributeView.class) != null, "POSIX file system");
        LicenseStorage storage = new LicenseStorage(temp.resolve("data"));

        storage.writeCertificate("goodtalk-demo", "a.b.c");
        storage.recordSeen(Instant.ofEpochSecond(1_000));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("data"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                temp.resolve("data/goodtalk-demo.license")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("data/state"))))
                .isEqualTo("rw-------");
    }

    @Test
    void removeDeletesTheCertificate() {
        LicenseStorage storage = new LicenseStorage(temp);
        storage.writeCertificate("goodtalk-demo", "a.b.c");

        assertThat(storage.removeCertificate("goodtalk-demo")).isTrue();
        assertThat(storage.readCertificate("goodtalk-demo")).isEmpty();
        assertThat(storage.removeCertificate("goodtalk-demo")).isFalse();
    }

    @Test
    void lastSeenKeepsTheLatestTime() {
        LicenseStorage storage = new LicenseStorage(temp);

        assertThat(storage.lastSeen()).isEmpty();
        storage.recordSeen(Instant.ofEpochSecond(2_000));
        storage.recordSeen(Instant.ofEpochSecond(1_000));

        assertThat(storage.lastSeen()).contains(Instant.ofEpochSecond(2_000));
    }

    @Test
    void productIdWithPathCharactersRejected() {
        LicenseStorage storage = new LicenseStorage(temp);

        assertThatThrownBy(() -> storage.certificateFile("../evil"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"../evil\"")
                .hasMessageContaining("A-Z a-z 0-9 . _ -");
    }

    @Test
    void linuxUsesXdgDataHome() {
        assertThat(DataDirectory.resolve("Linux", Map.of("XDG_DATA_HOME", "/xdg"), "/home/ann"))
                .isEqualTo(Path.of("/xdg/goodtalk"));
    }

    @Test
    void linuxFallsBackToLocalShare() {
        assertThat(DataDirectory.resolve("Linux", Map.of("XDG_DATA_HOME", "relative"), "/home/ann"))
                .isEqualTo(Path.of("/home/ann/.local/share/goodtalk"));
    }

    @Test
    void macUsesApplicationSupport() {
        assertThat(DataDirectory.resolve("Mac OS X", Map.of(), "/Users/ann"))
                .isEqualTo(Path.of("/Users/ann/Library/Application Support/GoodTalk"));
    }

    @Test
    void windowsUsesAppData() {
        // On a Unix test host a Windows path is not absolute, so the fallback under the home directory applies.
        Path expected = Path.of("/home/ann/AppData/Roaming/GoodTalk");
        Path appData = temp.resolve("Roaming");

        assertThat(DataDirectory.resolve("Windows 11", Map.of("APPDATA", appData.toString()), "/home/ann"))
                .isEqualTo(appData.resolve("GoodTalk"));
        assertThat(DataDirectory.resolve("Windows 11", Map.of(), "/home/ann")).isEqualTo(expected);
    }
}
