package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.desktop.tamper.Attack;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
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
 * The tamper demonstration in the window: the settings switch, its warning, the built-in proxy
 * against a real server, and the result that names the attack and the catching step. The server
 * allows 2 s of clock skew, so the delay attack needs only 3 s.
 */
@ExtendWith(ApplicationExtension.class)
class ActivationWindowTamperDemoTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.builder().skew(Duration.ofSeconds(2)).build();

    private static final String UNKNOWN_KEY = "AAAAA-BBBBB-CCCCC-DDDD-EEEEE";

    @TempDir
    static Path directory;

    private SettingsStore store;
    private ActivationViewModel model;
    private WindowDriver window;
    private FxRobot robot;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        store = new SettingsStore(directory.resolve("config-" + System.nanoTime()));
        model = new ActivationViewModel(TestClients.options(server), Protocol.V2, server.baseUri().toString(),
                ActivationViewModel.daemonThreads());
        model.setTamperDelay(Duration.ofSeconds(3));
        ActivationWindow.rememberSettings(stage, model, store);
        ActivationWindow.show(stage, model);
    }

    @BeforeEach
    void driver(FxRobot robot) {
        this.robot = robot;
        window = new WindowDriver(robot, model);
    }

    private Label label(String id) {
        return robot.lookup(id).queryAs(Label.class);
    }

    private void chooseAttack(Attack attack) {
        robot.clickOn("#tamperChoice");
        robot.clickOn(attack.label() + " (" + attack.word() + ")");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void forgedSuccessIsNamedWithCatchingStep() throws Exception {
        assertThat(label("#tamperWarning").isVisible()).as("warning while off").isFalse();

        chooseAttack(Attack.FORGE_SUCCESS);
        window.pasteKey(UNKNOWN_KEY).activateAndWait();

        assertThat(label("#tamperWarning").isVisible()).isTrue();
        assertThat(label("#tamperWarning").getText()).isEqualTo("Tamper demonstration on: a built-in proxy on"
                + " 127.0.0.1 attacks each activation with \"Forge a success\" (forge-success), so results show the"
                + " attack, not your license. Turn it off in the settings to activate for real.");
        assertThat(label("#tamperWarning").getAccessibleText()).isEqualTo(label("#tamperWarning").getText());
        assertThat(window.banner().getText()).startsWith("Verification failed at the step \"Verify the server"
                + " signature\".");
        Label summary = label("#tamperSummary");
        assertThat(summary.isVisible()).isTrue();
        assertThat(summary.getText()).startsWith("Attack forge-success: Rewrote the signed reply's status from"
                + " key_invalid to activated")
                .endsWith("Caught by the step \"Verify the server signature\" (verify_signature).");
        assertThat(store.load().tamper()).as("stored choice").contains(Attack.FORGE_SUCCESS);
    }

    @Test
    void choiceReachableByKeyboard() {
        robot.interact(() -> model.tamperProperty().set(Attack.STRIP_FIELD));
        @SuppressWarnings("unchecked")
        ChoiceBox<Object> choice = robot.lookup("#tamperChoice").queryAs(ChoiceBox.class);
        assertThat(choice.getAccessibleText()).startsWith("Tamper demonstration");
        assertThat(label("#tamperWarning").isVisible()).isTrue();

        robot.press(KeyCode.ALT, KeyCode.M).release(KeyCode.M, KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        Node focused = stage.getScene().getFocusOwner();

        assertThat(focused).as("focus after Alt+M").isSameAs(choice);
        robot.interact(() -> choice.getSelectionModel().select(0));
        assertThat(model.tamperProperty().get()).isNull();
        assertThat(label("#tamperWarning").isVisible()).isFalse();
        assertThat(store.load().tamper()).isEmpty();
    }

    @Test
    void delayedV2RequestShowsHoldAndStaleRejection() throws Exception {
        chooseAttack(Attack.DELAY_REQUEST);
        window.pasteKey(DemoKeys.KEYS.get(0));
        robot.clickOn("#activateButton");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> label("#tamperProgress").isVisible());
        assertThat(label("#tamperProgress").getText()).isEqualTo("The tamper proxy is holding the request for 3 s"
                + " before it forwards it to the server.");
        robot.interact(() -> model.themeProperty().set(Theme.DARK));
        assertThat(model.runningProperty().get()).as("still holding while the window reacts").isTrue();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.traceProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(label("#tamperProgress").isVisible()).isFalse();
        assertThat(window.banner().getText()).startsWith("Rejected by the server: stale_request.");
        assertThat(label("#tamperSummary").getText()).startsWith("Attack delay-request: Held the request for 3 s,"
                + " then forwarded it")
                .endsWith("The server caught it (stale_request), and the client reported that at the step \"Read"
                        + " the server's decision\" (read_decision).");
    }

    @Test
    void delayedV1RequestIsAcceptedAndSaysSo() throws Exception {
        window.chooseProtocol(Protocol.V1);
        chooseAttack(Attack.DELAY_REQUEST);

        window.pasteKey(DemoKeys.KEYS.get(1)).activateAndWait();

        assertThat(window.banner().getText()).startsWith("Activated.");
        assertThat(label("#tamperSummary").getText()).endsWith("No step caught it: v1 requests carry no time, so the"
                + " server accepted the late request. Protocol v2 rejects it as stale_request.");
    }

    @Test
    void closingWindowEndsHeldRequest() throws Exception {
        robot.interact(() -> model.setTamperDelay(Duration.ofMinutes(10)));
        chooseAttack(Attack.DELAY_REQUEST);
        window.pasteKey(DemoKeys.KEYS.get(2));
        robot.clickOn("#activateButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> label("#tamperProgress").isVisible());

        robot.interact(stage::hide);

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !model.runningProperty().get());
        assertThat(model.traceProperty().get().verdict().failedStepId()).contains("send_request");
    }
}
