package com.goodtalk.server.tamper.v2;

import static com.goodtalk.server.tamper.v2.V2Tampering.KEY;
import static com.goodtalk.server.tamper.v2.V2Tampering.assertRejected;
import static com.goodtalk.server.tamper.v2.V2Tampering.onlyExchange;
import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.v2.V2Status;
import com.goodtalk.server.testing.RunningServer;
import com.goodtalk.testkit.TamperingProxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests signed too long before or after the server's time, as a man in the middle who held
 * a request back would deliver it. The server runs on a fixed clock, so its time in the
 * {@code stale_request} message is known to the second.
 */
class V2FreshnessTest {

    private static final Instant SERVER_TIME = Instant.ofEpochSecond(1_750_000_000L);

    @RegisterExtension
    static final RunningServer server = RunningServer.builder()
            .clock(Clock.fixed(SERVER_TIME, ZoneOffset.UTC))
            .build();

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

    /** Returns the real client, with its clock {@code offsetSeconds} away from the server's. */
    private static V2Client clientOffsetBy(long offsetSeconds) {
        Clock clock = Clock.fixed(SERVER_TIME.plusSeconds(offsetSeconds), ZoneOffset.UTC);
        return V2Tampering.clientBuilder(proxy.baseUri(), server).clock(clock).build();
    }

    @ParameterizedTest(name = "request signed {0} s from server time -> stale_request")
    @ValueSource(longs = {-600, 600, -301, 301})
    void requestOutsideSkewIsStale(long offsetSeconds) {
        VerificationTrace trace = clientOffsetBy(offsetSeconds).activate(KEY);

        String attack = "request signed " + offsetSeconds + " s from server time";
        SignedServerReply reply = V2Tampering.assertServerReplied(onlyExchange(proxy), server.jwks(),
                V2Status.STALE_REQUEST, attack);
        assertThat(reply.issuedAt()).as("server time in the reply").isEqualTo(SERVER_TIME.getEpochSecond());
        assertThat(reply.message()).as("stale_request message names the server time")
                .containsAnyOf(SERVER_TIME.toString(), Long.toString(SERVER_TIME.getEpochSecond()));
        assertThat(reply.message()).as("stale_request message names the allowed skew").contains("300");
        assertThat(reply.requestJti()).as("jti of a verified but stale request").isPresent();
        assertRejected(trace, V2Status.STALE_REQUEST, attack);
        assertThat(trace.step(StepId.READ_DECISION).orElseThrow().values().get("clock offset"))
                .as("clock offset in the trace").startsWith((offsetSeconds > 0 ? "" : "+") + (-offsetSeconds) + " s");
        System.out.printf("%-45s -> %s%n", attack, reply.message());
    }

    @ParameterizedTest(name = "request signed {0} s from server time -> accepted")
    @ValueSource(longs = {-300, 0, 300})
    void requestWithinSkewIsAccepted(long offsetSeconds) {
        VerificationTrace trace = clientOffsetBy(offsetSeconds).activate(KEY);

        assertThat(trace.verdict().kind()).as(trace.toJson()).isEqualTo(Verdict.Kind.ACTIVATED);
    }
}
