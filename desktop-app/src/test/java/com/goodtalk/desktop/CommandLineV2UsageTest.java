package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.protocol.machine.MachineIdUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Usage errors of protocol v2 on the command line: each exits 64 with a message on stderr and
 * sends nothing. The server URL points at the discard port, which no test server uses, so a
 * request that went out anyway would end as unreachable (3), not as 64.
 */
class CommandLineV2UsageTest {

    private static final String KEY = "APENL-4N9L1-2KA9D-3JX0-44LSK";
    private static final String NOWHERE = "http://127.0.0.1:9";

    @TempDir
    Path directory;

    private Path keysFile;

    @BeforeEach
    void writeKeys() throws Exception {
        keysFile = Files.writeString(directory.resolve("server.jwks"),
                JsonWebKeySet.of(ServerSigningKey.generate().publicKey()).toJson());
    }

    private static void assertUsageError(CommandLineRun run, String expectedMessage) {
        assertThat(run.exitCode()).as("exit code, stderr: %s", run.err()).isEqualTo(ExitCode.USAGE);
        assertThat(run.out()).as("stdout").isEmpty();
        assertThat(run.err()).contains(expectedMessage).contains("--help' for the usage.");
        assertThat(run.err()).as("no stack trace").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"activate", "validate", "deactivate"})
    void missingTrustedKeysNamesOptionAndExport(String command) {
        CommandLineRun run = CommandLineRun.of(command, "--server", NOWHERE, KEY);

        assertUsageError(run, "Protocol v2 needs the license server's public keys, and none are pinned.");
        assertThat(run.err()).contains("--trusted-keys FILE")
                .contains("java -jar license-server.jar keys export-jwks FILE");
    }

    @Test
    void explicitV2WithoutKeysIsUsageError() {
        assertUsageError(CommandLineRun.of("activate", "--protocol", "v2", "--server", NOWHERE, KEY),
                "--trusted-keys FILE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "deactivate"})
    void v1SubcommandNamesProtocolV2(String command) {
        CommandLineRun run = CommandLineRun.of(command, "--protocol", "v1", "--server", NOWHERE,
                "--trusted-keys", keysFile.toString(), KEY);

        assertUsageError(run, command + " needs protocol v2, because v1 has no " + command + " request.");
        assertThat(run.err()).contains("Pass --protocol v2");
    }

    @Test
    void v1GivenBeforeSubcommandAppliesToIt() {
        assertUsageError(CommandLineRun.of("--protocol", "v1", "validate", "--server", NOWHERE, KEY),
                "validate needs protocol v2");
    }

    @Test
    void unknownProtocolRejected() {
        assertUsageError(CommandLineRun.of("activate", "--protocol", "v3", "--server", NOWHERE, KEY),
                "Invalid value for option '--protocol': The protocol \"v3\" is unknown.");
    }

    @Test
    void unreadableTrustedKeysRejected() throws Exception {
        Path missing = directory.resolve("missing.jwks");
        Path notJwks = Files.writeString(directory.resolve("not.jwks"), "[]");

        assertUsageError(CommandLineRun.of("activate", "--server", NOWHERE, "--trusted-keys", missing.toString(), KEY),
                "The trusted keys file " + missing + " does not exist.");
        assertUsageError(CommandLineRun.of("activate", "--server", NOWHERE, "--trusted-keys", notJwks.toString(), KEY),
                "The trusted keys from file " + notJwks + " are not a valid key set");
    }

    @Test
    void trustedKeysVariablePointingNowhereRejected() {
        Path missing = directory.resolve("missing.jwks");

        assertUsageError(CommandLineRun.of(Map.of(TrustedKeysSource.ENV_VARIABLE, missing.toString()),
                "validate", "--server", NOWHERE, KEY), "the environment variable GOODTALK_TRUSTED_KEYS");
    }

    @Test
    void unusableClientSecretRejected() throws Exception {
        Path empty = Files.writeString(directory.resolve("empty.secret"), "\n");

        assertUsageError(CommandLineRun.of("activate", "--server", NOWHERE, "--trusted-keys", keysFile.toString(),
                "--client-secret-file", empty.toString(), KEY), "The secret file " + empty + " is empty.");
        assertUsageError(CommandLineRun.of(Map.of(SecretSource.V2_ENV_VARIABLE, ""), "deactivate",
                "--server", NOWHERE, "--trusted-keys", keysFile.toString(), KEY),
                "GOODTALK_V2_CLIENT_SECRET is set but empty");
    }

    @Test
    void badClientKeyIdRejected() {
        assertUsageError(CommandLineRun.of("activate", "--server", NOWHERE, "--trusted-keys", keysFile.toString(),
                "--client-key-id", " ", KEY), "--client-key-id is blank.");
        assertUsageError(CommandLineRun.of("activate", "--server", NOWHERE, "--trusted-keys", keysFile.toString(),
                "--client-key-id", "has space", KEY), "has space");
    }

    @Test
    void badProductIdRejected() {
        assertUsageError(CommandLineRun.of("activate", "--server", NOWHERE, "--trusted-keys", keysFile.toString(),
                "--product-id", "tab\there", KEY), "The product id \"tab\there\" given with --product-id");
    }

    @Test
    void keyTooLongToSendRejected() {
        String longKey = "A".repeat(20_000);

        assertUsageError(CommandLineRun.of("activate", "--server", NOWHERE, "--trusted-keys", keysFile.toString(),
                longKey), "more than the server accepts (16384)");
    }

    @Test
    void unreadableMachineIdExitsWithPlainMessage() {
        ClientSetup noMachineId = new ClientSetup(Map.of(), () -> {
            throw new MachineIdUnavailableException("no machine id: neither /etc/machine-id nor"
                    + " /var/lib/dbus/machine-id exists; create one with systemd-machine-id-setup");
        }, null);

        CommandLineRun run = CommandLineRun.of(noMachineId, "activate", "--server", NOWHERE,
                "--trusted-keys", keysFile.toString(), KEY);

        assertThat(run.exitCode()).as("exit code, stderr: %s", run.err()).isEqualTo(ExitCode.NO_MACHINE_ID);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("Could not compute this machine's fingerprint")
                .contains("/etc/machine-id")
                .contains("--protocol v1")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
    }

    @Test
    void helpListsV2OptionsAndSubcommands() {
        CommandLineRun main = CommandLineRun.of("--help");
        CommandLineRun validate = CommandLineRun.of("validate", "--help");

        assertThat(main.exitCode()).isZero();
        assertThat(main.out()).contains("activate").contains("validate").contains("deactivate")
                .contains("--protocol=v1|v2").contains("--trusted-keys=FILE");
        assertThat(validate.out()).contains("--trusted-keys=FILE").contains("--client-secret-file=FILE")
                .contains("--client-key-id=ID").contains("--product-id=ID").contains("(default: v2)")
                .contains("64   usage error");
    }
}
