package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Activates a demo key with protocol v2 against a real server and writes a PNG snapshot of the
 * window, which the documentation shows.
 *
 * <p>It writes {@code target/activated-window.png} on every run. To refresh the picture in the
 * documentation, run from the repository root:
 * <pre>
 * ./mvnw -q -pl desktop-app -am verify -Dtest=ActivatedWindowScreenshotTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dgoodtalk.screenshot=$PWD/docs/activated-window.png
 * </pre>
 */
@ExtendWith(ApplicationExtension.class)
class ActivatedWindowScreenshotTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private Stage stage;
    private ActivationViewModel model;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new ActivationViewModel(TestClients.options(server), Protocol.V2, server.baseUri().toString(),
                ActivationViewModel.daemonThreads());
        ActivationWindow.show(stage, model);
    }

    @Test
    void writeActivatedWindowSnapshot(FxRobot robot) throws Exception {
        WindowDriver window = new WindowDriver(robot, model).pasteKey(DemoKeys.KEYS.get(0)).activateAndWait();
        window.detailsOf(StepId.VERIFY_SIGNATURE);
        assertThat(window.banner().getText()).startsWith("Activated.");
        assertThat(window.rows()).extracting(TraceStep::id)
                .containsExactlyElementsOf(ActivationWindowV2Test.V2_STEPS);
        assertThat(window.rows()).extracting(TraceStep::outcome).containsOnly(StepOutcome.PASSED);
        assertThat(window.exchangeDetails()).contains("REPLY, signature verified");

        WritableImage snapshot = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null))
                .get(10, TimeUnit.SECONDS);
        Path target = Path.of(System.getProperty("goodtalk.screenshot", "target/activated-window.png"));
        Files.createDirectories(target.toAbsolutePath().getParent());
        ImageIO.write(toBufferedImage(snapshot), "png", target.toFile());

        BufferedImage written = ImageIO.read(target.toFile());
        assertThat(written.getWidth()).isEqualTo((int) stage.getScene().getWidth());
        assertThat(written.getHeight()).isEqualTo((int) stage.getScene().getHeight());
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
