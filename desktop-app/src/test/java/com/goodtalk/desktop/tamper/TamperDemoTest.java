package com.goodtalk.desktop.tamper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goodtalk.desktop.Protocol;
import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each attack of the tamper demonstration against a real license server, with both protocols.
 * The step that fails must be the one {@link Attack#catchingStep} names, so the descriptions the
 * window and the command line show are the checks' real behaviour.
 */
class TamperDemoTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private static final String KEY = DemoKeys.KEYS.get(1);
    private static final String UNKNOWN_KEY = "AAAAA-BBBBB-CCCCC-DDDD-EEEEE";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    static List<Arguments> replyAttacks() {
        List<Arguments> cases = new ArrayList<>();
        for (Protocol protocol : Protocol.values()) {
            for (Attack attack : Attack.values()) {
                if (attack != Attack.DELAY_REQUEST) {
                    cases.add(Arguments.of(attack, protocol));
                }
            }
        }
        return cases;
    }

    private static TamperResult run(Attack attack, Protocol protocol, String key) {
        return new TamperDemo(attack, TamperDemo.DEFAULT_DELAY).run(server.baseUri(), protocol,
                proxy -> DemoClients.client(server, protocol, proxy, TIMEOUT).activate(key), message -> { });
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("replyAttacks")
    void attackFailsAtDescribedStep(Attack attack, Protocol protocol) {
        String key = attack == Attack.FORGE_SUCCESS ? UNKNOWN_KEY : KEY;

        TamperResult result = run(attack, protocol, key);

        assertThat(result.tampered()).as("the proxy changed the reply: %s", result.actions()).isTrue();
        assertThat(result.trace().verdict().kind()).as("verdict: %s", result.trace().verdict())
                .isEqualTo(Verdict.Kind.VERIFICATION_FAILED);
        assertThat(result.trace().verdict().failedStepId()).isEqualTo(attack.catchingStep(protocol));
        assertThat(result.caughtBy()).isEqualTo(attack.catchingStep(protocol));
        assertThat(result.summary()).contains("attack " + attack.word())
                .contains("(" + attack.catchingStep(protocol).orElseThrow() + ")");
    }

    @Test
    void forgeSuccessV2RewritesStatusKeepingSignature() {
        TamperResult result = run(Attack.FORGE_SUCCESS, Protocol.V2, UNKNOWN_KEY);

        assertThat(result.actions()).containsExactly("Rewrote the signed reply's status from key_invalid to activated"
                + " (and HTTP 403 to 200), keeping the server's signature.");
        assertThat(result.trace().step(StepId.SEND_REQUEST).orElseThrow().values()).containsEntry("HTTP status", "200");
    }

    @Test
    void forgeSuccessV1AnswersRejectionWithSuccess() {
        TamperResult result = run(Attack.FORGE_SUCCESS, Protocol.V1, UNKNOWN_KEY);

        assertThat(result.actions()).singleElement().asString()
                .startsWith("Replaced the server's HTTP 403 rejection {\"error\": \"key_invalid\"} with an HTTP 200");
        assertThat(result.trace().step(StepId.PARSE_REPLY).orElseThrow().outcome().name()).isEqualTo("PASSED");
    }

    @Test
    void forgeOnAcceptedKeyChangesNothing() {
        for (Protocol protocol : Protocol.values()) {
            TamperResult result = run(Attack.FORGE_SUCCESS, protocol, KEY);

            assertThat(result.tampered()).as("%s tampered", protocol).isFalse();
            assertThat(result.trace().verdict().isActivated()).as("%s activated", protocol).isTrue();
            assertThat(result.caughtBy()).as("%s caught", protocol).isEmpty();
            assertThat(result.actions()).as("%s actions", protocol).singleElement().asString()
                    .contains("no rejection to forge");
            assertThat(result.verdictText()).as("%s verdict text", protocol).startsWith("Nothing to catch: ");
        }
    }

    @Test
    void replayV2RecordsFirstExchange() {
        TamperResult result = run(Attack.REPLAY_REPLY, Protocol.V2, KEY);

        assertThat(result.actions()).hasSize(2);
        assertThat(result.actions().get(0)).startsWith("Recorded the genuine reply of a first, untampered exchange")
                .endsWith("(its verdict: activated).");
        assertThat(result.trace().step(StepId.VERIFY_SIGNATURE).orElseThrow().outcome().name())
                .as("the replayed reply is genuinely signed").isEqualTo("PASSED");
    }

    @Test
    void swapSignatureV1WithoutRecordedSignatureChangesNothing() {
        TamperResult result = run(Attack.SWAP_SIGNATURE, Protocol.V1, UNKNOWN_KEY);

        assertThat(result.tampered()).isFalse();
        assertThat(result.trace().verdict().kind()).isEqualTo(Verdict.Kind.REJECTED);
        assertThat(result.actions().get(1)).contains("had no signature to swap");
        assertThat(result.caughtBy()).isEmpty();
    }

    @Test
    void replayedV1RejectionGoesUnnoticed() {
        TamperResult result = run(Attack.REPLAY_REPLY, Protocol.V1, UNKNOWN_KEY);

        assertThat(result.tampered()).isTrue();
        assertThat(result.trace().verdict().kind()).isEqualTo(Verdict.Kind.REJECTED);
        assertThat(result.caughtBy()).isEmpty();
        assertThat(result.verdictText()).isEqualTo("No step caught it: the verdict is rejected.");
    }

    @Test
    void stripFieldV2RemovesRequestHashClaim() {
        TamperResult result = run(Attack.STRIP_FIELD, Protocol.V2, KEY);

        assertThat(result.actions()).containsExactly("Removed the req claim from the signed reply's payload,"
                + " keeping the server's signature.");
    }

    @Test
    void proxyListensOnLoopbackAndReleasesPort() {
        AtomicReference<URI> proxyUri = new AtomicReference<>();
        TamperProxy proxy = TamperProxy.start(server.baseUri(), Protocol.V2, message -> { });
        try {
            assertThat(proxy.boundAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        } finally {
            proxy.close();
        }

        new TamperDemo(Attack.STRIP_FIELD, TamperDemo.DEFAULT_DELAY).run(server.baseUri(), Protocol.V2, uri -> {
            proxyUri.set(uri);
            return DemoClients.client(server, Protocol.V2, uri, TIMEOUT).activate(KEY);
        }, message -> { });

        assertThat(proxyUri.get().getHost()).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket("127.0.0.1", proxyUri.get().getPort())) {
                socket.getInputStream();
            }
        }).as("connecting after the run").isInstanceOf(ConnectException.class);
    }

    @Test
    void nonPositiveDelayIsRejected() {
        assertThatThrownBy(() -> new TamperDemo(Attack.DELAY_REQUEST, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The tamper delay must be positive, got 0 s. Give a delay longer than the server's allowed"
                        + " clock skew, such as 305s.");
    }

    @Test
    void unknownAttackWordListsValidOnes() {
        assertThatThrownBy(() -> Attack.fromWord("flip-bits"))
                .hasMessage("The attack \"flip-bits\" is unknown. Use one of: forge-success, replay-reply,"
                        + " swap-signature, strip-field, delay-request.");
        assertThat(Attack.fromWord(" Forge-Success ")).isEqualTo(Attack.FORGE_SUCCESS);
    }
}
