package com.goodtalk.server.store;

import static com.goodtalk.server.store.TestLicenses.ADMIN;
import static com.goodtalk.server.store.TestLicenses.KEY;
import static com.goodtalk.server.store.TestLicenses.OTHER_KEY;
import static com.goodtalk.server.store.TestLicenses.PRODUCT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

class LicenseAdminTest {

    @StoreTest
    void productsAreCreatedFoundAndListed(StoreBackend backend) {
        LicenseStore store = backend.open();

        Product desktop = store.createProduct("goodtalk-desktop", "GoodTalk Desktop");
        store.createProduct("goodtalk-cli", "GoodTalk CLI");

        assertThat(store.findProduct("goodtalk-desktop")).contains(desktop);
        assertThat(store.findProduct("missing")).isEmpty();
        assertThat(store.listProducts()).extracting(Product::code).containsExactly("goodtalk-cli", "goodtalk-desktop");
        assertThatThrownBy(() -> store.createProduct("goodtalk-desktop", "Again"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("'goodtalk-desktop' exists");
        assertThatThrownBy(() -> store.createProduct("Bad Code", "Name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Bad Code'");
    }

    @StoreTest
    void issueStoresTermsAndMaskedKey(StoreBackend backend) {
        LicenseStore store = backend.open();
        TestLicenses.createProduct(store);
        Instant expiry = StoreBackend.START.plus(Duration.ofDays(365));

        License license = store.issue(TestLicenses.terms(5, expiry), KEY, ADMIN);

        assertThat(license.maskedKey()).isEqualTo("GT7Q-****");
        assertThat(license.imported()).isFalse();
        assertThat(license.product().code()).isEqualTo(PRODUCT);
        assertThat(license.edition()).isEqualTo("pro");
        assertThat(license.features()).containsExactly("export", "sync");
        assertThat(license.status()).isEqualTo(LicenseStatus.ACTIVE);
        assertThat(license.expiresAt()).isEqualTo(expiry);
        assertThat(license.seatLimit()).isEqualTo(5);
        assertThat(license.seatsUsed()).isZero();
        assertThat(license.note()).isEqualTo("test license");
        assertThat(license.createdAt()).isEqualTo(StoreBackend.START);
        assertThat(store.show(license.id())).isEqualTo(license);
        assertThat(store.findByKey(KEY)).contains(license);
        assertThat(store.findByKey(OTHER_KEY)).isEmpty();
    }

    @StoreTest
    void issueRejectsBadTerms(StoreBackend backend) {
        LicenseStore store = backend.open();
        TestLicenses.createProduct(store);

        assertThatThrownBy(() -> store.issue(TestLicenses.terms(0), KEY, ADMIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Seat limit 0 is below 1");
        assertThatThrownBy(() -> store.issue(TestLicenses.terms(1, StoreBackend.START), KEY, ADMIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Expiry " + StoreBackend.START + " is not after");
        assertThatThrownBy(() -> store.issue(new LicenseTerms(PRODUCT, " ", List.of(), 1, null, null), KEY, ADMIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("edition is missing");
        assertThatThrownBy(() -> store.issue(new LicenseTerms(PRODUCT, "pro", List.of("a", "a"), 1, null, null), KEY, ADMIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names a feature twice");
        assertThatThrownBy(() -> store.issue(new LicenseTerms("nope", "pro", List.of(), 1, null, null), KEY, ADMIN))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("'nope'");
        assertThatThrownBy(() -> store.issue(TestLicenses.terms(1), " ", ADMIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("product key is missing");
        assertThat(store.list(LicenseFilter.all())).isEmpty();
    }

    @StoreTest
    void duplicateKeyIsRejected(StoreBackend backend) {
        LicenseStore store = backend.open();
        TestLicenses.issue(store, 1);

        assertThatThrownBy(() -> store.issue(TestLicenses.terms(1), KEY.toLowerCase(java.util.Locale.ROOT), ADMIN))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("GT7Q-****")
                .hasMessageNotContaining(KEY);
        assertThatThrownBy(() -> store.importKey(TestLicenses.terms(1), KEY, ADMIN))
                .isInstanceOf(ConflictException.class);
    }

    @StoreTest
    void listFiltersByProductAndStatusAndPages(StoreBackend backend) {
        LicenseStore store = backend.open();
        TestLicenses.createProduct(store);
        store.createProduct("goodtalk-cli", "GoodTalk CLI");
        License first = store.issue(TestLicenses.terms(1), "AAAA-0001", ADMIN);
        License second = store.issue(TestLicenses.terms(1), "AAAA-0002", ADMIN);
        License cli = store.issue(new LicenseTerms("goodtalk-cli", "basic", List.of(), 1, null, null), "AAAA-0003", ADMIN);
        store.suspend(second.id(), ADMIN);

        assertThat(store.list(LicenseFilter.all())).extracting(License::id)
                .containsExactly(first.id(), second.id(), cli.id());
        assertThat(store.list(LicenseFilter.all().withProduct("goodtalk-cli"))).extracting(License::id)
                .containsExactly(cli.id());
        assertThat(store.list(LicenseFilter.all().withStatus(LicenseStatus.SUSPENDED))).extracting(License::id)
                .containsExactly(second.id());
        assertThat(store.list(new LicenseFilter(null, null, first.id(), 1))).extracting(License::id)
                .containsExactly(second.id());
    }

    @StoreTest
    void statusChangesFollowTheRules(StoreBackend backend) {
        LicenseStore store = backend.open();
        long id = TestLicenses.issue(store, 1).id();

        assertThatThrownBy(() -> store.reinstate(id, ADMIN))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("License " + id + " is active")
                .hasMessageContaining("already active");
        assertThat(store.suspend(id, ADMIN).status()).isEqualTo(LicenseStatus.SUSPENDED);
        assertThatThrownBy(() -> store.suspend(id, ADMIN)).isInstanceOf(ConflictException.class);
        assertThat(store.reinstate(id, ADMIN).status()).isEqualTo(LicenseStatus.ACTIVE);
        assertThat(store.revoke(id, ADMIN).status()).isEqualTo(LicenseStatus.REVOKED);
        assertThatThrownBy(() -> store.reinstate(id, ADMIN))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("issue a new license");
        assertThatThrownBy(() -> store.revoke(id, ADMIN)).isInstanceOf(ConflictException.class);
    }

    @StoreTest
    void extendMovesExpiryLater(StoreBackend backend) {
        LicenseStore store = backend.open();
        TestLicenses.createProduct(store);
        Instant expiry = StoreBackend.START.plus(Duration.ofDays(30));
        long id = store.issue(TestLicenses.terms(1, expiry), KEY, ADMIN).id();
        backend.clock.advance(Duration.ofDays(1));

        License extended = store.extend(id, expiry.plus(Duration.ofDays(30)), ADMIN);

        assertThat(extended.expiresAt()).isEqualTo(expiry.plus(Duration.ofDays(30)));
        assertThat(extended.updatedAt()).isEqualTo(StoreBackend.START.plus(Duration.ofDays(1)));
        assertThatThrownBy(() -> store.extend(id, StoreBackend.START, ADMIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not after the current time")
                .hasMessageContaining("future");
        assertThatThrownBy(() -> store.extend(id, expiry, ADMIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not after the license's current expiry");
    }

    @StoreTest
    void extendRejectsPerpetualAndRevokedLicenses(StoreBackend backend) {
        LicenseStore store = backend.open();
        long perpetual = TestLicenses.issue(store, 1).id();
        long revoked = store.issue(TestLicenses.terms(1, StoreBackend.START.plus(Duration.ofDays(1))), OTHER_KEY, ADMIN).id();
        store.revoke(revoked, ADMIN);
        Instant later = StoreBackend.START.plus(Duration.ofDays(100));

        assertThatThrownBy(() -> store.extend(perpetual, later, ADMIN))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("never expires");
        assertThatThrownBy(() -> store.extend(revoked, later, ADMIN))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("revoked");
    }

    @StoreTest
    void unknownLicenseIdIsNamed(StoreBackend backend) {
        LicenseStore store = backend.open();
        Instant later = StoreBackend.START.plus(Duration.ofDays(1));

        assertThatThrownBy(() -> store.show(424242)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("No license has id 424242").hasMessageContaining("List licenses");
        assertThatThrownBy(() -> store.suspend(424242, ADMIN)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.reinstate(424242, ADMIN)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.revoke(424242, ADMIN)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.extend(424242, later, ADMIN)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> store.listActivations(424242)).isInstanceOf(NotFoundException.class);
        assertThat(store.audit(AuditFilter.all())).isEmpty();
    }

    @StoreTest
    void blankActorIsRejected(StoreBackend backend) {
        LicenseStore store = backend.open();
        long id = TestLicenses.issue(store, 1).id();

        assertThatThrownBy(() -> store.suspend(id, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actor is missing");
        assertThat(store.show(id).status()).isEqualTo(LicenseStatus.ACTIVE);
    }
}
