package com.goodtalk.installer.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the license server's systemd unit and example environment file as written. */
class SystemdUnitTest {

    private static final String LAUNCHER = "/opt/goodtalk-server/bin/goodtalk-server";

    private static SystemdUnit unit;
    private static List<String> environmentExample;

    @BeforeAll
    static void readFiles() throws IOException {
        Path directory = SystemdUnit.systemdDirectory();
        unit = SystemdUnit.read(directory.resolve("goodtalk-server.service"));
        environmentExample = Files.readAllLines(directory.resolve("server.env.example"), StandardCharsets.UTF_8);
    }

    @Test
    void serviceRunsAsDedicatedUser() {
        assertThat(unit.value("Service", "User")).isEqualTo("goodtalk");
        assertThat(unit.value("Service", "Group")).isEqualTo("goodtalk");
    }

    @Test
    void serviceIsHardened() {
        assertThat(unit.value("Service", "ProtectSystem")).isEqualTo("strict");
        assertThat(unit.value("Service", "NoNewPrivileges")).isEqualTo("yes");
        assertThat(unit.value("Service", "ProtectHome")).isEqualTo("yes");
        assertThat(unit.value("Service", "PrivateTmp")).isEqualTo("yes");
        assertThat(unit.value("Service", "CapabilityBoundingSet")).isEmpty();
    }

    @Test
    void serviceRestartsOnlyAfterCrash() {
        assertThat(unit.value("Service", "Restart")).isEqualTo("on-failure");
        assertThat(unit.value("Service", "RestartPreventExitStatus").split(" ")).containsExactly("64", "65", "66");
    }

    @Test
    void serviceKeepsDataInVarLibGoodtalk() {
        assertThat(unit.value("Service", "StateDirectory")).isEqualTo("goodtalk");
        assertThat(unit.value("Service", "WorkingDirectory")).isEqualTo("/var/lib/goodtalk");
        assertThat(unit.environmentDefaults()).containsEntry("GOODTALK_KEYS_FILE", "/var/lib/goodtalk/keys.txt");
    }

    @Test
    void serviceReadsRequiredEnvironmentFile() {
        // Without a leading '-', a missing file stops the start instead of running without the secret.
        assertThat(unit.value("Service", "EnvironmentFile")).isEqualTo("/etc/goodtalk/server.env");
    }

    @Test
    void execStartRunsLauncherInProductionMode() {
        List<String> command = unit.execStartCommand(unit.environmentDefaults());

        assertThat(command.get(0)).isEqualTo(LAUNCHER);
        assertThat(command).containsSequence("--keys", "/var/lib/goodtalk/keys.txt");
        assertThat(command).containsSequence("--bind", "127.0.0.1");
    }

    @Test
    void everyExecStartVariableHasDefault() {
        assertThat(unit.environmentDefaults().keySet()).containsAll(unit.execStartVariables());
    }

    @Test
    void environmentExampleDocumentsEveryVariable() {
        for (String variable : unit.execStartVariables()) {
            assertThat(environmentExample).as("server.env.example documents " + variable)
                    .anyMatch(line -> line.startsWith("#" + variable + "="));
        }
        assertThat(environmentExample).anyMatch(line -> line.equals("#GOODTALK_V1_SECRET="));
    }

    @Test
    void environmentExampleSetsNothing() {
        assertThat(environmentExample).allMatch(line -> line.isBlank() || line.startsWith("#"));
    }

    @Test
    void serverAcceptsEveryExecStartOption(@TempDir Path logs) throws IOException, InterruptedException {
        List<String> options = unit.execStartCommand(unit.environmentDefaults()).stream()
                .filter(word -> word.startsWith("--"))
                .toList();
        Path help = logs.resolve("help.txt");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "com.goodtalk.server.Main", "--help")
                .redirectErrorStream(true)
                .redirectOutput(help.toFile())
                .start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("license-server --help exits").isTrue();
        } finally {
            process.destroyForcibly();
        }

        String helpText = Files.readString(help);
        assertThat(process.exitValue()).as(helpText).isZero();
        assertThat(options).isNotEmpty();
        for (String option : options) {
            assertThat(helpText).as("license-server --help lists " + option).contains(option + "=");
        }
    }
}
