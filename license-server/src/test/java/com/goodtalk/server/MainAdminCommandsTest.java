package com.goodtalk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's command line offers the admin commands and runs them instead of starting a server. */
class MainAdminCommandsTest {

    @TempDir
    Path dataDirectory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int execute(String... args) {
        return Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("USER", "tester"),
                server -> fail("An admin command started the server"));
    }

    @Test
    void helpListsAdminCommands() {
        int exitCode = execute("--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("licenses", "activations", "audit", "db");
    }

    @Test
    void adminCommandRunsWithoutServer() {
        int created = execute("licenses", "create", "--product", "p", "--edition", "pro", "--seats", "1",
                "--data-dir", dataDirectory.toString());
        int listed = execute("licenses", "list", "--data-dir", dataDirectory.toString());

        assertThat(created).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(listed).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Issued 1 license for p").contains("1 license.");
    }

    @Test
    void adminUsageErrorExitsWith64() {
        int exitCode = execute("licenses", "extend", "1", "--expires", "soon", "--data-dir", dataDirectory.toString());

        assertThat(exitCode).isEqualTo(64);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'soon' is not a date or time");
    }
}
