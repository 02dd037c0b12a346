package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Usage errors of the command line: each exits 64 with a message on stderr and sends nothing. */
class CommandLineUsageTest {

    private static final String KEY = "APENL-4N9L1-2KA9D-3JX0-44LSK";

    @TempDir
    Path directory;

    private static void assertUsageError(CommandLineRun run, String expectedMessage) {
        assertThat(run.exitCode()).as("exit code, stderr: %s", run.err()).isEqualTo(ExitCode.USAGE);
        assertThat(run.out()).as("stdout").isEmpty();
        assertThat(run.err()).contains(expectedMessage).contains("--help' for the usage.");
        assertThat(run.err()).as("no stack trace").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @CsvSource({
        "ftp://x, uses the scheme ftp",
        "localhost:8080, does not start with http:// or https://",
        "'', Enter the server URL",
        "http://127.0.0.1:8080/api, has a path",
    })
    void activateRejectsBadServerUrl(String url, String expectedMessage) {
        assertUsageError(CommandLineRun.of("activate", "--server", url, KEY), expectedMessage);
    }

    @Test
    void activateRejectsBlankKey() {
        assertUsageError(CommandLineRun.of("activate", "--server", "http://127.0.0.1:9", "  "),
                "The product key is blank");
    }

    @Test
    void activateRequiresServerAndKey() {
        assertUsageError(CommandLineRun.of("activate", KEY), "Missing required option: '--server=URL'");
        assertUsageError(CommandLineRun.of("activate", "--server", "http://127.0.0.1:9"),
                "Missing required parameter: 'KEY'");
    }

    @Test
    void activateRejectsNonPositiveTimeout() {
        assertUsageError(CommandLineRun.of("activate", "--server", "http://127.0.0.1:9", "--timeout", "0", KEY),
                "--timeout must be a positive number of seconds, got 0.");
        assertUsageError(CommandLineRun.of("activate", "--server", "http://127.0.0.1:9", "--timeout", "ten", KEY),
                "'ten' is not a long");
    }

    @Test
    void unknownOptionRejected() {
        assertUsageError(CommandLineRun.of("activate", "--server", "http://127.0.0.1:9", "--jsn", KEY),
                "Unknown option: '--jsn'");
        assertUsageError(CommandLineRun.of("--bogus"), "Unknown option: '--bogus'");
    }

    @Test
    void missingSecretFileRejected() {
        Path missing = directory.resolve("missing.secret");

        assertUsageError(CommandLineRun.of("activate", "--protocol", "v1", "--server", "http://127.0.0.1:9",
                "--secret-file", missing.toString(), KEY), "The secret file " + missing + " does not exist.");
    }

    @Test
    void secretFileBeforeSubcommandIsUsed() throws Exception {
        Path empty = Files.writeString(directory.resolve("empty.secret"), "");

        assertUsageError(CommandLineRun.of("--secret-file", empty.toString(), "--protocol", "v1", "activate",
                "--server", "http://127.0.0.1:9", KEY), "The secret file " + empty + " is empty.");
    }

    @Test
    void emptySecretVariableRejected() {
        assertUsageError(CommandLineRun.of(Map.of(SecretSource.ENV_VARIABLE, ""),
                "activate", "--protocol", "v1", "--server", "http://127.0.0.1:9", KEY),
                "GOODTALK_V1_SECRET is set but empty");
    }

    @Test
    void helpPrintsExitCodes() {
        CommandLineRun run = CommandLineRun.of("activate", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--server=URL").contains("--json").contains("--timeout=SECONDS")
                .contains("64   usage error");
    }
}
