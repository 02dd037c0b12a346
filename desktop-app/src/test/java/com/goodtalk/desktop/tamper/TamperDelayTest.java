package com.goodtalk.desktop.tamper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.goodtalk.desktop.Protocol;
import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link Attack#DELAY_REQUEST} against a server that allows only 2 s of clock skew, with a delay
 * just above it, so the test takes seconds rather than the default five minutes.
 */
class TamperDelayTest {

    private static final Duration SKEW = Duration.ofSeconds(2);
    private static final Duration DELAY = SKEW.plusSeconds(1);

    @RegisterExtension
    static final RunningServer server = RunningServer.builder().skew(SKEW).build();

    private static TamperResult run(Protocol protocol, List<String> progress) {
        TamperDemo demo = new TamperDemo(Attack.DELAY_REQUEST, DELAY);
        Duration timeout = demo.clientTimeout(Duration.ofSeconds(5));
        return demo.run(server.baseUri(), protocol,
                proxy -> DemoClients.client(server, protocol, proxy, timeout).activate(DemoKeys.KEYS.get(2)),
                progress::add);
    }

    @Test
    void delayedV2RequestIsRejectedAsStale() {
        List<String> progress = new ArrayList<>();

        TamperResult result = run(Protocol.V2, progress);

        assertThat(result.trace().verdict().kind()).as("verdict: %s", result.trace().verdict())
                .isEqualTo(Verdict.Kind.REJECTED);
        assertThat(result.trace().verdict().serverReason()).contains("stale_request");
        assertThat(result.caughtBy()).isEqualTo(Attack.DELAY_REQUEST.catchingStep(Protocol.V2))
                .contains(StepId.READ_DECISION);
        assertThat(progress).containsExactly("The tamper proxy is holding the request for 3 s before it forwards it"
                + " to the server.");
        assertThat(result.actions()).startsWith("Held the request for 3 s, then forwarded it to the server unchanged.");
        assertThat(result.verdictText()).startsWith("The server caught it (stale_request)");
    }

    @Test
    void delayedV1RequestIsAccepted() {
        TamperResult result = run(Protocol.V1, new ArrayList<>());

        assertThat(result.trace().verdict().isActivated()).as("verdict: %s", result.trace().verdict()).isTrue();
        assertThat(result.tampered()).isTrue();
        assertThat(result.caughtBy()).isEmpty().isEqualTo(Attack.DELAY_REQUEST.catchingStep(Protocol.V1));
        assertThat(result.verdictText()).isEqualTo("No step caught it: v1 requests carry no time, so the server"
                + " accepted the late request. Protocol v2 rejects it as stale_request.");
    }

    @Test
    void delayWithinSkewSaysHowToFix() {
        TamperDemo demo = new TamperDemo(Attack.DELAY_REQUEST, Duration.ofSeconds(1));

        TamperResult result = demo.run(server.baseUri(), Protocol.V2, proxy -> DemoClients.client(server, Protocol.V2,
                proxy, demo.clientTimeout(Duration.ofSeconds(5))).activate(DemoKeys.KEYS.get(2)), message -> { });

        assertThat(result.trace().verdict().isActivated()).as("verdict: %s", result.trace().verdict()).isTrue();
        assertThat(result.caughtBy()).isEmpty();
        assertThat(result.verdictText()).isEqualTo("No step caught it: the server accepted the late request, so the"
                + " delay was within its allowed clock skew. Set the delay above the skew, such as --tamper-delay"
                + " 305s for the default 300 s.");
    }

    @Test
    void cancelEndsHeldRequest() throws Exception {
        TamperDemo demo = new TamperDemo(Attack.DELAY_REQUEST, Duration.ofMinutes(10));
        List<String> progress = new CopyOnWriteArrayList<>();
        CompletableFuture<TamperResult> running = CompletableFuture
                .supplyAsync(() -> demo.run(server.baseUri(), Protocol.V2, proxy -> DemoClients.client(server,
                        Protocol.V2, proxy, demo.clientTimeout(Duration.ofSeconds(5))).activate(DemoKeys.KEYS.get(2)),
                        progress::add));
        await().atMost(Duration.ofSeconds(20)).until(() -> !progress.isEmpty());

        demo.cancel();

        TamperResult result = running.get(30, TimeUnit.SECONDS);
        assertThat(result.trace().verdict().kind()).isIn(Verdict.Kind.UNREACHABLE, Verdict.Kind.VERIFICATION_FAILED);
        assertThat(result.trace().verdict().failedStepId()).contains(StepId.SEND_REQUEST);
    }
}
