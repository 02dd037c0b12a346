package com.goodtalk.server.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.protocol.v2.V2License;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The seat rules of the in-memory license service, including machines that race for the last seat. */
class InMemoryLicenseServiceTest {

    private static final String KEY = "APENL-4N9L1-2KA9D-3JX0-44LSK";

    private final InMemoryLicenseService licenses = new InMemoryLicenseService(List.of(KEY), 3, LicenseTerms.DEMO);

    @Test
    void activateTakesSeatAndShowsLicense() {
        LicenseDecision decision = licenses.activate(KEY, "machine-a");

        assertThat(decision.status()).isEqualTo(LicenseStatus.ACTIVATED);
        V2License license = decision.license().orElseThrow();
        assertThat(license.product()).isEqualTo("GoodTalk");
        assertThat(license.edition()).isEqualTo("demo");
        assertThat(license.expires()).isEmpty();
        assertThat(license.seatsUsed()).isEqualTo(1);
        assertThat(license.seatsAllowed()).isEqualTo(3);
        assertThat(license.machine()).isEqualTo("machine-a");
    }

    @Test
    void sameMachineTakesOneSeat() {
        licenses.activate(KEY, "machine-a");

        LicenseDecision again = licenses.activate(KEY, "machine-a");

        assertThat(again.status()).isEqualTo(LicenseStatus.ACTIVATED);
        assertThat(again.license().orElseThrow().seatsUsed()).isEqualTo(1);
        assertThat(again.message()).contains("already holds a seat");
    }

    @Test
    void fourthMachineIsRejected() {
        licenses.activate(KEY, "machine-a");
        licenses.activate(KEY, "machine-b");
        licenses.activate(KEY, "machine-c");

        LicenseDecision fourth = licenses.activate(KEY, "machine-d");

        assertThat(fourth.status()).isEqualTo(LicenseStatus.SEAT_LIMIT_REACHED);
        assertThat(fourth.license()).isEmpty();
        assertThat(fourth.message()).contains("All 3 seats").contains("APENL-****").doesNotContain(KEY);
    }

    @Test
    void deactivateFreesSeat() {
        licenses.activate(KEY, "machine-a");
        licenses.activate(KEY, "machine-b");
        licenses.activate(KEY, "machine-c");

        LicenseDecision freed = licenses.deactivate(KEY, "machine-b");
        LicenseDecision admitted = licenses.activate(KEY, "machine-d");

        assertThat(freed.status()).isEqualTo(LicenseStatus.DEACTIVATED);
        assertThat(freed.message()).contains("2 of 3 seats");
        assertThat(admitted.status()).isEqualTo(LicenseStatus.ACTIVATED);
        assertThat(licenses.validate(KEY, "machine-b").status()).isEqualTo(LicenseStatus.NOT_ACTIVATED);
    }

    @Test
    void validateNeedsActiveSeat() {
        assertThat(licenses.validate(KEY, "machine-a").status()).isEqualTo(LicenseStatus.NOT_ACTIVATED);
        licenses.activate(KEY, "machine-a");

        LicenseDecision valid = licenses.validate(KEY, "machine-a");

        assertThat(valid.status()).isEqualTo(LicenseStatus.VALID);
        assertThat(valid.license().orElseThrow().seatsUsed()).isEqualTo(1);
    }

    @Test
    void deactivateWithoutSeatIsNotActivated() {
        LicenseDecision decision = licenses.deactivate(KEY, "machine-a");

        assertThat(decision.status()).isEqualTo(LicenseStatus.NOT_ACTIVATED);
        assertThat(decision.message()).contains("nothing to deactivate");
    }

    @Test
    void unknownKeyIsKeyInvalidForEveryCall() {
        assertThat(licenses.activate("OTHER-KEY", "m").status()).isEqualTo(LicenseStatus.KEY_INVALID);
        assertThat(licenses.validate("OTHER-KEY", "m").status()).isEqualTo(LicenseStatus.KEY_INVALID);
        assertThat(licenses.deactivate("OTHER-KEY", "m").status()).isEqualTo(LicenseStatus.KEY_INVALID);
        assertThat(licenses.activate("OTHER-KEY", "m").message()).contains(ProductKeys.mask("OTHER-KEY"))
                .doesNotContain("OTHER-KEY");
    }

    @Test
    void keysAreNormalizedAndUnusableOnesCounted() {
        InMemoryLicenseService service = new InMemoryLicenseService(
                List.of("apenl-4n9l1-2ka9d-3jx0-44lsk", KEY, "KEY_WITH_UNDERSCORE"), 1, LicenseTerms.STANDARD);

        assertThat(service.keyCount()).isEqualTo(1);
        assertThat(service.skippedKeys()).isEqualTo(1);
        assertThat(service.activate(KEY, "m").status()).isEqualTo(LicenseStatus.ACTIVATED);
    }

    @Test
    void seatLimitBelowOneIsRejected() {
        assertThatThrownBy(() -> new InMemoryLicenseService(List.of(KEY), 0, LicenseTerms.STANDARD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 seat, got 0");
    }

    @Test
    void racingMachinesGetExactlyThreeSeats() throws Exception {
        int machines = 16;
        ExecutorService threads = Executors.newFixedThreadPool(machines);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<LicenseDecision>> decisions = new ArrayList<>();
            for (int i = 0; i < machines; i++) {
                String machine = "machine-" + i;
                decisions.add(threads.submit(() -> {
                    go.await();
                    return licenses.activate(KEY, machine);
                }));
            }
            go.countDown();

            int activated = 0;
            int rejected = 0;
            for (Future<LicenseDecision> decision : decisions) {
                LicenseStatus status = decision.get(30, TimeUnit.SECONDS).status();
                if (status == LicenseStatus.ACTIVATED) {
                    activated++;
                } else if (status == LicenseStatus.SEAT_LIMIT_REACHED) {
                    rejected++;
                }
            }
            assertThat(activated).isEqualTo(3);
            assertThat(rejected).isEqualTo(machines - 3);
        } finally {
            threads.shutdownNow();
        }
    }
}
