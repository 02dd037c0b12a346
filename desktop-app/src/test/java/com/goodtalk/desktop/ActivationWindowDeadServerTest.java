package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import java.time.Duration;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window against a license server that was stopped, so its port refuses connections. */
@ExtendWith(ApplicationExtension.class)
class ActivationWindowDeadServerTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private ActivationViewModel model;

    @Start
    void start(Stage stage) {
        model = new ActivationViewModel(ClientFactories.v1(server.secret(), Duration.ofSeconds(10)),
                "status", server.baseUri().toString(), ActivationViewModel.daemonThreads());
        ActivationWindow.show(stage, model);
    }

    @AfterEach
    void restartServer() {
        server.start();
    }

    @Test
    void stoppedServerFailsAtSendRequest(FxRobot robot) throws Exception {
        server.stop();

        WindowDriver window = new WindowDriver(robot, model).pasteKey(DemoKeys.KEYS.get(0));
        window.activateAndWait();

        assertThat(window.banner().getText()).startsWith("The server could not be reached.")
                .contains("connection refused");
        assertThat(window.banner().getStyleClass()).contains("banner-unreachable");
        TraceStep send = window.rows().get(1);
        assertThat(send.id()).isEqualTo(StepId.SEND_REQUEST);
        assertThat(send.outcome()).isEqualTo(StepOutcome.FAILED);
        assertThat(send.summary()).contains("Could not connect to " + server.baseUri())
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(window.rows().subList(2, 6)).extracting(TraceStep::outcome).containsOnly(StepOutcome.SKIPPED);
        assertThat(window.renderedRows().get(1)).startsWith("FAIL Send the request: Could not connect");
        assertThat(robot.lookup("#activateButton").queryButton().isDisabled()).isFalse();
    }
}
