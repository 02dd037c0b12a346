package com.goodtalk.server.store;

import static com.goodtalk.server.store.TestLicenses.ADMIN;
import static com.goodtalk.server.store.TestLicenses.KEY;
import static com.goodtalk.server.store.TestLicenses.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

class SeatRulesTest {

    @StoreTest
    void newMachineTakesSeat(StoreBackend backend) {
        LicenseStore store = backend.open();
        TestLicenses.issue(store, 3);

        ActivationResult result = store.activate(KEY, "machine-a");

        assertThat(result.outcome()).isEqualTo(ActivationOutcome.ACTIVATED);
        assertThat(result.newSeat()).isTrue();
        LicenseView view = result.licenseView().orElseThrow();
        assertThat(view.productCode()).isEqualTo(TestLicenses.PRODUCT);
        assertThat(view.productName()).isEqualTo("GoodTalk Desktop");
        assertThat(view.edition()).isEqualTo("pro");
        assertThat(view.features()).containsExactly("export", "sync");
        assertThat(view.expiresAt()).isNull();
        assertThat(view.seatsUsed()).isEqualTo(1);
        assertThat(view.seatLimit()).isEqualTo(3);
    }

    @StoreTest
    void sameMachineTakesNoSecondSeat(StoreBackend backend) {
        LicenseStore store = backend.open();
        License license = TestLicenses.issue(store, 3);
        store.activate(KEY, "machine-a");

        ActivationResult again = store.activate(KEY, "machine-a");

        assertThat(again.outcome()).isEqualTo(ActivationOutcome.ACTIVATED);
        assertThat(again.newSeat()).isFalse();
        assertThat(again.license().seatsUsed()).isEqualTo(1);
        assertThat(store.listActivations(license.id())).hasSize(1);
    }

    @StoreTest
    void fullLicenseReportsSeatLimit(StoreBackend backend) {
        LicenseStore store = backend.open();
        TestLicenses.issue(store, 2);
        store.activate(KEY, "machine-a");
        store.activate(KEY, "machine-b");

        ActivationResult third = store.activate(KEY, "machine-c");

        assertThat(third.outcome()).isEqualTo(ActivationOutcome.SEAT_LIMIT_REACHED);
        assertThat(third.outcome().code()).isEqualTo("seat_limit_reached");
        assertThat(third.newSeat()).isFalse();
        assertThat(third.license().seatLimit()).isEqualTo(2);
        assertThat(third.license().seatsUsed()).isEqualTo(2);
        assertThat(third.message()).contains("All 2 seats");
    }

    @StoreTest
    void deactivateFreesSeat(StoreBackend backend) {
        LicenseStore store = backend.open();
        License license = TestLicenses.issue(store, 2);
        store.activate(KEY, "machine-a");
        store.activate(KEY, "machine-b");

        assertThat(store.deactivate(KEY, "machine-a")).isEqualTo(DeactivationOutcome.DEACTIVATED);
        ActivationResult third = store.activate(KEY, "machine-c");

        assertThat(third.outcome()).isEqualTo(ActivationOutcome.ACTIVATED);
        assertThat(third.newSeat()).isTrue();
        assertThat(store.show(license.id()).seatsUsed()).isEqualTo(2);
        assertThat(store.deactivate(KEY, "machine-a")).isEqualTo(DeactivationOutcome.NOT_ACTIVATED);
        assertThat(store.deactivate(OTHER_KEY, "machine-b")).isEqualTo(DeactivationOutcome.KEY_INVALID);
    }

    @StoreTest
    void machineMayReactivateAfterDeactivating(StoreBackend backend) {
        LicenseStore store = backend.open();
        License license = TestLicenses.issue(store, 1);
        store.activate(KEY, "machine-a");
        store.deactivate(KEY, "machine-a");

        ActivationResult again = store.activate(KEY, "machine-a");

        assertThat(again.newSeat()).isTrue();
        List<Activation> history = store.listActivations(license.id());
        assertThat(history).hasSize(2);
        assertThat(history.get(0).isActive()).isFalse();
        assertThat(history.get(1).isActive()).isTrue();
    }

    @StoreTest
    void unknownKeyIsInvalid(StoreBackend backend) {
        LicenseStore store = backend.open();
        TestLicenses.issue(store, 3);

        ActivationResult activation = store.activate(OTHER_KEY, "machine-a");
        ValidationResult validation = store.validate(OTHER_KEY, "machine-a");

        assertThat(activation.outcome()).isEqualTo(ActivationOutcome.KEY_INVALID);
        assertThat(activation.licenseView()).isEmpty();
        assertThat(validation.outcome()).isEqualTo(ValidationOutcome.KEY_INVALID);
        assertThat(store.activate("", "machine-a").outcome()).isEqualTo(ActivationOutcome.KEY_INVALID);
        assertThat(store.activate("X".repeat(10_000), "machine-a").outcome()).isEqualTo(ActivationOutcome.KEY_INVALID);
    }

    @StoreTest
    void suspendedKeyIsRejectedUntilReinstated(StoreBackend backend) {
        LicenseStore store = backend.open();
        License license = TestLicenses.issue(store, 3);
        store.activate(KEY, "machine-a");
        store.suspend(license.id(), ADMIN);

        assertThat(store.activate(KEY, "machine-b").outcome()).isEqualTo(ActivationOutcome.KEY_SUSPENDED);
        assertThat(store.validate(KEY, "machine-a").outcome()).isEqualTo(ValidationOutcome.KEY_SUSPENDED);

        store.reinstate(license.id(), ADMIN);

        assertThat(store.validate(KEY, "machine-a").outcome()).isEqualTo(ValidationOutcome.VALID);
    }

    @StoreTest
    void revokedKeyIsRejected(StoreBackend backend) {
        LicenseStore store = backend.open();
        License license = TestLicenses.issue(store, 3);
        store.activate(KEY, "machine-a");
        store.revoke(license.id(), ADMIN);

        ActivationResult activation = store.activate(KEY, "machine-b");

        assertThat(activation.outcome()).isEqualTo(ActivationOutcome.KEY_REVOKED);
        assertThat(activation.licenseView()).isPresent();
        assertThat(store.validate(KEY, "machine-a").outcome()).isEqualTo(ValidationOutcome.KEY_REVOKED);
    }

    @StoreTest
    void expiredKeyIsRejectedUntilExtended(StoreBackend backend) {
        LicenseStore store = backend.open();
        TestLicenses.createProduct(store);
        Instant expiry = StoreBackend.START.plus(Duration.ofDays(30));
        License license = store.issue(TestLicenses.terms(3, expiry), KEY, ADMIN);
        store.activate(KEY, "machine-a");

        backend.clock.advance(Duration.ofDays(30));

        assertThat(store.activate(KEY, "machine-b").outcome()).isEqualTo(ActivationOutcome.KEY_EXPIRED);
        ValidationResult validation = store.validate(KEY, "machine-a");
        assertThat(validation.outcome()).isEqualTo(ValidationOutcome.KEY_EXPIRED);
        assertThat(validation.license().expiresAt()).isEqualTo(expiry);

        store.extend(license.id(), expiry.plus(Duration.ofDays(365)), ADMIN);

        assertThat(store.validate(KEY, "machine-a").outcome()).isEqualTo(ValidationOutcome.VALID);
    }

    @StoreTest
    void validateUpdatesLastSeen(StoreBackend backend) {
        LicenseStore store = backend.open();
        License license = TestLicenses.issue(store, 3);
        store.activate(KEY, "machine-a");
        backend.clock.advance(Duration.ofHours(5));

        ValidationResult result = store.validate(KEY, "machine-a");

        assertThat(result.isValid()).isTrue();
        Activation seat = store.listActivations(license.id()).get(0);
        assertThat(seat.firstSeenAt()).isEqualTo(StoreBackend.START);
        assertThat(seat.lastSeenAt()).isEqualTo(StoreBackend.START.plus(Duration.ofHours(5)));
    }

    @StoreTest
    void validateWithoutSeatIsNotActivated(StoreBackend backend) {
        LicenseStore store = backend.open();
        License license = TestLicenses.issue(store, 3);
        store.activate(KEY, "machine-a");

        ValidationResult result = store.validate(KEY, "machine-b");

        assertThat(result.outcome()).isEqualTo(ValidationOutcome.NOT_ACTIVATED);
        assertThat(result.license().seatsUsed()).isEqualTo(1);
        assertThat(store.listActivations(license.id())).extracting(Activation::machine).containsExactly("machine-a");
    }

    @StoreTest
    void keyMatchesAfterNormalisation(StoreBackend backend) {
        LicenseStore store = backend.open();
        License license = TestLicenses.issue(store, 3);

        ActivationResult result = store.activate("  " + KEY.toLowerCase(java.util.Locale.ROOT) + "\n", "machine-a");

        assertThat(result.isActivated()).isTrue();
        assertThat(store.findByKey(KEY.toLowerCase(java.util.Locale.ROOT))).map(License::id).contains(license.id());
    }

    @StoreTest
    void importedLegacyKeyMatchesOnlyAsTyped(StoreBackend backend) {
        LicenseStore store = backend.open();
        TestLicenses.createProduct(store);
        License legacy = store.importKey(TestLicenses.terms(1), " old-key-0042 ", ADMIN);

        assertThat(legacy.imported()).isTrue();
        assertThat(store.activate("old-key-0042", "machine-a").isActivated()).isTrue();
        assertThat(store.findByKey("OLD-KEY-0042")).isEmpty();
        assertThat(store.validate("old-key-0042", "machine-a").isValid()).isTrue();
    }

    @StoreTest
    void releaseFreesSeatOnce(StoreBackend backend) {
        LicenseStore store = backend.open();
        License license = TestLicenses.issue(store, 1);
        store.activate(KEY, "machine-a");
        long activationId = store.listActivations(license.id()).get(0).id();

        Activation released = store.release(activationId, ADMIN);

        assertThat(released.deactivatedAt()).isEqualTo(StoreBackend.START);
        assertThat(store.validate(KEY, "machine-a").outcome()).isEqualTo(ValidationOutcome.NOT_ACTIVATED);
        assertThat(store.activate(KEY, "machine-b").newSeat()).isTrue();
        assertThatThrownBy(() -> store.release(activationId, ADMIN))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already given back");
        assertThatThrownBy(() -> store.release(9_999, ADMIN))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("9999");
    }

    @StoreTest
    void badMachineFingerprintIsRejected(StoreBackend backend) {
        LicenseStore store = backend.open();
        TestLicenses.issue(store, 1);

        assertThatThrownBy(() -> store.activate(KEY, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("machine fingerprint is missing");
        assertThatThrownBy(() -> store.activate(KEY, "m".repeat(StoreLimits.MAX_MACHINE_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than " + StoreLimits.MAX_MACHINE_LENGTH);
        assertThatThrownBy(() -> store.validate(KEY, "machine\u0000a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control characters");
    }
}
