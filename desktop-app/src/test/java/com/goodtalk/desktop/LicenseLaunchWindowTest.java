package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.desktop.license.LicenseState;
import com.goodtalk.desktop.license.LicenseStorage;
import com.goodtalk.desktop.license.LicenseViewModel;
import com.goodtalk.desktop.license.OnlineLicense;
import com.goodtalk.desktop.license.StoredLicenseCheck;
import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.license.CertificateClaims;
import com.goodtalk.protocol.license.LicenseCertificates;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.store.License;
import com.goodtalk.server.testing.RunningServer;
import com.goodtalk.testkit.JwsEdits;
import com.goodtalk.testkit.TamperingProxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's launch with a stored certificate past its re-validate-by time, against a real
 * license server: the certificate is validated online in the background, without the product key,
 * and the license pane shows the outcome.
 */
@ExtendWith(ApplicationExtension.class)
class LicenseLaunchWindowTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private static final String MACHINE = TestClients.machine(TestClients.MACHINE_ID);

    @TempDir
    Path dataDir;

    private Stage stage;
    private LicenseStorage storage;
    private LicenseViewModel license;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @BeforeEach
    void storage() {
        storage = new LicenseStorage(dataDir);
    }

    /**
     * Activates {@code key} on the test machine and stores a certificate of its license issued
     * {@code age} ago with seven days to re-validate.
     */
    private String store(String key, Duration age) {
        V2Settings settings = TestClients.v2Settings(server, server.jwks());
        assertThat(settings.client(server.baseUri(), Duration.ofSeconds(10)).activate(key).verdict().isActivated())
                .isTrue();
        License stored = server.licenseStore().findByKey(key).orElseThrow();
        String certificate = LicenseCertificates.issue(server.signingKeys().active(), new CertificateClaims(
                Long.toString(stored.id()), stored.maskedKey(), "goodtalk-desktop", "pro", List.of(), MACHINE, null,
                Duration.ofDays(7)), Clock.fixed(Instant.now().minus(age), ZoneOffset.UTC));
        storage.writeCertificate(V2Options.DEFAULT_PRODUCT_ID, certificate);
        return certificate;
    }

    /** Opens the window with the client talking to {@code serverUri}, as a launch does. */
    private void open(FxRobot robot, URI serverUri) {
        V2Settings settings = TestClients.v2Settings(server, server.jwks());
        StoredLicenseCheck check = new StoredLicenseCheck(storage, V2Options.DEFAULT_PRODUCT_ID, server.jwks(), MACHINE,
                Clock.systemUTC(), StoredLicenseCheck.DEFAULT_GRACE);
        robot.interact(() -> {
            ActivationViewModel model = new ActivationViewModel(TestClients.options(server), Protocol.V2,
                    serverUri.toString(), ActivationViewModel.daemonThreads());
            license = new LicenseViewModel(new OnlineLicense(check),
                    () -> settings.client(serverUri, Duration.ofSeconds(10)), model.productKeyProperty(),
                    ActivationViewModel.daemonThreads());
            ActivationWindow.show(stage, model, license);
        });
    }

    /** Waits until the license pane has finished an online exchange and shows its outcome. */
    private VerificationTrace awaitExchange() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> license.traceProperty().get() != null && !license.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        return license.traceProperty().get();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryLabeled().getText();
    }

    @Test
    void dueCertificateReplacedAtLaunch(FxRobot robot) throws Exception {
        String due = store(DemoKeys.KEYS.get(0), Duration.ofDays(8));

        open(robot, server.baseUri());
        VerificationTrace trace = awaitExchange();

        assertThat(trace.verdict().isActivated()).as(trace.verdict().toString()).isTrue();
        assertThat(license.stateProperty().get().kind()).isEqualTo(LicenseState.Kind.LICENSED);
        assertThat(text(robot, "#licenseHeadline")).isEqualTo("Licensed");
        String fresh = storage.readCertificate(V2Options.DEFAULT_PRODUCT_ID).orElseThrow();
        assertThat(fresh).isNotEqualTo(due);
        Instant revalidateBy = Instant.parse(text(robot, "#licenseRevalidateBy"));
        assertThat(revalidateBy).isAfter(Instant.now().plus(Duration.ofDays(6)));
    }

    @Test
    void revokedLicenseRemovedAtLaunch(FxRobot robot) throws Exception {
        String key = DemoKeys.KEYS.get(2);
        store(key, Duration.ofDays(8));
        server.licenseStore().revoke(server.licenseStore().findByKey(key).orElseThrow().id(), "launch-test");

        open(robot, server.baseUri());
        VerificationTrace trace = awaitExchange();

        assertThat(trace.verdict().serverReason()).contains("key_revoked");
        assertThat(text(robot, "#licenseHeadline")).isEqualTo("Not activated on this machine");
        assertThat(text(robot, "#licenseMessage")).startsWith("The server reports the license as revoked:")
                .contains("The local activation was removed");
        assertThat(storage.readCertificate(V2Options.DEFAULT_PRODUCT_ID)).isEmpty();
    }

    @Test
    void tamperedReplyKeepsLicenseAtLaunch(FxRobot robot) throws Exception {
        String due = store(DemoKeys.KEYS.get(1), Duration.ofDays(8));
        try (TamperingProxy proxy = TamperingProxy.start(server.baseUri())) {
            proxy.editReplies(JwsEdits.setClaim("status", "\"key_revoked\""));

            open(robot, proxy.baseUri());
            VerificationTrace trace = awaitExchange();

            assertThat(trace.firstFailedStep().orElseThrow().id()).isEqualTo(StepId.VERIFY_SIGNATURE);
            assertThat(trace.step(StepId.READ_DECISION).orElseThrow().outcome()).isNotEqualTo(StepOutcome.PASSED);
            assertThat(license.stateProperty().get().kind()).isEqualTo(LicenseState.Kind.OFFLINE_GRACE);
            assertThat(text(robot, "#licenseHeadline")).startsWith("Licensed; offline, grace until ");
            assertThat(text(robot, "#licenseMessage")).contains("failed the check " + StepId.VERIFY_SIGNATURE);
            assertThat(storage.readCertificate(V2Options.DEFAULT_PRODUCT_ID)).contains(due);
        }
    }

    @Test
    void currentCertificateNotRevalidatedAtLaunch(FxRobot robot) {
        store(DemoKeys.KEYS.get(1), Duration.ofHours(1));

        open(robot, server.baseUri());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(license.runningProperty().get()).isFalse();
        assertThat(license.traceProperty().get()).isNull();
        assertThat(text(robot, "#licenseHeadline")).isEqualTo("Licensed");
    }

    @Test
    void revalidateNowSendsCertificateWithoutKey(FxRobot robot) throws Exception {
        String current = store(DemoKeys.KEYS.get(1), Duration.ofHours(1));
        open(robot, server.baseUri());

        robot.clickOn("#revalidateButton");
        VerificationTrace trace = awaitExchange();

        assertThat(trace.verdict().isActivated()).as(trace.verdict().toString()).isTrue();
        assertThat(trace.step(StepId.SIGN_REQUEST).orElseThrow().values().get("payload")).contains("\"cert\":");
        assertThat(text(robot, "#licenseHeadline")).isEqualTo("Licensed");
        assertThat(storage.readCertificate(V2Options.DEFAULT_PRODUCT_ID)).isPresent().get().isNotEqualTo(current);
    }
}
