package com.goodtalk.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.goodtalk.server.store.ActivationOutcome;
import com.goodtalk.server.store.LicenseStore;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code activations list} and {@code activations release}. */
class ActivationCommandsTest {

    @TempDir
    Path dataDirectory;

    private AdminCli cli;
    private String key;

    @BeforeEach
    void setUp() throws Exception {
        cli = AdminCli.sqlite(dataDirectory);
        key = cli.runOnStore("licenses", "create", "--product", "p", "--edition", "pro", "--seats", "2")
                .printedKeys().get(0);
        try (LicenseStore store = cli.openStore()) {
            store.activate(key, "mf1:machine-one");
            store.activate(key, "mf1:machine-two");
        }
    }

    @Test
    void listShowsHeldSeats() {
        AdminCli.Result result = cli.runOnStore("activations", "list", "1");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.outLines()).containsExactly(
                "ID  MACHINE          STATE         FIRST SEEN            LAST SEEN             RELEASED",
                "1   mf1:machine-one  holds a seat  2030-01-01T00:00:00Z  2030-01-01T00:00:00Z  -",
                "2   mf1:machine-two  holds a seat  2030-01-01T00:00:00Z  2030-01-01T00:00:00Z  -",
                "2 machines hold a seat on license 1.");
    }

    @Test
    void releaseFreesSeatForAnotherMachine() throws Exception {
        AdminCli.Result released = cli.runOnStore("activations", "release", "1", "--actor", "support@example.test");
        AdminCli.Result list = cli.runOnStore("activations", "list", "1", "--format", "json");

        assertThat(released.exitCode()).as(released.toString()).isZero();
        assertThat(released.out()).isEqualTo("Released activation 1: machine mf1:machine-one no longer holds a seat"
                + " on license 1.\n");
        JsonNode activations = new ObjectMapper().readTree(list.out());
        assertThat(activations).hasSize(2);
        assertThat(activations.get(0).get("active").asBoolean()).isFalse();
        assertThat(activations.get(0).get("deactivated_at").asText()).isEqualTo(AdminCli.NOW.toString());
        assertThat(activations.get(0).get("machine").asText()).isEqualTo("mf1:machine-one");
        assertThat(activations.get(1).get("active").asBoolean()).isTrue();
        assertThat(activations.get(1).get("deactivated_at").isNull()).isTrue();
        try (LicenseStore store = cli.openStore()) {
            assertThat(store.activate(key, "mf1:machine-three").outcome()).isEqualTo(ActivationOutcome.ACTIVATED);
        }
    }

    @Test
    void releaseTwiceIsDataError() {
        cli.runOnStore("activations", "release", "2");

        AdminCli.Result again = cli.runOnStore("activations", "release", "2");
        AdminCli.Result unknown = cli.runOnStore("activations", "release", "99");

        assertThat(again.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
        assertThat(again.err()).startsWith("license-server activations release: ");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
        assertThat(unknown.err()).contains("99");
    }

    @Test
    void listOfUnknownLicenseIsDataError() {
        AdminCli.Result result = cli.runOnStore("activations", "list", "7");

        assertThat(result.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
        assertThat(result.err()).contains("7");
    }

    @Test
    void listWithoutActivationsSaysSo() {
        cli.runOnStore("licenses", "create", "--product", "p", "--edition", "pro", "--seats", "1");

        AdminCli.Result result = cli.runOnStore("activations", "list", "2");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("License 2 has no activations.\n");
    }

    @Test
    void groupWithoutSubcommandIsUsageError() {
        AdminCli.Result result = cli.run("activations");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("license-server activations: Missing required subcommand");
    }
}
