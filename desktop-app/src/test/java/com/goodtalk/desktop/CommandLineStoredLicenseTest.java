package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.desktop.license.LicenseStorage;
import com.goodtalk.protocol.license.CertificateClaims;
import com.goodtalk.protocol.license.LicenseCertificates;
import com.goodtalk.protocol.machine.MachineIdSource;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.store.License;
import com.goodtalk.server.testing.RunningServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The v2 subcommands update the stored license in --data-dir, against a real license server. */
class CommandLineStoredLicenseTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private static final MachineIdSource FIXED_MACHINE = () -> TestClients.MACHINE_ID;
    private static final ClientSetup SETUP = new ClientSetup(Map.of(), FIXED_MACHINE, null);

    @TempDir
    Path temp;

    private Path dataDir;
    private Path keysFile;
    private Path secretFile;

    @BeforeEach
    void files() {
        dataDir = temp.resolve("data");
        keysFile = temp.resolve("server.jwks");
        secretFile = temp.resolve("client.secret");
        server.writeJwks(keysFile);
        server.writeV2SecretFile(secretFile);
    }

    private CommandLineRun run(String command, String key, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--server", server.baseUri().toString(),
                "--trusted-keys", keysFile.toString(), "--client-secret-file", secretFile.toString(),
                "--client-key-id", server.clientKeyId(), "--data-dir", dataDir.toString()));
        args.addAll(List.of(more));
        if (key != null) {
            args.add(key);
        }
        return CommandLineRun.of(SETUP, args.toArray(String[]::new));
    }

    private void storeCertificate() {
        String certificate = LicenseCertificates.issue(server.signingKeys().active(), new CertificateClaims("9",
                "GT7Q2M-****", "goodtalk-desktop", "pro", List.of(), TestClients.machine(TestClients.MACHINE_ID),
                null, Duration.ofDays(7)), Clock.systemUTC());
        new LicenseStorage(dataDir).writeCertificate(V2Options.DEFAULT_PRODUCT_ID, certificate);
    }

    @Test
    void deactivateRemovesStoredLicense() {
        String key = DemoKeys.KEYS.get(2);
        assertThat(run("activate", key).exitCode()).isZero();
        assertThat(new LicenseStorage(dataDir).readCertificate(V2Options.DEFAULT_PRODUCT_ID)).isPresent();

        CommandLineRun run = run("deactivate", key);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\nResult: ");
        assertThat(run.err()).isEmpty();
        assertThat(new LicenseStorage(dataDir).readCertificate(V2Options.DEFAULT_PRODUCT_ID)).isEmpty();
    }

    @Test
    void suspendedOtherLicenseKeepsStoredLicense() {
        String stored = DemoKeys.KEYS.get(0);
        String other = DemoKeys.KEYS.get(1);
        assertThat(run("activate", stored).exitCode()).isZero();
        long otherId = server.licenseStore().findByKey(other).orElseThrow().id();
        server.licenseStore().suspend(otherId, "test");

        try {
            CommandLineRun run = run("activate", other);

            assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCode.REJECTED);
            assertThat(new LicenseStorage(dataDir).readCertificate(V2Options.DEFAULT_PRODUCT_ID))
                    .as("the stored license of the first key").isPresent();
        } finally {
            server.licenseStore().reinstate(otherId, "test");
        }
    }

    @Test
    void suspendedKeyTypedOtherwiseRemovesStoredLicense() {
        String stored = DemoKeys.KEYS.get(0);
        assertThat(run("activate", stored).exitCode()).isZero();
        long storedId = server.licenseStore().findByKey(stored).orElseThrow().id();
        server.licenseStore().suspend(storedId, "test");
        // Lower case, U+2010 hyphens and a leading zero-width space: the server normalizes them away.
        String typed = "\u200B" + stored.toLowerCase(Locale.ROOT).replace('-', '\u2010');

        try {
            CommandLineRun run = run("validate", typed);

            assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCode.REJECTED);
            assertThat(run.out()).contains("key_suspended");
            assertThat(new LicenseStorage(dataDir).readCertificate(V2Options.DEFAULT_PRODUCT_ID))
                    .as("the stored license of the suspended key").isEmpty();
        } finally {
            server.licenseStore().reinstate(storedId, "test");
        }
    }

    @Test
    void deactivateRejectsRecordingTamper() {
        String key = DemoKeys.KEYS.get(0);
        assertThat(run("activate", key).exitCode()).isZero();

        // replay-reply would first deactivate for real to record a genuine reply, so it is refused.
        CommandLineRun run = run("deactivate", key, "--tamper", "replay-reply");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.USAGE);
        long licenseId = server.licenseStore().findByKey(key).orElseThrow().id();
        assertThat(server.licenseStore().listActivations(licenseId)).as("seats held on the server")
                .anyMatch(activation -> activation.isActive());
        assertThat(new LicenseStorage(dataDir).readCertificate(V2Options.DEFAULT_PRODUCT_ID))
                .as("stored license").isPresent();
    }

    @Test
    void activateStoresCertificateQuietly() {
        CommandLineRun run = run("activate", DemoKeys.KEYS.get(0));

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out().strip().lines().reduce((first, second) -> second).orElseThrow()).startsWith("Result:");
        assertThat(new LicenseStorage(dataDir).readCertificate(V2Options.DEFAULT_PRODUCT_ID)).isPresent();
        assertThat(CommandLineRun.of(SETUP, "status", "--data-dir", dataDir.toString(), "--trusted-keys",
                keysFile.toString()).exitCode()).isZero();
    }

    @Test
    void failedDeactivationKeepsStoredLicense() {
        storeCertificate();

        CommandLineRun run = run("deactivate", "AAAAA-BBBBB-CCCCC-DDDD-EEEEE");

        assertThat(run.exitCode()).isEqualTo(ExitCode.REJECTED);
        assertThat(new LicenseStorage(dataDir).readCertificate(V2Options.DEFAULT_PRODUCT_ID)).isPresent();
    }

    @Test
    void statusAfterStoringIsLicensed() {
        storeCertificate();

        CommandLineRun run = CommandLineRun.of(SETUP, "status", "--data-dir", dataDir.toString(), "--trusted-keys",
                keysFile.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("License:        licensed\n");
    }

    @Test
    void validateWithoutKeySendsStoredCertificate() {
        String key = DemoKeys.KEYS.get(1);
        assertThat(run("activate", key).exitCode()).isZero();
        License license = server.licenseStore().findByKey(key).orElseThrow();
        String due = LicenseCertificates.issue(server.signingKeys().active(), new CertificateClaims(
                Long.toString(license.id()), license.maskedKey(), "goodtalk-desktop", "pro", List.of(),
                TestClients.machine(TestClients.MACHINE_ID), null, Duration.ofDays(7)),
                Clock.fixed(Instant.now().minus(Duration.ofDays(8)), ZoneOffset.UTC));
        new LicenseStorage(dataDir).writeCertificate(V2Options.DEFAULT_PRODUCT_ID, due);

        CommandLineRun run = run("validate", null);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"cert\":").doesNotContain(due).doesNotContain(key);
        assertThat(run.err()).isEmpty();
        assertThat(new LicenseStorage(dataDir).readCertificate(V2Options.DEFAULT_PRODUCT_ID)).isPresent().get()
                .isNotEqualTo(due);
    }

    @Test
    void deactivateWithoutKeySendsStoredCertificate() {
        String key = DemoKeys.KEYS.get(2);
        assertThat(run("activate", key).exitCode()).isZero();
        long licenseId = server.licenseStore().findByKey(key).orElseThrow().id();

        CommandLineRun run = run("deactivate", null);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"cert\":").doesNotContain(key);
        assertThat(server.licenseStore().listActivations(licenseId)).as("seats held on the server")
                .noneMatch(activation -> activation.isActive());
        assertThat(new LicenseStorage(dataDir).readCertificate(V2Options.DEFAULT_PRODUCT_ID)).isEmpty();
    }

    @Test
    void deactivateWithoutKeyOrCertificateIsUsageError() {
        CommandLineRun run = run("deactivate", null);

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("No product key given, and the stored license cannot be sent instead");
    }

    @Test
    void validateWithoutKeyOrCertificateIsUsageError() {
        CommandLineRun run = run("validate", null);

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("No product key given, and the stored license cannot be sent instead: No"
                + " license is stored").contains("Pass the product key.");
    }

    @Test
    void activateWithoutKeyIsUsageError() {
        storeCertificate();

        CommandLineRun run = run("activate", null);

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("Missing required parameter: 'KEY'. Pass the product key");
    }
}
