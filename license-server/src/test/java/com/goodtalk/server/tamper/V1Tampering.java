package com.goodtalk.server.tamper;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.protocol.client.V1Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v1.V1Request;
import com.goodtalk.testkit.BodyEdit;
import com.goodtalk.testkit.Exchange;
import com.goodtalk.testkit.JsonEdits;
import com.goodtalk.testkit.TamperingProxy;
import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Keys, secrets and checks shared by the v1 tamper tests. */
final class V1Tampering {

    /** A demo key the test server accepts. */
    static final String KEY = "APENL-4N9L1-2KA9D-3JX0-44LSK";

    /** Another demo key the test server accepts, so swapping keys alone is not a rejection reason. */
    static final String OTHER_KEY = "F423J-JS0AW-345JD-AA05K-NMF09";

    /** A well-formed key the test server does not know. */
    static final String UNKNOWN_KEY = "ZZZZZ-ZZZZZ-ZZZZZ-ZZZZ-ZZZZZ";

    /** A client version the test server does not accept. */
    static final String OTHER_VERSION = "0.0.2";

    /** The names of a signed v1 reply's members, in wire order. */
    static final List<String> REPLY_MEMBERS = List.of("key", "nonce", "version", "hmac", "serverNonce", "serverSignature");

    /** The names of a v1 request's members, in wire order. */
    static final List<String> REQUEST_MEMBERS = List.of("key", "nonce", "version", "hmac");

    private V1Tampering() {
    }

    /** Returns a fresh random 32-byte secret that the test server does not use: an attacker's secret. */
    static Secret wrongSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Secret.ofBytes(bytes);
    }

    /** Returns the real v1 client, pointed at the proxy instead of the server. */
    static V1Client clientThrough(TamperingProxy proxy, Secret secret) {
        return V1Client.builder().server(proxy.baseUri()).secret(secret).build();
    }

    /** Returns the single exchange the proxy recorded since its last reset. */
    static Exchange onlyExchange(TamperingProxy proxy) {
        List<Exchange> exchanges = proxy.exchanges();
        assertThat(exchanges).as("exchanges through the proxy").hasSize(1);
        return exchanges.get(0);
    }

    /**
     * Returns an edit that parses the v1 request body and sets {@code member} to the value that
     * {@code newValue} computes from it, for edits that depend on the request, such as a MAC.
     */
    static BodyEdit setFromRequest(String member, Function<V1Request, String> newValue) {
        return body -> {
            V1Request request;
            try {
                request = V1Protocol.parseRequest(body);
            } catch (MalformedMessageException e) {
                throw new IllegalArgumentException("The request body is not a v1 request: " + e.getMessage(), e);
            }
            return JsonEdits.set(member, newValue.apply(request)).apply(body);
        };
    }

    /** Returns the string value of {@code member} in a JSON object body, or empty if the member is missing. */
    static Optional<String> member(byte[] body, String member) {
        try {
            JsonNode value = StrictJson.parseObject(body).get(member);
            return Optional.ofNullable(value).map(JsonNode::asText);
        } catch (MalformedMessageException e) {
            throw new AssertionError("The body is not a JSON object: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that the client caught the attack at {@code expectedStep}: the verdict is a
     * verification failure that names that step, every earlier step passed and every later
     * one was skipped. The assertion messages name {@code attack}.
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
}
