package com.goodtalk.server.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.machine.MachineFingerprint;
import com.goodtalk.server.testing.RunningServer;
import java.time.Clock;

/** Clients, machines and trace checks shared by the v2 server tests. */
final class V2Fixtures {

    /** The {@code app} claim of the test clients. */
    static final String APP = "GoodTalk server tests 1.0";

    private V2Fixtures() {
    }

    /** Returns a fresh well-formed machine fingerprint: {@code mf1:} and 32 random bytes in base64url. */
    static String machine() {
        String machine = MachineFingerprint.SCHEME + ":" + Nonces.randomUrlSafe(32);
        assertThat(MachineFingerprint.isWellFormed(machine)).as(machine).isTrue();
        return machine;
    }

    /** Returns a client of {@code server} on {@code machine}, pinned to the server's published keys. */
    static V2Client client(RunningServer server, String machine) {
        return builder(server, machine).build();
    }

    /** Returns a client builder with everything set from {@code server}, so a test can change one thing. */
    static V2Client.Builder builder(RunningServer server, String machine) {
        return V2Client.builder()
                .server(server.baseUri())
                .clientKeyId(server.clientKeyId())
                .clientSecret(server.clientSecret())
                .pinnedKeys(server.jwks())
                .machine(machine)
                .app(APP)
                .clock(Clock.systemUTC());
    }

    /** Checks that every step of the trace passed and the verdict is {@code kind}. */
    static void assertSucceeded(VerificationTrace trace, Verdict.Kind kind) {
        assertThat(trace.verdict().kind()).as(trace.toJson()).isEqualTo(kind);
        for (TraceStep step : trace.steps()) {
            assertThat(step.outcome()).as("step " + step.id() + ": " + step.summary()).isEqualTo(StepOutcome.PASSED);
        }
    }

    /**
     * Checks that the server rejected the request with {@code status} in a reply the client
     * verified: every step before {@code read_decision} passed, and only that one failed.
     */
    static void assertRejected(VerificationTrace trace, String status) {
        assertThat(trace.verdict().kind()).as(trace.toJson()).isEqualTo(Verdict.Kind.REJECTED);
        assertThat(trace.verdict().serverReason()).as("server reason").hasValue(status);
        for (TraceStep step : trace.steps()) {
            StepOutcome expected = step.id().equals(StepId.READ_DECISION) ? StepOutcome.FAILED : StepOutcome.PASSED;
            assertThat(step.outcome()).as("step " + step.id() + ": " + step.summary()).isEqualTo(expected);
        }
    }

    /** Returns the value {@code name} that the trace step {@code stepId} recorded. */
    static String value(VerificationTrace trace, String stepId, String name) {
        TraceStep step = trace.step(stepId).orElseThrow(() -> new AssertionError("no step " + stepId));
        String value = step.values().get(name);
        assertThat(value).as(stepId + " value " + name + " in " + step.values().keySet()).isNotNull();
        return value;
    }
}
