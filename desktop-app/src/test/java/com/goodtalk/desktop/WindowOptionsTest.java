package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.protocol.machine.MachineIdSource;
import com.goodtalk.protocol.machine.MachineIdUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The protocols the window offers, as the main command builds them from its options. */
class WindowOptionsTest {

    private static final MachineIdSource FIXED_MACHINE = () -> "0123456789abcdef0123456789abcdef";

    @TempDir
    Path directory;

    private static List<ProtocolOption> windowOptions(ClientSetup setup, String... args) {
        Main main = Main.create(setup);
        new CommandLine(main).parseArgs(args);
        return main.windowOptions();
    }

    private Path keysFile() throws Exception {
        return Files.writeString(directory.resolve("server.jwks"),
                JsonWebKeySet.of(ServerSigningKey.generate().publicKey()).toJson());
    }

    @Test
    void withoutKeysV2ExplainsFix() {
        List<ProtocolOption> options = windowOptions(new ClientSetup(Map.of(), FIXED_MACHINE, null));

        assertThat(options).extracting(ProtocolOption::protocol).containsExactly(Protocol.V2, Protocol.V1);
        ProtocolOption v2 = options.get(0);
        assertThat(v2.isAvailable()).isFalse();
        assertThat(v2.problem()).contains("--trusted-keys FILE").contains("keys export-jwks FILE");
        assertThat(options.get(1).isAvailable()).isTrue();
    }

    @Test
    void withKeysV2NamesSecretAndKeys() throws Exception {
        Path keys = keysFile();

        ProtocolOption v2 = windowOptions(new ClientSetup(Map.of(), FIXED_MACHINE, null),
                "--trusted-keys", keys.toString()).get(0);

        assertThat(v2.isAvailable()).isTrue();
        assertThat(v2.statusText()).contains("demo secret").contains("GOODTALK_V2_CLIENT_SECRET")
                .contains("Client key id \"default\"").contains("1 pinned server key from file " + keys);
    }

    @Test
    void keysFromEnvironmentAndSecretFromFile() throws Exception {
        Path secret = Files.writeString(directory.resolve("client.secret"), "client secret\n");

        ProtocolOption v2 = windowOptions(new ClientSetup(Map.of(TrustedKeysSource.ENV_VARIABLE,
                keysFile().toString()), FIXED_MACHINE, null),
                "--client-secret-file", secret.toString(), "--client-key-id", "desk-1").get(0);

        assertThat(v2.statusText()).isEqualTo("Signing with the v2 client secret from file " + secret + "."
                + " Client key id \"desk-1\"; 1 pinned server key from file " + directory.resolve("server.jwks") + ".");
    }

    @Test
    void unreadableMachineIdDisablesOnlyV2() throws Exception {
        ClientSetup setup = new ClientSetup(Map.of(), () -> {
            throw new MachineIdUnavailableException("invalid machine id from /etc/machine-id: the file is empty");
        }, null);

        List<ProtocolOption> options = windowOptions(setup, "--trusted-keys", keysFile().toString());

        assertThat(options.get(0).isAvailable()).isFalse();
        assertThat(options.get(0).problem()).startsWith("Could not compute this machine's fingerprint")
                .contains("the file is empty");
        assertThat(options.get(1).isAvailable()).isTrue();
    }

    @Test
    void unusableKeysFileIsUsageError() {
        Path missing = directory.resolve("missing.jwks");

        assertThatThrownBy(() -> windowOptions(new ClientSetup(Map.of(), FIXED_MACHINE, null),
                "--trusted-keys", missing.toString()))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("The trusted keys file " + missing + " does not exist.");
    }

    @Test
    void windowStartsWithV2UnlessTold() {
        Main defaults = Main.create(new ClientSetup(Map.of(), FIXED_MACHINE, null));
        Main v1 = Main.create(new ClientSetup(Map.of(), FIXED_MACHINE, null));

        new CommandLine(defaults).parseArgs();
        new CommandLine(v1).parseArgs("--protocol", "v1");

        assertThat(defaults.windowProtocol()).isEqualTo(Protocol.V2);
        assertThat(v1.windowProtocol()).isEqualTo(Protocol.V1);
    }

    @Test
    void commandLineWinsOverStoredSettingsWhichWinOverDefaults() throws Exception {
        Path config = directory.resolve("config");
        new SettingsStore(config).save(UserSettings.DEFAULTS.withServerUrl("http://127.0.0.1:9001")
                .withProtocol(Protocol.V1));
        Main storedOnly = Main.create(new ClientSetup(Map.of(), FIXED_MACHINE, null));
        Main overridden = Main.create(new ClientSetup(Map.of(), FIXED_MACHINE, null));
        Main nothingStored = Main.create(new ClientSetup(Map.of(), FIXED_MACHINE, null));

        new CommandLine(storedOnly).parseArgs("--config-dir", config.toString());
        new CommandLine(overridden).parseArgs("--config-dir", config.toString(), "--server", "http://127.0.0.1:9002",
                "--protocol", "v2");
        new CommandLine(nothingStored).parseArgs("--config-dir", directory.resolve("empty").toString());

        UserSettings stored = storedOnly.settingsStore().load();
        assertThat(storedOnly.settingsStore().file()).isEqualTo(config.resolve(SettingsStore.FILE_NAME));
        assertThat(storedOnly.windowServer(stored)).isEqualTo("http://127.0.0.1:9001");
        assertThat(storedOnly.windowProtocol(stored)).isEqualTo(Protocol.V1);
        assertThat(overridden.windowServer(stored)).isEqualTo("http://127.0.0.1:9002");
        assertThat(overridden.windowProtocol(stored)).isEqualTo(Protocol.V2);
        UserSettings none = nothingStored.settingsStore().load();
        assertThat(nothingStored.windowServer(none)).isEqualTo(Main.DEFAULT_SERVER);
        assertThat(nothingStored.windowProtocol(none)).isEqualTo(Protocol.V2);
    }
}
