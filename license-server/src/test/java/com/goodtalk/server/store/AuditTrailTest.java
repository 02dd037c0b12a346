package com.goodtalk.server.store;

import static com.goodtalk.server.store.TestLicenses.ADMIN;
import static com.goodtalk.server.store.TestLicenses.KEY;
import static com.goodtalk.server.store.TestLicenses.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

class AuditTrailTest {

    @StoreTest
    void everyOperationAppendsOneEntry(StoreBackend backend) {
        LicenseStore store = backend.open();
        TestLicenses.createProduct(store);
        License license = store.issue(TestLicenses.terms(1, StoreBackend.START.plus(Duration.ofDays(10))), KEY, ADMIN);
        License legacy = store.importKey(TestLicenses.terms(1), "old-key-0042", ADMIN);
        store.activate(KEY, "machine-a");
        store.activate(KEY, "machine-a");
        store.activate(KEY, "machine-b");
        store.validate(KEY, "machine-b");
        store.activate(OTHER_KEY, "machine-c");
        store.suspend(license.id(), ADMIN);
        store.reinstate(license.id(), ADMIN);
        store.extend(license.id(), StoreBackend.START.plus(Duration.ofDays(20)), ADMIN);
        store.release(store.listActivations(license.id()).get(0).id(), ADMIN);
        store.activate(KEY, "machine-b");
        store.deactivate(KEY, "machine-b");
        store.revoke(license.id(), ADMIN);

        List<AuditEvent> newestFirst = store.audit(AuditFilter.all());

        assertThat(newestFirst).extracting(AuditEvent::action).containsExactly(
                AuditAction.REVOCATION,
                AuditAction.DEACTIVATION,
                AuditAction.ACTIVATION,
                AuditAction.RELEASE,
                AuditAction.EXTENSION,
                AuditAction.REINSTATEMENT,
                AuditAction.SUSPENSION,
                AuditAction.ACTIVATION_FAILURE,
                AuditAction.VALIDATION_FAILURE,
                AuditAction.ACTIVATION_FAILURE,
                AuditAction.ACTIVATION,
                AuditAction.ACTIVATION,
                AuditAction.IMPORT,
                AuditAction.ISSUE);
        assertThat(newestFirst).extracting(AuditEvent::licenseId).containsExactly(
                license.id(), license.id(), license.id(), license.id(), license.id(), license.id(), license.id(),
                null, license.id(), license.id(), license.id(), license.id(), legacy.id(), license.id());
        assertThat(newestFirst).allSatisfy(event -> assertThat(event.occurredAt()).isEqualTo(StoreBackend.START));
        assertThat(newestFirst).allSatisfy(event -> assertThat(event.detail()).doesNotContain(KEY, OTHER_KEY));
    }

    @StoreTest
    void entriesNameActorAndDetail(StoreBackend backend) {
        LicenseStore store = backend.open();
        License license = TestLicenses.issue(store, 1);
        store.activate(KEY, "machine-a");
        store.activate(KEY, "machine-b");

        List<AuditEvent> events = store.audit(AuditFilter.forLicense(license.id()));

        AuditEvent issue = events.get(2);
        assertThat(issue.actor()).isEqualTo(ADMIN);
        assertThat(issue.detail()).contains("GT7Q-****", "goodtalk-desktop", "1 seats");
        AuditEvent activation = events.get(1);
        assertThat(activation.actor()).isEqualTo(LicenseStore.CLIENT_ACTOR);
        assertThat(activation.detail()).contains("machine-a", "seat 1 of 1");
        AuditEvent rejection = events.get(0);
        assertThat(rejection.action()).isEqualTo(AuditAction.ACTIVATION_FAILURE);
        assertThat(rejection.detail()).contains("seat_limit_reached", "machine-b");
    }

    @StoreTest
    void filterSelectsByActionAndTime(StoreBackend backend) {
        LicenseStore store = backend.open();
        License license = TestLicenses.issue(store, 3);
        store.activate(KEY, "machine-a");
        backend.clock.advance(Duration.ofHours(1));
        Instant later = backend.clock.instant();
        store.activate(KEY, "machine-b");
        store.suspend(license.id(), ADMIN);

        List<AuditEvent> activations = store.audit(AuditFilter.all().withAction(AuditAction.ACTIVATION));
        List<AuditEvent> recent = store.audit(new AuditFilter(null, null, later, 10));
        List<AuditEvent> newest = store.audit(new AuditFilter(license.id(), null, null, 1));

        assertThat(activations).hasSize(2).allSatisfy(event -> assertThat(event.action()).isEqualTo(AuditAction.ACTIVATION));
        assertThat(recent).extracting(AuditEvent::action).containsExactly(AuditAction.SUSPENSION, AuditAction.ACTIVATION);
        assertThat(newest).extracting(AuditEvent::action).containsExactly(AuditAction.SUSPENSION);
    }
}
