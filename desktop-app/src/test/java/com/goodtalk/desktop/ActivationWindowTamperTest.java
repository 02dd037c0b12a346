package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import com.goodtalk.testkit.JsonEdits;
import com.goodtalk.testkit.TamperingProxy;
import java.time.Duration;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window behind a man in the middle that edits or replays the server's replies. */
@ExtendWith(ApplicationExtension.class)
class ActivationWindowTamperTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private static final String KEY = DemoKeys.KEYS.get(0);

    private TamperingProxy proxy;
    private ActivationViewModel model;
    private WindowDriver window;

    @Start
    void start(Stage stage) {
        proxy = TamperingProxy.start(server.baseUri());
        model = new ActivationViewModel(ClientFactories.v1(server.secret(), Duration.ofSeconds(10)),
                "status", proxy.baseUri().toString(), ActivationViewModel.daemonThreads());
        ActivationWindow.show(stage, model);
    }

    @BeforeEach
    void driver(FxRobot robot) {
        window = new WindowDriver(robot, model);
    }

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    @Test
    void editedServerNonceFailsSignature() throws Exception {
        proxy.editReplies(JsonEdits.set("serverNonce", "AAAAAAAAAAAAAAAAAAAAAA"));

        window.pasteKey(KEY).activateAndWait();

        assertThat(window.banner().getText())
                .startsWith("Verification failed at the step \"Verify the server signature\".");
        assertThat(window.banner().getStyleClass()).contains("banner-verification_failed");
        TraceStep verify = window.rows().get(3);
        assertThat(verify.id()).isEqualTo(StepId.VERIFY_SIGNATURE);
        assertThat(verify.outcome()).isEqualTo(StepOutcome.FAILED);
        assertThat(window.rows().subList(0, 3)).extracting(TraceStep::outcome).containsOnly(StepOutcome.PASSED);
        assertThat(window.rows().subList(4, 6)).extracting(TraceStep::outcome).containsOnly(StepOutcome.SKIPPED);
        assertThat(window.renderedRows().get(3)).startsWith("FAIL Verify the server signature: ");
        String details = window.detailsOf(StepId.VERIFY_SIGNATURE);
        assertThat(details).contains("AAAAAAAAAAAAAAAAAAAAAA")
                .contains("computed signature: " + verify.values().get("computed signature"))
                .contains("received signature: " + verify.values().get("received signature"));
        assertThat(verify.values().get("computed signature")).isNotEqualTo(verify.values().get("received signature"));
    }

    @Test
    void replayedReplyFailsEchoCheck() throws Exception {
        window.pasteKey(KEY).activateAndWait();
        assertThat(window.banner().getText()).as("first, untouched exchange").startsWith("Activated.");
        proxy.replayReplies();

        window.activateAndWait();

        assertThat(window.banner().getText())
                .startsWith("Verification failed at the step \"Check the reply answers this request\".");
        assertThat(window.banner().getStyleClass()).contains("banner-verification_failed");
        TraceStep echo = window.rows().get(4);
        assertThat(echo.id()).isEqualTo(StepId.CHECK_ECHO);
        assertThat(echo.outcome()).isEqualTo(StepOutcome.FAILED);
        assertThat(echo.summary()).contains("nonce");
        assertThat(window.rows().get(3).outcome()).as("the replayed reply is genuinely signed")
                .isEqualTo(StepOutcome.PASSED);
        assertThat(window.rows().get(5).outcome()).isEqualTo(StepOutcome.SKIPPED);
        assertThat(window.renderedRows().get(4)).startsWith("FAIL Check the reply answers this request: ");
    }
}
