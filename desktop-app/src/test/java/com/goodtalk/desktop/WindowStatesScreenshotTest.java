package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.desktop.license.LicenseState;
import com.goodtalk.desktop.license.LicenseStorage;
import com.goodtalk.desktop.license.LicenseViewModel;
import com.goodtalk.desktop.license.OnlineLicense;
import com.goodtalk.desktop.license.StoredLicenseCheck;
import com.goodtalk.desktop.tamper.Attack;
import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
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
 * Brings the window into each state a user meets (ready, activating, activated, rejected,
 * tampered, licensed) against a real v2 server and writes a PNG of each, in the light theme. The
 * tampered state comes from the window's own tamper demonstration, forging a success for an
 * unknown key. The licensed state is the window as it opens at launch on a license that an earlier
 * activation stored.
 *
 * <p>It writes {@code target/screenshots/window-STATE.png} on every run. To refresh the
 * pictures in {@code docs/}, run from the repository root:
 * <pre>
 * ./mvnw -q -pl desktop-app -am verify -Dtest=WindowStatesScreenshotTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dgoodtalk.screenshots=$PWD/docs
 * </pre>
 */
@ExtendWith(ApplicationExtension.class)
class WindowStatesScreenshotTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private Stage stage;
    private ActivationViewModel model;
    private WindowDriver window;
    private FxRobot robot;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new ActivationViewModel(TestClients.options(server), Protocol.V2, server.baseUri().toString(),
                ActivationViewModel.daemonThreads());
        model.themeProperty().set(Theme.LIGHT);
        ActivationWindow.show(stage, model);
    }

    @BeforeEach
    void driver(FxRobot robot) {
        this.robot = robot;
        window = new WindowDriver(robot, model);
    }

    @Test
    void ready() throws Exception {
        window.pasteKey(DemoKeys.KEYS.get(0));

        assertThat(model.activateDisabledProperty().get()).isFalse();
        write("ready");
    }

    @Test
    void activating() throws Exception {
        try (HeldReplyServer held = HeldReplyServer.holding(200, "application/json", "{}")) {
            window.serverUrl(held.baseUri().toString()).pasteKey(DemoKeys.KEYS.get(0));
            robot.clickOn("#activateButton");
            assertThat(held.awaitRequest()).isTrue();
            WaitForAsyncUtils.waitForFxEvents();

            assertThat(model.runningProperty().get()).isTrue();
            write("activating");
            held.release();
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !model.runningProperty().get());
        }
    }

    @Test
    void activated() throws Exception {
        window.pasteKey(DemoKeys.KEYS.get(1)).activateAndWait();
        window.detailsOf(StepId.VERIFY_SIGNATURE);

        assertThat(window.banner().getText()).startsWith("Activated.");
        write("activated");
    }

    @Test
    void rejected() throws Exception {
        window.pasteKey("AAAAA-BBBBB-CCCCC-DDDD-EEEEE").activateAndWait();

        assertThat(window.banner().getText()).startsWith("Rejected by the server: key_invalid.");
        write("rejected");
    }

    @Test
    void licensed(@TempDir Path dataDir) throws Exception {
        StoredLicenseCheck check = new StoredLicenseCheck(new LicenseStorage(dataDir), V2Options.DEFAULT_PRODUCT_ID,
                server.jwks(), TestClients.machine(TestClients.MACHINE_ID), Clock.systemUTC(),
                StoredLicenseCheck.DEFAULT_GRACE);
        OnlineLicense online = new OnlineLicense(check);
        V2Settings settings = TestClients.v2Settings(server, server.jwks());
        VerificationTrace activation = settings.client(server.baseUri(), Duration.ofSeconds(10))
                .activate(DemoKeys.KEYS.get(2));
        assertThat(online.storeFrom(activation)).map(LicenseState::isLicensed).contains(true);

        // The window opens on the stored license as the launcher opens it: a new model and license view.
        LicenseViewModel license = WaitForAsyncUtils.asyncFx(() -> {
            model = new ActivationViewModel(TestClients.options(server), Protocol.V2, server.baseUri().toString(),
                    ActivationViewModel.daemonThreads());
            model.themeProperty().set(Theme.LIGHT);
            LicenseViewModel view = new LicenseViewModel(online,
                    () -> settings.client(server.baseUri(), Duration.ofSeconds(10)), model.productKeyProperty(),
                    ActivationViewModel.daemonThreads());
            ActivationWindow.show(stage, model, view);
            return view;
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(license.stateProperty().get().kind()).isEqualTo(LicenseState.Kind.LICENSED);
        assertThat(robot.lookup("#licenseHeadline").queryLabeled().getText()).isEqualTo("Licensed");
        assertThat(robot.lookup("#settingsPane").queryAs(TitledPane.class).isExpanded()).isFalse();
        ScrollPane scroll = robot.lookup("#windowScroll").queryAs(ScrollPane.class);
        assertThat(scroll.getContent().getLayoutBounds().getHeight())
                .as("the licensed window needs no scroll bar at its default size")
                .isLessThanOrEqualTo(scroll.getViewportBounds().getHeight());
        write("licensed");
    }

    @Test
    void tampered() throws Exception {
        robot.interact(() -> model.tamperProperty().set(Attack.FORGE_SUCCESS));
        window.pasteKey("AAAAA-BBBBB-CCCCC-DDDD-EEEEE").activateAndWait();
        window.detailsOf(StepId.VERIFY_SIGNATURE);

        assertThat(window.banner().getStyleClass()).contains("banner-verification_failed");
        assertThat(window.meaningOf(StepId.VERIFY_SIGNATURE)).startsWith("The reply was changed");
        assertThat(robot.lookup("#tamperSummary").queryLabeled().getText())
                .endsWith("Caught by the step \"Verify the server signature\" (verify_signature).");
        write("tampered");
    }

    private void write(String state) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage snapshot = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null))
                .get(10, TimeUnit.SECONDS);
        Path folder = Path.of(System.getProperty("goodtalk.screenshots", "target/screenshots"));
        Files.createDirectories(folder);
        Path target = folder.resolve("window-" + state + ".png");
        ImageIO.write(toBufferedImage(snapshot), "png", target.toFile());
        assertThat(ImageIO.read(target.toFile()).getWidth()).isEqualTo((int) stage.getScene().getWidth());
    }

    /** Copies the pixels by hand, so the test needs no javafx-swing dependency for SwingFXUtils. */
    private static BufferedImage toBufferedImage(WritableImage image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        PixelReader pixels = image.getPixelReader();
        BufferedImage result = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                result.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        return result;
    }
}
