package com.goodtalk.server.tamper;

import static com.goodtalk.server.tamper.V1Tampering.KEY;
import static com.goodtalk.server.tamper.V1Tampering.OTHER_KEY;
import static com.goodtalk.server.tamper.V1Tampering.assertCaughtAt;
import static com.goodtalk.server.tamper.V1Tampering.clientThrough;
import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.V1Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.server.testing.RunningServer;
import com.goodtalk.testkit.Exchange;
import com.goodtalk.testkit.TamperingProxy;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A man in the middle records a genuine, correctly signed activation and replays it to a later
 * request. The signature still verifies, so only the echo check can catch it: the old reply
 * echoes the old request's nonce and HMAC.
 */
class V1ReplayTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private static TamperingProxy proxy;

    @BeforeAll
    static void startProxy() {
        proxy = TamperingProxy.start(server.baseUri());
    }

    @AfterAll
    static void stopProxy() {
        proxy.close();
    }

    @AfterEach
    void resetProxy() {
        proxy.reset();
    }

    @ParameterizedTest(name = "old reply replayed to a later request for {0} -> check_echo")
    @ValueSource(strings = {KEY, OTHER_KEY})
    void replayedReplyFailsEcho(String laterKey) {
        V1Client client = clientThrough(proxy, server.secret());
        VerificationTrace first = client.activate(KEY);
        assertThat(first.verdict().kind()).as(first.toJson()).isEqualTo(Verdict.Kind.ACTIVATED);
        proxy.replayReplies();

        VerificationTrace replayed = client.activate(laterKey);

        List<Exchange> exchanges = proxy.exchanges();
        assertThat(exchanges).hasSize(2);
        assertThat(exchanges.get(1).forwardedRequest()).as("the later request reached the server").isEmpty();
        assertThat(exchanges.get(1).reply().body()).isEqualTo(exchanges.get(0).reply().body());
        String attack = "old reply replayed to a later request for " + (laterKey.equals(KEY) ? "the same key" : "another key");
        assertThat(replayed.step(StepId.VERIFY_SIGNATURE).orElseThrow().failed())
                .as("signature check of the genuine old reply").isFalse();
        assertCaughtAt(replayed, StepId.CHECK_ECHO, attack);
        assertThat(replayed.verdict().message()).as(attack).contains("different nonce");
        System.out.printf("%-70s -> %s%n", attack, replayed.verdict());
    }
}
