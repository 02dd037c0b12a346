package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.desktop.license.LicenseState;
import com.goodtalk.desktop.license.LicenseStorage;
import com.goodtalk.desktop.license.LicenseViewModel;
import com.goodtalk.desktop.license.OnlineLicense;
import com.goodtalk.desktop.license.StoredLicenseCheck;
import com.goodtalk.desktop.tamper.Attack;
import com.goodtalk.protocol.license.CertificateClaims;
import com.goodtalk.protocol.license.LicenseCertificates;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window's license pane with a stored certificate, checked offline at launch, against a real server. */
@ExtendWith(ApplicationExtension.class)
class LicenseWindowTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.builder().build();

    private static final Instant ISSUED = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String MACHINE = TestClients.machine(TestClients.MACHINE_ID);

    @TempDir
    Path dataDir;

    private Stage stage;
    private ActivationViewModel model;
    private LicenseStorage storage;
    private LicenseViewModel license;
    /** The server URL that the window's settings start with, or null for the running server's. */
    private String windowServerUrl;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private String issue(String machine) {
        return issue(machine, "GT7Q2M-****");
    }

    private String issue(String machine, String keyHint) {
        return LicenseCertificates.issue(server.signingKeys().active(), new CertificateClaims("3", keyHint,
                "goodtalk-desktop", "pro", List.of("export"), machine, null, Duration.ofDays(7)),
                Clock.fixed(ISSUED, ZoneOffset.UTC));
    }

    /** Stores {@code certificate}, then opens the window with the local clock at {@code now}. */
    private void open(FxRobot robot, String certificate, Instant now) {
        open(robot, certificate, now, server.baseUri());
    }

    /**
     * Opens the window as {@link #open(FxRobot, String, Instant)} does,
     * with the client sending to {@code serverUri}.
     */
    private void open(FxRobot robot, String certificate, Instant now, URI serverUri) {
        open(robot, certificate, now, serverUri, ActivationViewModel.daemonThreads());
    }

    /** Opens the window as {@link #open(FxRobot, String, Instant, URI)} does, running activations on {@code activations}. */
    private void open(FxRobot robot, String certificate, Instant now, URI serverUri, Executor activations) {
        storage = new LicenseStorage(dataDir);
        if (certificate != null) {
            storage.writeCertificate(V2Options.DEFAULT_PRODUCT_ID, certificate);
        }
        V2Settings settings = TestClients.v2Settings(server, server.jwks());
        StoredLicenseCheck check = new StoredLicenseCheck(storage, V2Options.DEFAULT_PRODUCT_ID, server.jwks(), MACHINE,
                Clock.fixed(now, ZoneOffset.UTC), StoredLicenseCheck.DEFAULT_GRACE);
        robot.interact(() -> {
            model = new ActivationViewModel(TestClients.options(server), Protocol.V2,
                    windowServerUrl != null ? windowServerUrl : server.baseUri().toString(), activations);
            license = new LicenseViewModel(new OnlineLicense(check),
                    () -> settings.client(serverUri, Duration.ofSeconds(10)), model.productKeyProperty(),
                    ActivationViewModel.daemonThreads());
            ActivationWindow.show(stage, model, license);
        });
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryLabeled().getText();
    }

    private static boolean disabled(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Button.class).isDisabled();
    }

    @Test
    void windowOpensOnStoredLicense(FxRobot robot) {
        open(robot, issue(MACHINE), ISSUED.plus(Duration.ofHours(1)));

        assertThat(text(robot, "#licenseHeadline")).isEqualTo("Licensed");
        assertThat(text(robot, "#licenseProduct")).isEqualTo("goodtalk-desktop");
        assertThat(text(robot, "#licenseEdition")).isEqualTo("pro");
        assertThat(text(robot, "#licenseExpires")).isEqualTo("never");
        assertThat(text(robot, "#licenseMachine")).isEqualTo(MACHINE);
        assertThat(text(robot, "#licenseRevalidateBy")).isEqualTo(ISSUED.plus(Duration.ofDays(7)).toString());
        assertThat(disabled(robot, "#revalidateButton")).isFalse();
        assertThat(disabled(robot, "#deactivateButton")).isFalse();
    }

    @Test
    void storedLicenseFoldsSettings(FxRobot robot) {
        open(robot, issue(MACHINE), ISSUED.plus(Duration.ofHours(1)));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#settingsPane").queryAs(TitledPane.class).isExpanded()).isFalse();
        Bounds about = robot.lookup("#aboutButton").queryButton().localToScene(
                robot.lookup("#aboutButton").queryButton().getLayoutBounds());
        assertThat(about.getMaxY()).isLessThanOrEqualTo(stage.getScene().getHeight());
    }

    @Test
    void foldedSettingsOpenToShowServerUrlProblem(FxRobot robot) {
        windowServerUrl = server.baseUri() + "/v2";
        open(robot, issue(MACHINE), ISSUED.plus(Duration.ofHours(1)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#settingsPane").queryAs(TitledPane.class).isExpanded()).isFalse();

        robot.interact(() -> robot.lookup("#keyField").queryTextInputControl().setText(DemoKeys.KEYS.get(0)));
        robot.clickOn("#activateButton");
        WaitForAsyncUtils.waitForFxEvents();

        // The problem label sits in the settings pane, so a folded pane would hide why nothing happened.
        assertThat(text(robot, "#serverProblem")).contains("has a path");
        assertThat(robot.lookup("#settingsPane").queryAs(TitledPane.class).isExpanded()).isTrue();
        assertThat(robot.lookup("#serverProblem").query().isVisible()).isTrue();
    }

    @Test
    void noLicenseKeepsSettingsOpen(FxRobot robot) {
        open(robot, null, ISSUED);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#settingsPane").queryAs(TitledPane.class).isExpanded()).isTrue();
    }

    @Test
    void windowShowsGraceWhenServerDown(FxRobot robot) throws Exception {
        URI deadServer;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadServer = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        Instant graceEnds = ISSUED.plus(Duration.ofDays(7)).plus(StoredLicenseCheck.DEFAULT_GRACE);

        open(robot, issue(MACHINE), ISSUED.plus(Duration.ofDays(7 + 4)), deadServer);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> license.stateProperty().get().kind() == LicenseState.Kind.OFFLINE_GRACE);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(text(robot, "#licenseHeadline")).isEqualTo("Licensed; offline, grace until " + graceEnds);
        assertThat(text(robot, "#licenseMessage")).startsWith("Offline, grace until " + graceEnds
                + ": the license server could not be reached");
        assertThat(text(robot, "#licenseProduct")).isEqualTo("goodtalk-desktop");
        assertThat(storage.readCertificate(V2Options.DEFAULT_PRODUCT_ID)).isPresent();
    }

    @Test
    void windowShowsClockSetBack(FxRobot robot) {
        new LicenseStorage(dataDir).recordSeen(ISSUED.plus(Duration.ofDays(2)));

        open(robot, issue(MACHINE), ISSUED.plus(Duration.ofDays(1)));

        assertThat(text(robot, "#licenseHeadline")).isEqualTo("Not licensed: the system clock was set back");
        assertThat(text(robot, "#licenseMessage")).startsWith("The system clock was set back");
        assertThat(disabled(robot, "#revalidateButton")).isTrue();
    }

    @Test
    void anotherMachinesCertificateIsNotLicensed(FxRobot robot) {
        open(robot, issue(TestClients.machine("fedcba9876543210fedcba9876543210")), ISSUED.plusSeconds(60));

        assertThat(text(robot, "#licenseHeadline")).isEqualTo("Not licensed: check machine failed");
        assertThat(text(robot, "#licenseMessage")).contains("left in place but ignored");
        assertThat(storage.readCertificate(V2Options.DEFAULT_PRODUCT_ID)).isPresent();
    }

    @Test
    void nothingStoredSaysNotActivated(FxRobot robot) {
        open(robot, null, ISSUED);

        assertThat(text(robot, "#licenseHeadline")).isEqualTo("Not activated on this machine");
        assertThat(disabled(robot, "#deactivateButton")).isTrue();
    }

    @Test
    void deactivateRemovesTheStoredLicense(FxRobot robot) throws Exception {
        String key = DemoKeys.KEYS.get(1);
        assertThat(TestClients.v2Settings(server, server.jwks()).client(server.baseUri(), Duration.ofSeconds(10))
                .activate(key).verdict().isActivated()).isTrue();
        // The stored license must be the one of the typed key: the deactivation of another key keeps it.
        String keyHint = key.substring(0, key.indexOf('-')) + "-****";
        open(robot, issue(MACHINE, keyHint), ISSUED.plusSeconds(60));

        robot.interact(() -> robot.lookup("#keyField").queryTextInputControl().setText(key));
        robot.clickOn("#deactivateButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> license.stateProperty().get().kind() == LicenseState.Kind.NOT_STORED);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(text(robot, "#licenseHeadline")).isEqualTo("Not activated on this machine");
        assertThat(text(robot, "#licenseMessage")).startsWith("Deactivated:");
        assertThat(storage.readCertificate(V2Options.DEFAULT_PRODUCT_ID)).isEmpty();
    }

    @Test
    void keyEditedDuringActivationKeepsStoredLicense(FxRobot robot) throws Exception {
        String stored = DemoKeys.KEYS.get(0);
        String other = DemoKeys.KEYS.get(1);
        long otherId = server.licenseStore().findByKey(other).orElseThrow().id();
        server.licenseStore().suspend(otherId, "test");
        LinkedBlockingQueue<Runnable> activations = new LinkedBlockingQueue<>();
        try {
            open(robot, issue(MACHINE, stored.substring(0, stored.indexOf('-')) + "-****"), ISSUED.plusSeconds(60),
                    server.baseUri(), activations::add);
            robot.interact(() -> robot.lookup("#keyField").queryTextInputControl().setText(other));
            robot.interact(model::activate);
            // The user clears the key field while the activation of the other key is on its way.
            robot.interact(() -> robot.lookup("#keyField").queryTextInputControl().setText(""));
            CompletableFuture.runAsync(activations.take()).get(20, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.traceProperty().get() != null);
            WaitForAsyncUtils.waitForFxEvents();

            assertThat(model.traceProperty().get().verdict().serverReason()).contains("key_suspended");
            assertThat(storage.readCertificate(V2Options.DEFAULT_PRODUCT_ID)).as("the stored license of "
                    + "the first key").isPresent();
            assertThat(text(robot, "#licenseHeadline")).isEqualTo("Licensed");
        } finally {
            server.licenseStore().reinstate(otherId, "test");
        }
    }

    @Test
    void activationInWindowStoresCertificate(FxRobot robot) throws Exception {
        open(robot, null, Instant.now());
        assertThat(text(robot, "#licenseHeadline")).isEqualTo("Not activated on this machine");

        robot.interact(() -> robot.lookup("#keyField").queryTextInputControl().setText(DemoKeys.KEYS.get(2)));
        robot.clickOn("#activateButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> license.stateProperty().get().kind() == LicenseState.Kind.LICENSED);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(text(robot, "#licenseHeadline")).isEqualTo("Licensed");
        assertThat(text(robot, "#licenseMachine")).isEqualTo(MACHINE);
        assertThat(storage.readCertificate(V2Options.DEFAULT_PRODUCT_ID)).isPresent();
    }

    @Test
    void bottomBarFitsAfterActivationStoresLicense(FxRobot robot) throws Exception {
        open(robot, null, Instant.now());
        robot.interact(() -> robot.lookup("#keyField").queryTextInputControl().setText(DemoKeys.KEYS.get(0)));
        robot.clickOn("#activateButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> license.stateProperty().get().kind() == LicenseState.Kind.LICENSED);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(bottomOf(robot, "#aboutButton")).isLessThanOrEqualTo(stage.getScene().getHeight());
        assertThat(bottomOf(robot, "#secretStatus")).isLessThanOrEqualTo(stage.getScene().getHeight());
    }

    @Test
    void bottomBarReachableWithTamperDemoAfterActivation(FxRobot robot) throws Exception {
        open(robot, null, Instant.now());
        robot.interact(() -> robot.lookup("#keyField").queryTextInputControl().setText(DemoKeys.KEYS.get(0)));
        robot.clickOn("#activateButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> license.stateProperty().get().kind() == LicenseState.Kind.LICENSED);
        robot.interact(() -> model.tamperProperty().set(Attack.SWAP_SIGNATURE));
        new WindowDriver(robot, model).activateAndWait();

        assertThat(text(robot, "#tamperSummary")).contains("swap-signature");
        ScrollPane scroll = robot.lookup("#windowScroll").queryAs(ScrollPane.class);
        assertThat(scroll.getContent().getLayoutBounds().getHeight())
                .isGreaterThan(scroll.getViewportBounds().getHeight());
        robot.interact(() -> scroll.setVvalue(scroll.getVmax()));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(bottomOf(robot, "#aboutButton")).isLessThanOrEqualTo(stage.getScene().getHeight());
        assertThat(bottomOf(robot, "#secretStatus")).isLessThanOrEqualTo(stage.getScene().getHeight());
        assertThat(topOf(robot, "#traceList")).isGreaterThanOrEqualTo(0.0);
        assertThat(robot.lookup("#traceList").queryAs(Region.class).getHeight()).isGreaterThanOrEqualTo(100.0);
    }

    /** Returns the upper edge of the node {@code id} in scene coordinates. */
    private static double topOf(FxRobot robot, String id) {
        Node node = robot.lookup(id).query();
        return node.localToScene(node.getLayoutBounds()).getMinY();
    }

    /** Returns the lower edge of the node {@code id} in scene coordinates. */
    private static double bottomOf(FxRobot robot, String id) {
        Node node = robot.lookup(id).query();
        return node.localToScene(node.getLayoutBounds()).getMaxY();
    }
}
