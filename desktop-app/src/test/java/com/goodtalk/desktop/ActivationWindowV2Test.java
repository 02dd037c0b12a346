package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.jose.ServerPublicKey;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import java.util.List;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window with protocol v2, its default, against a real license server that serves v2 and v1. */
@ExtendWith(ApplicationExtension.class)
class ActivationWindowV2Test {

    @RegisterExtension
    static final RunningServer server = RunningServer.builder().seatsPerKey(1).build();

    static final List<String> V2_STEPS = List.of(StepId.SIGN_REQUEST, StepId.SEND_REQUEST, StepId.PARSE_REPLY,
            StepId.CHECK_ALGORITHM, StepId.CHECK_KEY_ID, StepId.VERIFY_SIGNATURE, StepId.CHECK_REQUEST_HASH,
            StepId.CHECK_ECHO, StepId.READ_DECISION);

    private static final List<String> V1_STEPS = List.of(StepId.SIGN_REQUEST, StepId.SEND_REQUEST,
            StepId.PARSE_REPLY, StepId.VERIFY_SIGNATURE, StepId.CHECK_ECHO, StepId.READ_DECISION);

    private ActivationViewModel model;
    private WindowDriver window;

    @Start
    void start(Stage stage) {
        model = new ActivationViewModel(TestClients.options(server), Protocol.V2, server.baseUri().toString(),
                ActivationViewModel.daemonThreads());
        ActivationWindow.show(stage, model);
    }

    @BeforeEach
    void driver(FxRobot robot) {
        window = new WindowDriver(robot, model);
    }

    private static String signature(VerificationTrace trace, String stepId) {
        return trace.step(stepId).orElseThrow().values().get("signature");
    }

    @Test
    void protocolChoiceStartsAtV2(FxRobot robot) {
        @SuppressWarnings("unchecked")
        ChoiceBox<Protocol> choice = robot.lookup("#protocolChoice").queryAs(ChoiceBox.class);

        assertThat(choice.getValue()).isEqualTo(Protocol.V2);
        assertThat(choice.getItems()).containsExactly(Protocol.V2, Protocol.V1);
        assertThat(robot.lookup("#secretStatus").queryLabeled().getText())
                .isEqualTo("Signing with the v2 client secret from the test server. Client key id \"test-client\";"
                        + " 1 pinned server key from the test server.");
    }

    @Test
    void demoKeyActivatesWithEveryV2StepPassed() throws Exception {
        window.pasteKey(DemoKeys.KEYS.get(0)).activateAndWait();

        assertThat(window.banner().getText()).startsWith("Activated. ");
        assertThat(window.banner().getStyleClass()).contains("banner-activated");
        List<TraceStep> rows = window.rows();
        assertThat(rows).extracting(TraceStep::id).containsExactlyElementsOf(V2_STEPS);
        for (TraceStep row : rows) {
            assertThat(row.outcome()).as("outcome of %s", row.id()).isEqualTo(StepOutcome.PASSED);
        }
        List<String> rendered = window.renderedRows();
        assertThat(rendered).hasSize(V2_STEPS.size());
        assertThat(rendered.get(3)).startsWith("PASS Check the signature algorithm: ");
        assertThat(rendered.get(4)).startsWith("PASS Check the server key is pinned: ");
        assertThat(rendered.get(6)).startsWith("PASS Check the reply is for this request: ");
    }

    @Test
    void detailPaneShowsBothJwsMessages() throws Exception {
        window.pasteKey(DemoKeys.KEYS.get(0)).activateAndWait();
        VerificationTrace trace = model.traceProperty().get();
        String kid = server.jwks().keys().stream().map(ServerPublicKey::thumbprint).findFirst().orElseThrow();

        String exchange = window.exchangeDetails();

        String request = exchange.substring(0, exchange.indexOf("\nREPLY, "));
        String reply = exchange.substring(exchange.indexOf("\nREPLY, "));
        assertThat(request).startsWith("REQUEST, as sent\nJWS header:\n{\n  \"alg\": \"HS256\",\n"
                + "  \"typ\": \"goodtalk-request+jwt\",\n  \"kid\": \"test-client\"\n}\n")
                .contains("Payload:\n{\n  \"op\": \"activate\",\n")
                .contains("  \"key\": \"" + DemoKeys.KEYS.get(0) + "\",\n")
                .contains("  \"machine\": \"" + TestClients.machine(TestClients.MACHINE_ID) + "\",\n")
                .contains("  \"app\": \"" + AppVersion.appClaim() + "\",\n")
                .contains("Signature:\n" + signature(trace, StepId.SIGN_REQUEST) + "\n");
        assertThat(reply).startsWith("\nREPLY, signature verified\nJWS header:\n{\n  \"alg\": \"EdDSA\",\n"
                + "  \"typ\": \"goodtalk-reply+jwt\",\n  \"kid\": \"" + kid + "\"\n}\n")
                .contains("  \"status\": \"activated\",\n")
                .contains("  \"req_jti\": \"" + trace.step(StepId.SIGN_REQUEST).orElseThrow().values().get("jti"))
                .contains("Signature:\n" + signature(trace, StepId.PARSE_REPLY) + "\n")
                .containsPattern("\nClock offset: [+-]?\\d+ s \\(");
    }

    @Test
    void detailTextIsSelectable() throws Exception {
        window.pasteKey(DemoKeys.KEYS.get(0)).activateAndWait();
        window.detailsOf(StepId.CHECK_KEY_ID);

        TextArea exchange = window.exchangeArea();
        TextArea step = window.stepArea();
        window.interact(() -> {
            exchange.selectAll();
            step.selectAll();
        });

        assertThat(exchange.isEditable()).isFalse();
        assertThat(exchange.getSelectedText()).isEqualTo(exchange.getText()).contains("\"alg\": \"EdDSA\"");
        assertThat(step.isEditable()).isFalse();
        assertThat(step.getSelectedText()).startsWith("Check the server key is pinned (check_key_id): passed");
    }

    @Test
    void unknownKeyRejectedAsKeyInvalid() throws Exception {
        window.pasteKey("AAAAA-BBBBB-CCCCC-DDDD-EEEEE").activateAndWait();

        assertThat(window.banner().getText()).startsWith("Rejected by the server: key_invalid. ");
        assertThat(window.banner().getStyleClass()).contains("banner-rejected");
        List<TraceStep> rows = window.rows();
        assertThat(rows).extracting(TraceStep::id).containsExactlyElementsOf(V2_STEPS);
        assertThat(rows.subList(0, 8)).as("a v2 rejection is signed, so every check of it passes")
                .extracting(TraceStep::outcome).containsOnly(StepOutcome.PASSED);
        assertThat(rows.get(8).outcome()).isEqualTo(StepOutcome.FAILED);
        assertThat(rows.get(8).summary()).contains("key_invalid");
        assertThat(window.exchangeDetails()).contains("\"status\": \"key_invalid\"");
    }

    @Test
    void takenSeatReadsAsSeatLimit() throws Exception {
        // The server gives each key one seat, and another machine takes the only seat of this key first.
        V2Settings otherMachine = new V2Settings(server.clientKeyId(),
                new ConfiguredSecret(server.clientSecret(), "the test server", SecretSource.V2_CLIENT),
                new TrustedKeys(server.jwks(), "the test server"), TestClients.machine("ffffffffffffffffffffffffffffffff"),
                AppVersion.appClaim());
        V2Client other = otherMachine.client(server.baseUri(), V2Client.DEFAULT_TIMEOUT);
        assertThat(other.activate(DemoKeys.KEYS.get(2)).verdict().isActivated()).isTrue();

        window.pasteKey(DemoKeys.KEYS.get(2)).activateAndWait();

        assertThat(window.banner().getText()).startsWith("Rejected by the server: seat_limit_reached. ")
                .doesNotContain("(seat_limit_reached)");
        assertThat(window.banner().getStyleClass()).contains("banner-rejected");
    }

    @Test
    void v1ChoiceStillActivates() throws Exception {
        window.chooseProtocol(Protocol.V1).pasteKey(DemoKeys.KEYS.get(1)).activateAndWait();

        assertThat(model.protocolProperty().get()).isEqualTo(Protocol.V1);
        assertThat(model.traceProperty().get().protocol()).isEqualTo("v1");
        assertThat(window.banner().getText()).startsWith("Activated. ");
        assertThat(window.rows()).extracting(TraceStep::id).containsExactlyElementsOf(V1_STEPS);
        assertThat(window.rows()).extracting(TraceStep::outcome).containsOnly(StepOutcome.PASSED);
        assertThat(window.exchangeDetails()).startsWith("REQUEST, as sent\n{\n  \"key\": \"" + DemoKeys.KEYS.get(1));
    }
}
