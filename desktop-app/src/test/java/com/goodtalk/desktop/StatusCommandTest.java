package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.desktop.license.LicenseStorage;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.protocol.license.CertificateClaims;
import com.goodtalk.protocol.license.LicenseCertificates;
import com.goodtalk.protocol.machine.MachineFingerprint;
import com.goodtalk.protocol.machine.MachineIdSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless {@code status} subcommand: its output and exit codes for each stored state. */
class StatusCommandTest {

    private static final MachineIdSource FIXED_MACHINE = () -> "0123456789abcdef0123456789abcdef";
    private static final String PRODUCT_ID = "goodtalk-demo";
    private static final Instant ISSUED = Instant.parse("2026-06-01T08:00:00Z");
    private static final ServerSigningKey SERVER_KEY = ServerSigningKey.generate();

    @TempDir
    Path temp;

    private Path dataDir;
    private Path keysFile;
    private String machine;

    @BeforeEach
    void files() throws Exception {
        dataDir = temp.resolve("data");
        keysFile = temp.resolve("server-keys.jwks");
        Files.writeString(keysFile, JsonWebKeySet.of(SERVER_KEY.publicKey()).toJson());
        machine = MachineFingerprint.of(PRODUCT_ID, FIXED_MACHINE);
    }

    private void store(ServerSigningKey key, String forMachine) {
        String certificate = LicenseCertificates.issue(key, new CertificateClaims("5", "GT7Q2M-****",
                "goodtalk-desktop", "pro", List.of("export"), forMachine, null, Duration.ofDays(7)),
                Clock.fixed(ISSUED, ZoneOffset.UTC));
        new LicenseStorage(dataDir).writeCertificate(PRODUCT_ID, certificate);
    }

    private CommandLineRun statusAt(Instant now) {
        ClientSetup setup = new ClientSetup(Map.of(), FIXED_MACHINE, null, Clock.fixed(now, ZoneOffset.UTC));
        return CommandLineRun.of(setup, "status", "--data-dir", dataDir.toString(), "--trusted-keys",
                keysFile.toString());
    }

    @Test
    void nothingStoredExitsFour() {
        CommandLineRun run = statusAt(ISSUED);

        assertThat(run.exitCode()).isEqualTo(ExitCode.NO_LICENSE_STORED).isEqualTo(4);
        assertThat(run.out()).contains("License:        no license stored");
    }

    @Test
    void validCertificateExitsZeroWithItsFields() {
        store(SERVER_KEY, machine);

        CommandLineRun run = statusAt(ISSUED.plus(Duration.ofDays(1)));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("License:        licensed\n")
                .contains("Product:        goodtalk-desktop")
                .contains("Edition:        pro")
                .contains("Expires:        never")
                .contains("Machine:        " + machine)
                .contains("Re-validate by: 2026-06-08T08:00:00Z")
                .contains("Key:            GT7Q2M-****");
    }

    @Test
    void dueRevalidationWithinGraceExitsZero() {
        store(SERVER_KEY, machine);

        CommandLineRun run = statusAt(ISSUED.plus(Duration.ofDays(10)));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("licensed, re-validation due").contains("still accepted for 11 days");
    }

    @Test
    void anotherMachinesCertificateExitsTwo() {
        store(SERVER_KEY, "mf1:another-machine");

        CommandLineRun run = statusAt(ISSUED.plus(Duration.ofDays(1)));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("not licensed, check machine failed");
    }

    @Test
    void unpinnedCertificateExitsTwo() {
        store(ServerSigningKey.generate(), machine);

        CommandLineRun run = statusAt(ISSUED.plus(Duration.ofDays(1)));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("not licensed, check key_id failed");
    }

    @Test
    void clockSetBackExitsTwo() {
        store(SERVER_KEY, machine);
        assertThat(statusAt(ISSUED.plus(Duration.ofDays(3))).exitCode()).isZero();

        CommandLineRun run = statusAt(ISSUED.plus(Duration.ofDays(1)));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("not licensed, clock set back").contains("The system clock was set back");
    }

    @Test
    void graceOverExitsTwo() {
        store(SERVER_KEY, machine);

        CommandLineRun run = statusAt(ISSUED.plus(Duration.ofDays(7 + 14)));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("not licensed, re-validation overdue");
    }

    @Test
    void helpListsTheExitCodes() {
        CommandLineRun run = CommandLineRun.of("status", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("  4    no license is stored for the product");
    }
}
