package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.Secret;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window started without pinned server keys: v2, the default, cannot run and the window shows the fix. */
@ExtendWith(ApplicationExtension.class)
class ActivationWindowNoKeysTest {

    private ActivationViewModel model;

    @Start
    void start(Stage stage) {
        List<ProtocolOption> options = List.of(
                ProtocolOption.unavailable(Protocol.V2, TrustedKeysSource.missingKeysWindowMessage()),
                ProtocolOption.available(Protocol.V1, ClientFactories.v1(Secret.ofUtf8("unused"),
                        Duration.ofSeconds(1)), "v1 status"));
        model = new ActivationViewModel(options, Protocol.V2, "http://127.0.0.1:9", ActivationViewModel.daemonThreads());
        ActivationWindow.show(stage, model);
    }

    @Test
    void activateExplainsMissingKeys(FxRobot robot) {
        robot.clickOn("#keyField").write("APENL-4N9L1-2KA9D-3JX0-44LSK");

        Button activate = robot.lookup("#activateButton").queryButton();
        Label problem = robot.lookup("#protocolProblem").queryAs(Label.class);
        assertThat(activate.isDisabled()).isTrue();
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).startsWith("Protocol v2 needs the license server's public keys")
                .contains("--trusted-keys FILE").contains("keys export-jwks FILE");
        assertThat(activate.getAccessibleText()).startsWith("Activate is unavailable. Protocol v2 needs");
        assertThat(activate.getTooltip().getText()).isEqualTo(activate.getAccessibleText());
        assertThat(robot.lookup("#secretStatus").queryAs(Label.class).getText()).isEmpty();
    }

    @Test
    void choosingV1EnablesActivate(FxRobot robot) {
        robot.clickOn("#keyField").write("APENL-4N9L1-2KA9D-3JX0-44LSK");

        new WindowDriver(robot, model).chooseProtocol(Protocol.V1);

        assertThat(robot.lookup("#activateButton").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#protocolProblem").queryAs(Label.class).isVisible()).isFalse();
        assertThat(robot.lookup("#activateButton").queryButton().getAccessibleText())
                .isEqualTo("Activate the product key");
        assertThat(robot.lookup("#secretStatus").queryAs(Label.class).getText()).isEqualTo("v1 status");
    }
}
