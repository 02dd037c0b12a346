package com.goodtalk.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.store.ActivationOutcome;
import com.goodtalk.server.store.License;
import com.goodtalk.server.store.LicenseFilter;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.LicenseStores;
import com.goodtalk.server.store.StoreLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LicenseImportCommandTest {

    @TempDir
    Path temp;

    private AdminCli cli;
    private Path keyFile;

    @BeforeEach
    void setUp() throws Exception {
        cli = AdminCli.sqlite(temp.resolve("data"));
        keyFile = Files.writeString(temp.resolve("keys.txt"), String.join("\n",
                "\uFEFF# keys published with the proof of concept",
                DemoKeys.KEYS.get(0),
                "",
                "   " + DemoKeys.KEYS.get(1) + "   ",
                "SDFK9 J4HUL 1JK9I9",
                DemoKeys.KEYS.get(0),
                "# end",
                DemoKeys.KEYS.get(2),
                ""), StandardCharsets.UTF_8);
    }

    private AdminCli.Result importKeys() {
        return cli.runOnStore("licenses", "import", keyFile.toString(), "--product", "goodtalk-demo",
                "--edition", "demo", "--seats", "3");
    }

    @Test
    void importOfDemoKeysReportsSkippedLines() throws Exception {
        AdminCli.Result result = importKeys();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines()).containsExactly(
                "Created product goodtalk-demo (goodtalk-demo).",
                "Imported 3 legacy keys from " + keyFile + " as licenses of goodtalk-demo, edition demo, 3 seats,"
                        + " no features, expires never. License ids: 1, 2, 3.",
                "Skipped 2 lines:",
                "  line 5: contains whitespace or a control character inside the key; write one key per line and put"
                        + " comments on lines of their own starting with #",
                "  line 6: repeats the key of line 2");
        try (LicenseStore store = cli.openStore()) {
            List<License> licenses = store.list(LicenseFilter.all());
            assertThat(licenses).extracting(License::imported).containsOnly(true);
            assertThat(licenses).extracting(License::maskedKey).containsExactly("APENL-****", "SDFK9-****",
                    "F423J-****");
            for (String key : DemoKeys.KEYS) {
                assertThat(store.activate(key, "machine-1").outcome()).isEqualTo(ActivationOutcome.ACTIVATED);
            }
        }
    }

    @Test
    void secondImportImportsNothing() {
        importKeys();

        AdminCli.Result again = importKeys();

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.outLines()).containsExactly(
                "Imported 0 legacy keys from " + keyFile + " as licenses of goodtalk-demo, edition demo, 3 seats,"
                        + " no features, expires never.",
                "Skipped 5 lines:",
                "  line 2: the key APENL-**** is already in the store",
                "  line 4: the key SDFK9-**** is already in the store",
                "  line 5: contains whitespace or a control character inside the key; write one key per line and put"
                        + " comments on lines of their own starting with #",
                "  line 6: repeats the key of line 2",
                "  line 8: the key F423J-**** is already in the store");
    }

    @Test
    void outputNeverShowsFullKey() {
        AdminCli.Result first = importKeys();
        AdminCli.Result second = importKeys();

        for (String key : DemoKeys.KEYS) {
            assertThat(first.out() + first.err() + second.out() + second.err()).doesNotContain(key);
        }
    }

    @Test
    void missingFileIsIoError() {
        AdminCli.Result result = cli.runOnStore("licenses", "import", temp.resolve("missing.txt").toString(),
                "--product", "p", "--edition", "demo", "--seats", "1");

        assertThat(result.exitCode()).isEqualTo(ExitCode.IO_ERROR);
        assertThat(result.err()).contains("Cannot read the key file " + temp.resolve("missing.txt"));
        assertThat(cli.dataDirectory.resolve(LicenseStores.SQLITE_FILE_NAME)).doesNotExist();
    }

    @Test
    void fileWithoutKeysIsDataError() throws Exception {
        Path comments = Files.writeString(temp.resolve("comments.txt"), "# nothing\n\n  \nA B\n");

        AdminCli.Result result = cli.runOnStore("licenses", "import", comments.toString(), "--product", "p",
                "--edition", "demo", "--seats", "1");

        assertThat(result.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
        assertThat(result.out()).contains("  line 4: contains whitespace");
        assertThat(result.err()).contains("The key file " + comments + " contains no importable key.");
    }

    @Test
    void nonUtf8FileIsDataError() throws Exception {
        Path latin1 = Files.write(temp.resolve("latin1.txt"), new byte[] {'K', 'E', 'Y', (byte) 0xE9, '\n'});

        AdminCli.Result result = cli.runOnStore("licenses", "import", latin1.toString(), "--product", "p",
                "--edition", "demo", "--seats", "1");

        assertThat(result.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
        assertThat(result.err()).contains("is not UTF-8 text. Save it as UTF-8");
    }

    @Test
    void overlongKeyIsSkipped() throws Exception {
        int tooLong = StoreLimits.MAX_KEY_LENGTH + 1;
        Path file = Files.writeString(temp.resolve("long.txt"), "K".repeat(tooLong) + "\nSHORT-KEY-1\n");

        AdminCli.Result result = cli.runOnStore("licenses", "import", file.toString(), "--product", "p",
                "--edition", "demo", "--seats", "1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Imported 1 legacy key from").contains(" License id: 1.")
                .contains("  line 1: has " + tooLong + " characters, more than a key may have ("
                        + StoreLimits.MAX_KEY_LENGTH + ")");
    }

    @Test
    void missingFileArgumentIsUsageError() {
        AdminCli.Result result = cli.runOnStore("licenses", "import", "--product", "p", "--edition", "demo",
                "--seats", "1");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("Missing required parameter: 'FILE'");
    }
}
