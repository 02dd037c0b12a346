package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window with v2 pinning a key that the server does not sign with, as after a key swap by an attacker. */
@ExtendWith(ApplicationExtension.class)
class ActivationWindowUnpinnedKeyTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private static final JsonWebKeySet OTHER_KEY = JsonWebKeySet.of(ServerSigningKey.generate().publicKey());

    private ActivationViewModel model;

    @Start
    void start(Stage stage) {
        model = new ActivationViewModel(TestClients.options(server, OTHER_KEY), Protocol.V2,
                server.baseUri().toString(), ActivationViewModel.daemonThreads());
        ActivationWindow.show(stage, model);
    }

    @Test
    void unpinnedServerKeyFailsKeyIdCheck(FxRobot robot) throws Exception {
        WindowDriver window = new WindowDriver(robot, model).pasteKey(DemoKeys.KEYS.get(0)).activateAndWait();

        List<TraceStep> rows = window.rows();
        assertThat(rows.subList(0, 4)).extracting(TraceStep::outcome).containsOnly(StepOutcome.PASSED);
        TraceStep keyId = rows.get(4);
        assertThat(keyId.id()).isEqualTo(StepId.CHECK_KEY_ID);
        assertThat(keyId.outcome()).isEqualTo(StepOutcome.FAILED);
        assertThat(rows.subList(5, rows.size())).extracting(TraceStep::outcome).containsOnly(StepOutcome.SKIPPED);
        assertThat(window.banner().getText())
                .startsWith("Verification failed at the step \"Check the server key is pinned\".");
        assertThat(window.detailsOf(StepId.CHECK_KEY_ID))
                .contains(server.jwks().keys().get(0).thumbprint())
                .contains("pinned keys: " + OTHER_KEY.keys().get(0).thumbprint());
    }
}
