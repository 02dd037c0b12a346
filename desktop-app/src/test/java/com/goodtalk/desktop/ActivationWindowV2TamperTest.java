package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import com.goodtalk.testkit.BodyEdit;
import com.goodtalk.testkit.TamperingProxy;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window with v2 behind a man in the middle that edits or replays the server's replies.
 * Each attack must fail at the check meant for it, pass every check before, and skip the rest.
 */
@ExtendWith(ApplicationExtension.class)
class ActivationWindowV2TamperTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private static final String KEY = DemoKeys.KEYS.get(0);
    private static final String UNKNOWN_KEY = "AAAAA-BBBBB-CCCCC-DDDD-EEEEE";

    private TamperingProxy proxy;
    private ActivationViewModel model;
    private WindowDriver window;

    @Start
    void start(Stage stage) {
        proxy = TamperingProxy.start(server.baseUri());
        model = new ActivationViewModel(TestClients.options(server), Protocol.V2, proxy.baseUri().toString(),
                ActivationViewModel.daemonThreads());
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

    /** Activates {@code key} through the proxy with {@code edit} on the reply and checks where it failed. */
    private TraceStep activateAndExpectFailureAt(String key, BodyEdit edit, String stepId) throws Exception {
        proxy.editReplies("/v2/activate", edit);

        window.pasteKey(key).activateAndWait();

        return assertFailedAt(stepId);
    }

    private TraceStep assertFailedAt(String stepId) {
        List<TraceStep> rows = window.rows();
        int failed = ActivationWindowV2Test.V2_STEPS.indexOf(stepId);
        assertThat(rows).extracting(TraceStep::id).containsExactlyElementsOf(ActivationWindowV2Test.V2_STEPS);
        assertThat(rows.subList(0, failed)).as("steps before %s", stepId).extracting(TraceStep::outcome)
                .containsOnly(StepOutcome.PASSED);
        assertThat(rows.get(failed).outcome()).as("outcome of %s", stepId).isEqualTo(StepOutcome.FAILED);
        assertThat(rows.subList(failed + 1, rows.size())).as("steps after %s", stepId).extracting(TraceStep::outcome)
                .containsOnly(StepOutcome.SKIPPED);
        assertThat(window.banner().getText()).startsWith("Verification failed at the step \""
                + rows.get(failed).title() + "\".");
        assertThat(window.banner().getStyleClass()).contains("banner-verification_failed");
        assertThat(model.traceProperty().get().verdict().isActivated()).isFalse();
        return rows.get(failed);
    }

    @Test
    void flippedSignatureByteFailsParse() throws Exception {
        TraceStep parse = activateAndExpectFailureAt(KEY, JwsEdits.flipSignatureByte(), StepId.PARSE_REPLY);

        assertThat(parse.summary()).startsWith("The reply is not a signed v2 reply: ");
    }

    @Test
    void changedSignatureFailsVerification() throws Exception {
        activateAndExpectFailureAt(KEY, JwsEdits.changeSignatureCharacter(), StepId.VERIFY_SIGNATURE);

        String meaning = "The reply was changed after the server signed it; something between you and the server"
                + " edits traffic.";
        assertThat(window.meaningOf(StepId.VERIFY_SIGNATURE)).isEqualTo(meaning);
        assertThat(window.meaningOf(StepId.PARSE_REPLY)).as("a passed step has no explanation").isEmpty();
        assertThat(window.detailsOf(StepId.VERIFY_SIGNATURE)).contains("What this means: " + meaning);

        assertThat(window.exchangeDetails())
                .contains("REPLY, signature does not match, so none of this comes from the server\n");
    }

    @Test
    void rejectionTurnedIntoActivationFailsVerification() throws Exception {
        BodyEdit forge = JwsEdits.editPayload(payload -> payload.put("status", "activated"));

        activateAndExpectFailureAt(UNKNOWN_KEY, forge, StepId.VERIFY_SIGNATURE);

        assertThat(window.exchangeDetails()).contains("\"status\": \"activated\"")
                .contains("signature does not match");
    }

    @Test
    void unsignedAlgorithmFailsAlgorithmCheck() throws Exception {
        BodyEdit none = JwsEdits.replaceHeader("{\"alg\":\"none\",\"typ\":\"goodtalk-reply+jwt\",\"kid\":\""
                + server.jwks().keys().get(0).thumbprint() + "\"}");

        TraceStep algorithm = activateAndExpectFailureAt(KEY, none, StepId.CHECK_ALGORITHM);

        assertThat(algorithm.values()).containsEntry("alg", "\"none\"");
    }

    @Test
    void replyToAnotherRequestFailsRequestHash() throws Exception {
        window.pasteKey(KEY).activateAndWait();
        assertThat(window.banner().getText()).as("first, untouched exchange").startsWith("Activated.");
        proxy.replayReplies();

        window.activateAndWait();

        TraceStep hash = assertFailedAt(StepId.CHECK_REQUEST_HASH);
        assertThat(window.rows().get(5).outcome()).as("the replayed reply is genuinely signed")
                .isEqualTo(StepOutcome.PASSED);
        assertThat(hash.summary()).contains("different request body");
        assertThat(window.meaningOf(StepId.CHECK_REQUEST_HASH)).isEqualTo("The reply answers another request, or"
                + " your request was changed on its way to the server.");
    }
}
