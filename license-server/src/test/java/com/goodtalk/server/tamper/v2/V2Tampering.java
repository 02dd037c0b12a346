package com.goodtalk.server.tamper.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.machine.MachineFingerprint;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2Status;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import com.goodtalk.testkit.Exchange;
import com.goodtalk.testkit.ProxiedReply;
import com.goodtalk.testkit.TamperingProxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Keys, clients and checks shared by the v2 tamper tests. */
final class V2Tampering {

    /** A demo key the test server accepts, the first of {@link DemoKeys#KEYS}. */
    static final String KEY = "APENL-4N9L1-2KA9D-3JX0-44LSK";

    /** Another demo key the test server accepts, so swapping keys alone is not a rejection reason. */
    static final String OTHER_KEY = "F423J-JS0AW-345JD-AA05K-NMF09";

    /** A well-formed key the test server does not know. */
    static final String UNKNOWN_KEY = "ZZZZZ-ZZZZZ-ZZZZZ-ZZZZ-ZZZZZ";

    /** The machine fingerprint the test client sends. */
    static final String MACHINE = fingerprint("tamper test machine");

    /** The app name the test client sends. */
    static final String APP = "GoodTalk tamper test 0.1";

    /** The claims of every v2 request, in wire order. */
    static final List<String> REQUEST_CLAIMS = List.of("op", "key", "machine", "app", "jti", "iat");

    private V2Tampering() {
    }

    /**
     * Returns a well-formed machine fingerprint made from {@code name}: {@code mf1:} followed by
     * 43 base64url characters, here the SHA-256 of the name.
     */
    static String fingerprint(String name) {
        return MachineFingerprint.SCHEME + ":" + V2Protocol.requestHash(name.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns a builder of the real v2 client for {@code server}, pinned to its JWKS, sending to {@code base}. */
    static V2Client.Builder clientBuilder(URI base, RunningServer server) {
        return V2Client.builder()
                .server(base)
                .clientKeyId(server.clientKeyId())
                .clientSecret(server.clientSecret())
                .pinnedKeys(server.jwks())
                .machine(MACHINE)
                .app(APP);
    }

    /** Returns the real v2 client, pointed at the proxy instead of the server. */
    static V2Client clientThrough(TamperingProxy proxy, RunningServer server) {
        return clientBuilder(proxy.baseUri(), server).build();
    }

    /** Returns the single exchange the proxy recorded since its last reset. */
    static Exchange onlyExchange(TamperingProxy proxy) {
        List<Exchange> exchanges = proxy.exchanges();
        assertThat(exchanges).as("exchanges through the proxy").hasSize(1);
        return exchanges.get(0);
    }

    /**
     * Checks that the server replied to the forwarded request of {@code exchange} with a reply
     * signed by a pinned key, with status {@code expected}, bound by {@code req} to the bytes the
     * server received, and returns that reply.
     */
    static SignedServerReply assertServerReplied(Exchange exchange, JsonWebKeySet pinned, V2Status expected,
                                                 String attack) {
        ProxiedReply upstream = exchange.upstreamReply().orElseThrow(() -> new AssertionError(
                "The proxy got no reply from the server after " + attack + ": " + exchange.reply().bodyText()));
        SignedServerReply reply = SignedServerReply.verify(upstream, pinned);
        byte[] received = exchange.forwardedRequest().orElseThrow().body();
        assertThat(reply.status()).as("server status after %s: %s", attack, reply.message())
                .isEqualTo(expected.word());
        assertThat(reply.requestHash()).as("req of the server's reply after %s", attack)
                .isEqualTo(V2Protocol.requestHash(received));
        return reply;
    }

    /**
     * Checks the client's view of a request that a man in the middle changed: the server's reply
     * is genuine, so its signature verifies, but it is bound to the changed bytes, so
     * {@code check_request_hash} fails and the client never reads the server's status.
     */
    static void assertClientSawChangedRequest(VerificationTrace trace, String attack) {
        assertCaughtAt(trace, StepId.CHECK_REQUEST_HASH, attack);
    }

    /**
     * Checks that the client caught the attack at {@code expectedStep}: the verdict is a
     * verification failure that names that step, every earlier step passed and every later one
     * was skipped. The assertion messages name {@code attack}.
     */
    static void assertCaughtAt(VerificationTrace trace, String expectedStep, String attack) {
        Verdict verdict = trace.verdict();
        String context = attack + "\n" + trace.toJson();
        assertThat(verdict.kind()).as("verdict kind after %s", context).isEqualTo(Verdict.Kind.VERIFICATION_FAILED);
        assertThat(verdict.failedStepId()).as("failed step after %s", context).hasValue(expectedStep);

        boolean reached = false;
        for (TraceStep step : trace.steps()) {
            StepOutcome expected = reached ? StepOutcome.SKIPPED
                    : step.id().equals(expectedStep) ? StepOutcome.FAILED : StepOutcome.PASSED;
            assertThat(step.outcome()).as("outcome of step %s after %s", step.id(), context).isEqualTo(expected);
            reached |= step.id().equals(expectedStep);
        }
        assertThat(reached).as("step %s in the trace after %s", expectedStep, context).isTrue();
    }

    /** Checks that the client verified the whole reply and shows the server's rejection {@code reason}. */
    static void assertRejected(VerificationTrace trace, V2Status reason, String attack) {
        String context = attack + "\n" + trace.toJson();
        assertThat(trace.verdict().kind()).as("verdict kind after %s", context).isEqualTo(Verdict.Kind.REJECTED);
        assertThat(trace.verdict().serverReason()).as("server reason after %s", context).hasValue(reason.word());
        for (TraceStep step : trace.steps()) {
            StepOutcome expected = step.id().equals(StepId.READ_DECISION) ? StepOutcome.FAILED : StepOutcome.PASSED;
            assertThat(step.outcome()).as("outcome of step %s after %s", step.id(), context).isEqualTo(expected);
        }
    }
}
