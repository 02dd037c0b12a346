package com.goodtalk.server.v2;

import static com.goodtalk.server.v2.V2Fixtures.assertRejected;
import static com.goodtalk.server.v2.V2Fixtures.assertSucceeded;
import static com.goodtalk.server.v2.V2Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.StartupKeys;
import com.goodtalk.server.testing.RunningServer;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Activates, validates and deactivates keys with the real {@code V2Client} against a real server,
 * pinned to the server's published keys, and checks the seat rules: 3 seats per key, the same
 * machine takes no second seat, and deactivating frees one. Each test uses its own key, because
 * seats last as long as the server.
 */
class V2EndToEndTest {

    private static final List<String> KEYS = List.of(ProductKeys.generate(), ProductKeys.generate(),
            ProductKeys.generate(), ProductKeys.generate(), ProductKeys.generate(), DemoKeys.KEYS.get(1));

    @RegisterExtension
    static final RunningServer server = RunningServer.builder().productKeys(KEYS).seatsPerKey(3).build();

    @Test
    void activateValidateDeactivateAllVerified() {
        String key = KEYS.get(0);
        String machine = V2Fixtures.machine();
        V2Client client = V2Fixtures.client(server, machine);

        VerificationTrace activated = client.activate(key);
        VerificationTrace validated = client.validate(key);
        VerificationTrace deactivated = client.deactivate(key);

        assertSucceeded(activated, Verdict.Kind.ACTIVATED);
        assertThat(value(activated, StepId.READ_DECISION, "status")).isEqualTo("activated");
        assertThat(value(activated, StepId.READ_DECISION, "seats")).isEqualTo("1 of 3 used");
        assertThat(value(activated, StepId.READ_DECISION, "licensed machine")).isEqualTo(machine);
        assertThat(value(activated, StepId.READ_DECISION, "product")).isEqualTo(StartupKeys.DEFAULT_PRODUCT);
        assertThat(value(activated, StepId.READ_DECISION, "expires")).isEqualTo("never");
        assertSucceeded(validated, Verdict.Kind.ACTIVATED);
        assertThat(value(validated, StepId.READ_DECISION, "status")).isEqualTo("valid");
        assertThat(value(validated, StepId.READ_DECISION, "seats")).isEqualTo("1 of 3 used");
        assertSucceeded(deactivated, Verdict.Kind.DEACTIVATED);
        assertThat(value(deactivated, StepId.READ_DECISION, "status")).isEqualTo("deactivated");
    }

    @Test
    void validateAfterDeactivateIsNotActivated() {
        String key = KEYS.get(1);
        V2Client client = V2Fixtures.client(server, V2Fixtures.machine());
        assertSucceeded(client.activate(key), Verdict.Kind.ACTIVATED);
        assertSucceeded(client.deactivate(key), Verdict.Kind.DEACTIVATED);

        assertRejected(client.validate(key), "not_activated");
        assertRejected(client.deactivate(key), "not_activated");
    }

    @Test
    void fourthMachineGetsSeatLimitReached() {
        String key = KEYS.get(2);
        for (int seat = 1; seat <= 3; seat++) {
            VerificationTrace trace = V2Fixtures.client(server, V2Fixtures.machine()).activate(key);
            assertSucceeded(trace, Verdict.Kind.ACTIVATED);
            assertThat(value(trace, StepId.READ_DECISION, "seats")).isEqualTo(seat + " of 3 used");
        }

        VerificationTrace fourth = V2Fixtures.client(server, V2Fixtures.machine()).activate(key);

        assertRejected(fourth, "seat_limit_reached");
        assertThat(fourth.verdict().message()).contains("All 3 seats").doesNotContain(key);
        assertThat(value(fourth, StepId.READ_DECISION, "HTTP status")).isEqualTo("403");
    }

    @Test
    void sameMachineAgainTakesNoSeat() {
        String key = KEYS.get(3);
        String machine = V2Fixtures.machine();
        assertSucceeded(V2Fixtures.client(server, machine).activate(key), Verdict.Kind.ACTIVATED);
        assertSucceeded(V2Fixtures.client(server, V2Fixtures.machine()).activate(key), Verdict.Kind.ACTIVATED);

        VerificationTrace again = V2Fixtures.client(server, machine).activate(key);
        VerificationTrace third = V2Fixtures.client(server, V2Fixtures.machine()).activate(key);

        assertSucceeded(again, Verdict.Kind.ACTIVATED);
        assertThat(value(again, StepId.READ_DECISION, "seats")).isEqualTo("2 of 3 used");
        assertSucceeded(third, Verdict.Kind.ACTIVATED);
        assertThat(value(third, StepId.READ_DECISION, "seats")).isEqualTo("3 of 3 used");
    }

    @Test
    void deactivateFreesSeatForAnotherMachine() {
        String key = KEYS.get(4);
        V2Client first = V2Fixtures.client(server, V2Fixtures.machine());
        assertSucceeded(first.activate(key), Verdict.Kind.ACTIVATED);
        assertSucceeded(V2Fixtures.client(server, V2Fixtures.machine()).activate(key), Verdict.Kind.ACTIVATED);
        assertSucceeded(V2Fixtures.client(server, V2Fixtures.machine()).activate(key), Verdict.Kind.ACTIVATED);
        V2Client waiting = V2Fixtures.client(server, V2Fixtures.machine());
        assertRejected(waiting.activate(key), "seat_limit_reached");

        assertSucceeded(first.deactivate(key), Verdict.Kind.DEACTIVATED);
        VerificationTrace admitted = waiting.activate(key);

        assertSucceeded(admitted, Verdict.Kind.ACTIVATED);
        assertThat(value(admitted, StepId.READ_DECISION, "seats")).isEqualTo("3 of 3 used");
        assertRejected(first.validate(key), "not_activated");
    }

    @Test
    void keyIsNormalizedBeforeLookup() {
        String key = KEYS.get(0);
        String typed = " " + key.toLowerCase(Locale.ROOT).replace('-', '\u2013') + " ";
        V2Client client = V2Fixtures.client(server, V2Fixtures.machine());

        VerificationTrace trace = client.validate(typed);

        assertRejected(trace, "not_activated");
        assertThat(trace.verdict().message()).as("the key was found, not key_invalid").contains("holds no seat");
    }

    @Test
    void legacyDemoKeyActivates() {
        VerificationTrace trace = V2Fixtures.client(server, V2Fixtures.machine()).activate(KEYS.get(5));

        assertSucceeded(trace, Verdict.Kind.ACTIVATED);
    }
}
