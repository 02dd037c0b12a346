package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window while a request is in flight, against a server that holds its reply until released. */
@ExtendWith(ApplicationExtension.class)
class ActivationWindowRunningTest {

    private HeldReplyServer upstream;
    private ActivationViewModel model;

    @Start
    void start(Stage stage) throws Exception {
        upstream = HeldReplyServer.holding(403, "application/json", "{\"error\": \"key_invalid\"}");
        // No file and no environment variable, so the window signs with the public demo secret.
        ConfiguredSecret secret = SecretSource.V1.resolve(null, Map.of());
        model = new ActivationViewModel(ClientFactories.v1(secret.secret(), Duration.ofSeconds(10)),
                secret.statusText(), upstream.baseUri().toString(), ActivationViewModel.daemonThreads());
        ActivationWindow.show(stage, model);
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    @Test
    void buttonDisabledAndProgressShownWhileRunning(FxRobot robot) throws Exception {
        Button activate = robot.lookup("#activateButton").queryButton();
        ProgressIndicator progress = robot.lookup("#progress").queryAs(ProgressIndicator.class);
        robot.clickOn("#keyField").write("APENL-4N9L1-2KA9D-3JX0-44LSK");
        assertThat(activate.isDisabled()).isFalse();
        assertThat(progress.isVisible()).isFalse();

        robot.clickOn("#activateButton");
        assertThat(upstream.awaitRequest()).as("request reached the server").isTrue();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(activate.isDisabled()).as("button disabled while running").isTrue();
        assertThat(progress.isVisible()).as("progress shown while running").isTrue();
        assertThat(robot.lookup("#banner").queryAs(Label.class).isVisible()).isFalse();

        upstream.release();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !model.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(activate.isDisabled()).as("button enabled after the reply").isFalse();
        assertThat(progress.isVisible()).as("progress hidden after the reply").isFalse();
        assertThat(robot.lookup("#banner").queryAs(Label.class).getText()).contains("key_invalid");
        assertThat(upstream.requestCount()).isEqualTo(1);
    }

    @Test
    void demoSecretNamedInStatus(FxRobot robot) {
        Label status = robot.lookup("#secretStatus").queryAs(Label.class);

        assertThat(status.getText()).contains("demo secret").contains("GOODTALK_V1_SECRET");
        assertThat(status.isVisible()).isTrue();
    }

    @Test
    void enterInServerFieldStartsActivation(FxRobot robot) throws Exception {
        robot.clickOn("#keyField").write("APENL-4N9L1-2KA9D-3JX0-44LSK");

        robot.clickOn("#serverField").type(KeyCode.ENTER);

        assertThat(upstream.awaitRequest()).as("Enter in the server field sent a request").isTrue();
        upstream.release();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !model.runningProperty().get());
    }

    @Test
    void enterInKeyFieldStartsActivation(FxRobot robot) throws Exception {
        robot.clickOn("#keyField").write("APENL-4N9L1-2KA9D-3JX0-44LSK").type(KeyCode.ENTER);

        assertThat(upstream.awaitRequest()).as("Enter in the key field sent a request").isTrue();
        upstream.release();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !model.runningProperty().get());
    }

    @Test
    void pastedKeySentWithoutSurroundingWhitespace(FxRobot robot) throws Exception {
        robot.interact(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putString("  \tAPENL-4N9L1-2KA9D-3JX0-44LSK \n");
            Clipboard.getSystemClipboard().setContent(content);
        });

        robot.clickOn("#keyField").press(KeyCode.SHORTCUT, KeyCode.V).release(KeyCode.V, KeyCode.SHORTCUT);
        robot.clickOn("#activateButton");

        assertThat(upstream.awaitRequest()).isTrue();
        assertThat(upstream.lastRequestBody()).contains("\"key\": \"APENL-4N9L1-2KA9D-3JX0-44LSK\",");
        assertThat(robot.lookup("#keyField").queryTextInputControl().getText())
                .isEqualTo("APENL-4N9L1-2KA9D-3JX0-44LSK");
        upstream.release();
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !model.runningProperty().get());
    }

    @Test
    void blankKeyKeepsButtonDisabled(FxRobot robot) {
        robot.clickOn("#keyField").write("   ");

        assertThat(robot.lookup("#activateButton").queryButton().isDisabled()).isTrue();
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void invalidServerUrlShownWithoutRequest(FxRobot robot) {
        robot.clickOn("#serverField").eraseText(upstream.baseUri().toString().length()).write("ftp://x");
        robot.clickOn("#keyField").write("APENL-4N9L1-2KA9D-3JX0-44LSK");

        robot.clickOn("#activateButton");
        WaitForAsyncUtils.waitForFxEvents();

        Label problem = robot.lookup("#serverProblem").queryAs(Label.class);
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).contains("\"ftp://x\"").contains("http://");
        assertThat(upstream.requestCount()).isZero();
        assertThat(model.runningProperty().get()).isFalse();
    }
}
