package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window against a real license server with the demo keys. */
@ExtendWith(ApplicationExtension.class)
class ActivationWindowServerTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private static final List<String> STEP_ORDER = List.of(StepId.SIGN_REQUEST, StepId.SEND_REQUEST,
            StepId.PARSE_REPLY, StepId.VERIFY_SIGNATURE, StepId.CHECK_ECHO, StepId.READ_DECISION);

    private ActivationViewModel model;
    private WindowDriver window;

    @Start
    void start(Stage stage) {
        model = new ActivationViewModel(ClientFactories.v1(server.secret(), Duration.ofSeconds(10)),
                "status", server.baseUri().toString(), ActivationViewModel.daemonThreads());
        ActivationWindow.show(stage, model);
    }

    @BeforeEach
    void driver(FxRobot robot) {
        window = new WindowDriver(robot, model);
    }

    @Test
    void demoKeyActivatesWithEveryStepPassed() throws Exception {
        window.pasteKey(DemoKeys.KEYS.get(0)).activateAndWait();

        assertThat(window.banner().getText()).startsWith("Activated.");
        assertThat(window.banner().getStyleClass()).contains("banner-activated");
        List<TraceStep> rows = window.rows();
        assertThat(rows).extracting(TraceStep::id).containsExactlyElementsOf(STEP_ORDER);
        for (TraceStep row : rows) {
            assertThat(row.outcome()).as("outcome of %s", row.id()).isEqualTo(StepOutcome.PASSED);
        }
        List<String> rendered = window.renderedRows();
        assertThat(rendered).hasSize(STEP_ORDER.size());
        for (String row : rendered) {
            assertThat(row).as("rendered row").startsWith("PASS ");
        }
        assertThat(rendered.get(3)).startsWith("PASS Verify the server signature: ");
    }

    @Test
    void selectedRowShowsItsValues() throws Exception {
        window.pasteKey(DemoKeys.KEYS.get(0)).activateAndWait();

        String signature = window.detailsOf(StepId.VERIFY_SIGNATURE);
        String send = window.detailsOf(StepId.SEND_REQUEST);
        String sign = window.detailsOf(StepId.SIGN_REQUEST);

        assertThat(signature).contains("Verify the server signature (verify_signature): passed")
                .contains("computed signature: ").contains("received signature: ");
        TraceStep verify = model.traceProperty().get().step(StepId.VERIFY_SIGNATURE).orElseThrow();
        assertThat(signature).contains(verify.values().get("computed signature"));
        assertThat(send).contains("HTTP status: 200").contains("reply body: {");
        assertThat(sign).contains("nonce: ").contains("request JSON: {\"key\": ");
    }

    @Test
    void copyTracePutsTextOnClipboard(FxRobot robot) throws Exception {
        window.pasteKey(DemoKeys.KEYS.get(1)).activateAndWait();

        robot.clickOn("#copyTraceButton");

        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString())
                .get(10, TimeUnit.SECONDS);
        assertThat(copied).isEqualTo(TraceTextRenderer.render(model.traceProperty().get()));
        assertThat(copied).contains("PASS  Verify the server signature: ").contains(DemoKeys.KEYS.get(1));
    }

    @Test
    void unknownKeyEndsWithKeyInvalid() throws Exception {
        window.pasteKey("AAAAA-BBBBB-CCCCC-DDDD-EEEEE").activateAndWait();

        assertThat(window.banner().getText()).startsWith("Rejected by the server").contains("key_invalid");
        assertThat(window.banner().getStyleClass()).contains("banner-rejected");
        TraceStep decision = window.rows().get(5);
        assertThat(decision.id()).isEqualTo(StepId.READ_DECISION);
        assertThat(decision.outcome()).isEqualTo(StepOutcome.FAILED);
        assertThat(decision.summary()).contains("key_invalid");
        assertThat(window.rows()).extracting(TraceStep::outcome).containsExactly(StepOutcome.PASSED,
                StepOutcome.PASSED, StepOutcome.PASSED, StepOutcome.SKIPPED, StepOutcome.SKIPPED,
                StepOutcome.FAILED);
        assertThat(window.renderedRows().get(5)).startsWith("FAIL Read the server's decision: ");
    }
}
