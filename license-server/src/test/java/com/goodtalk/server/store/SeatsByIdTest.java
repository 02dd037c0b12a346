package com.goodtalk.server.store;

import static com.goodtalk.server.store.TestLicenses.ADMIN;
import static com.goodtalk.server.store.TestLicenses.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Validation and deactivation by license id, as a client that sends its license certificate
 * instead of the product key asks for them: the same rules, seat updates and audit rows as by key.
 */
class SeatsByIdTest {

    @StoreTest
    void validateByIdUpdatesLastSeen(StoreBackend backend) {
        LicenseStore store = backend.open();
        License license = TestLicenses.issue(store, 3);
        store.activate(KEY, "machine-a");
        backend.clock.advance(Duration.ofHours(5));

        ValidationResult result = store.validateById(license.id(), "machine-a");

        assertThat(result.outcome()).isEqualTo(ValidationOutcome.VALID);
        assertThat(result.license().seatsUsed()).isEqualTo(1);
        Activation seat = store.listActivations(license.id()).get(0);
        assertThat(seat.lastSeenAt()).isEqualTo(StoreBackend.START.plus(Duration.ofHours(5)));
    }

    @StoreTest
    void validateByUnknownIdIsKeyInvalid(StoreBackend backend) {
        LicenseStore store = backend.open();
        License license = TestLicenses.issue(store, 3);

        ValidationResult result = store.validateById(license.id() + 1000, "machine-a");

        assertThat(result.outcome()).isEqualTo(ValidationOutcome.KEY_INVALID);
        List<AuditEvent> failures = store.audit(AuditFilter.all().withAction(AuditAction.VALIDATION_FAILURE));
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).detail()).contains("no license has the id " + (license.id() + 1000))
                .contains("machine-a");
    }

    @StoreTest
    void validateByIdFollowsStatus(StoreBackend backend) {
        LicenseStore store = backend.open();
        License license = TestLicenses.issue(store, 3);
        store.activate(KEY, "machine-a");

        store.suspend(license.id(), ADMIN);
        ValidationOutcome suspended = store.validateById(license.id(), "machine-a").outcome();
        store.reinstate(license.id(), ADMIN);
        ValidationOutcome reinstated = store.validateById(license.id(), "machine-a").outcome();
        store.revoke(license.id(), ADMIN);
        ValidationOutcome revoked = store.validateById(license.id(), "machine-a").outcome();

        assertThat(suspended).isEqualTo(ValidationOutcome.KEY_SUSPENDED);
        assertThat(reinstated).isEqualTo(ValidationOutcome.VALID);
        assertThat(revoked).isEqualTo(ValidationOutcome.KEY_REVOKED);
        List<AuditEvent> failures = store.audit(AuditFilter.forLicense(license.id())
                .withAction(AuditAction.VALIDATION_FAILURE));
        assertThat(failures).extracting(AuditEvent::detail).allMatch(detail -> detail.contains("(by certificate)"))
                .hasSize(2);
    }

    @StoreTest
    void validateByIdChecksExpiry(StoreBackend backend) {
        LicenseStore store = backend.open();
        TestLicenses.createProduct(store);
        Instant expiry = StoreBackend.START.plus(Duration.ofDays(30));
        License license = store.issue(TestLicenses.terms(3, expiry), KEY, ADMIN);
        store.activate(KEY, "machine-a");

        backend.clock.advance(Duration.ofDays(30));

        assertThat(store.validateById(license.id(), "machine-a").outcome()).isEqualTo(ValidationOutcome.KEY_EXPIRED);
    }

    @StoreTest
    void validateByIdWithoutSeatIsNotActivated(StoreBackend backend) {
        LicenseStore store = backend.open();
        License license = TestLicenses.issue(store, 3);
        store.activate(KEY, "machine-a");

        assertThat(store.validateById(license.id(), "machine-b").outcome())
                .isEqualTo(ValidationOutcome.NOT_ACTIVATED);
    }

    @StoreTest
    void deactivateByIdFreesSeat(StoreBackend backend) {
        LicenseStore store = backend.open();
        License license = TestLicenses.issue(store, 3);
        store.activate(KEY, "machine-a");

        DeactivationOutcome first = store.deactivateById(license.id(), "machine-a");
        DeactivationOutcome second = store.deactivateById(license.id(), "machine-a");
        DeactivationOutcome unknown = store.deactivateById(license.id() + 1000, "machine-a");

        assertThat(first).isEqualTo(DeactivationOutcome.DEACTIVATED);
        assertThat(second).isEqualTo(DeactivationOutcome.NOT_ACTIVATED);
        assertThat(unknown).isEqualTo(DeactivationOutcome.KEY_INVALID);
        assertThat(store.show(license.id()).seatsUsed()).isZero();
        assertThat(store.audit(AuditFilter.forLicense(license.id()).withAction(AuditAction.DEACTIVATION)))
                .extracting(AuditEvent::detail).containsExactly("Machine 'machine-a' gave back its seat (activation "
                        + store.listActivations(license.id()).get(0).id() + ") (by certificate)");
    }
}
