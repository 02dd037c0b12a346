package com.goodtalk.server.store;

import static com.goodtalk.server.store.TestLicenses.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Fifty machines activate one three-seat key at the same moment. The seat count must hold through
 * the database alone, also when two stores (two pools, like two server instances) share it.
 */
class ConcurrentActivationTest {

    private static final int MACHINES = 50;
    private static final int SEATS = 3;

    @StoreTest
    void fiftyMachinesOnOneStoreGetThreeSeats(StoreBackend backend) throws Exception {
        LicenseStore store = backend.open();
        License license = TestLicenses.issue(store, SEATS);

        List<ActivationResult> results = activateAtOnce(List.of(store));

        assertExactlyThreeSeats(store, license, results);
    }

    @StoreTest
    void fiftyMachinesOnTwoStoresGetThreeSeats(StoreBackend backend) throws Exception {
        LicenseStore first = backend.open();
        LicenseStore second = backend.open();
        License license = TestLicenses.issue(first, SEATS);

        List<ActivationResult> results = activateAtOnce(List.of(first, second));

        assertExactlyThreeSeats(second, license, results);
    }

    /** Starts one thread per machine, releases them together and returns every result; any exception fails the test. */
    private static List<ActivationResult> activateAtOnce(List<LicenseStore> stores) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(MACHINES);
        try {
            CountDownLatch ready = new CountDownLatch(MACHINES);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ActivationResult>> futures = new ArrayList<>();
            for (int machine = 0; machine < MACHINES; machine++) {
                LicenseStore store = stores.get(machine % stores.size());
                String fingerprint = "machine-" + machine;
                Callable<ActivationResult> activation = () -> {
                    ready.countDown();
                    go.await();
                    return store.activate(KEY, fingerprint);
                };
                futures.add(threads.submit(activation));
            }
            ready.await();
            go.countDown();
            List<ActivationResult> results = new ArrayList<>();
            for (Future<ActivationResult> future : futures) {
                results.add(future.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    private static void assertExactlyThreeSeats(LicenseStore store, License license, List<ActivationResult> results) {
        assertThat(results).hasSize(MACHINES);
        assertThat(results).filteredOn(ActivationResult::isActivated).hasSize(SEATS)
                .allSatisfy(result -> assertThat(result.newSeat()).isTrue());
        assertThat(results).filteredOn(result -> !result.isActivated())
                .hasSize(MACHINES - SEATS)
                .allSatisfy(result -> assertThat(result.outcome()).isEqualTo(ActivationOutcome.SEAT_LIMIT_REACHED));
        assertThat(store.listActivations(license.id())).hasSize(SEATS).allSatisfy(seat -> assertThat(seat.isActive()).isTrue());
        assertThat(store.show(license.id()).seatsUsed()).isEqualTo(SEATS);
        assertThat(store.audit(AuditFilter.forLicense(license.id()).withAction(AuditAction.ACTIVATION))).hasSize(SEATS);
    }
}
