package com.goodtalk.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.protocol.license.InvalidCertificateException;
import com.goodtalk.protocol.license.LicenseCertificate;
import com.goodtalk.protocol.machine.MachineFingerprint;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2RequestSigner;
import com.goodtalk.protocol.v2.V2Status;
import com.goodtalk.server.StartupKeys;
import com.goodtalk.server.store.AuditAction;
import com.goodtalk.server.store.AuditEvent;
import com.goodtalk.server.store.AuditFilter;
import com.goodtalk.server.store.License;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.LicenseTerms;
import com.goodtalk.server.testing.RunningServer;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The license lifecycle through real HTTP against the store-backed server: statuses an
 * administrator sets are answered in signed replies, every client request leaves an audit row,
 * and {@code activated} and {@code valid} replies carry an offline certificate that verifies with
 * the server's published keys for the activating machine only.
 */
class LicenseLifecycleHttpTest {

    private static final ShiftedClock CLOCK = new ShiftedClock();
    private static final String ADMIN = "lifecycle-test";

    @RegisterExtension
    static final RunningServer server = RunningServer.builder().clock(CLOCK).seatsPerKey(2).build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SignedExchange exchange() {
        return new SignedExchange(http, server.baseUri(),
                new V2RequestSigner(server.clientKeyId(), server.clientSecret(), Clock.systemUTC()), server.jwks());
    }

    private static String machine() {
        return MachineFingerprint.SCHEME + ":" + Nonces.randomUrlSafe(32);
    }

    /** Issues a new key of product {@value StartupKeys#DEFAULT_PRODUCT} and returns it. */
    private static String issue(int seats, Instant expiresAt) {
        String key = ProductKeys.generate();
        server.licenseStore().issue(new LicenseTerms(StartupKeys.DEFAULT_PRODUCT, "pro", List.of("export"), seats,
                expiresAt, null), key, ADMIN);
        return key;
    }

    private static License license(String key) {
        return server.licenseStore().findByKey(key).orElseThrow();
    }

    @Test
    void certificateVerifiesForActivatingMachineOnly() throws Exception {
        String key = issue(2, null);
        String machine = machine();

        SignedExchange.Reply activated = exchange().send(V2Operation.ACTIVATE, key, machine);
        SignedExchange.Reply validated = exchange().send(V2Operation.VALIDATE, key, machine);

        assertThat(activated.status()).as(activated.message()).isEqualTo("activated");
        assertThat(validated.status()).as(validated.message()).isEqualTo("valid");
        for (SignedExchange.Reply reply : List.of(activated, validated)) {
            ObjectNode license = (ObjectNode) reply.payload().get("license");
            String compact = license.path("certificate").asText();
            LicenseCertificate certificate = LicenseCertificate.verifyOffline(compact, server.jwks(), machine,
                    Clock.systemUTC());
            assertThat(certificate.licenseId()).isEqualTo(Long.toString(license(key).id()));
            assertThat(certificate.keyHint()).isEqualTo(license(key).maskedKey()).doesNotContain(key);
            assertThat(certificate.product()).isEqualTo(StartupKeys.DEFAULT_PRODUCT);
            assertThat(certificate.edition()).isEqualTo("pro");
            assertThat(certificate.features()).containsExactly("export");
            assertThat(certificate.machine()).isEqualTo(machine);
            assertThat(certificate.expiresAt()).isEmpty();
            assertThat(Duration.between(certificate.issuedAt(), certificate.revalidateBy())).isEqualTo(Duration.ofDays(7));
            assertThat(compact).doesNotContain(key);
        }
        String certificate = activated.payload().path("license").path("certificate").asText();
        assertThatThrownBy(() -> LicenseCertificate.verifyOffline(certificate,
                        server.jwks(), machine(), Clock.systemUTC()))
                .as("a certificate copied to another machine")
                .isInstanceOf(InvalidCertificateException.class);
    }

    @Test
    void certificateStatesLicenseExpiry() throws Exception {
        Instant expiry = CLOCK.instant().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String key = issue(1, expiry);
        String machine = machine();

        SignedExchange.Reply activated = exchange().send(V2Operation.ACTIVATE, key, machine);

        assertThat(activated.status()).as(activated.message()).isEqualTo("activated");
        LicenseCertificate certificate = LicenseCertificate.verifyOffline(
                activated.payload().path("license").path("certificate").asText(), server.jwks(), machine,
                Clock.systemUTC());
        assertThat(certificate.expiresAt()).contains(expiry);
        assertThat(activated.payload().path("license").path("expires").asLong()).isEqualTo(expiry.getEpochSecond());
    }

    @Test
    void suspendedKeyAnswersKeySuspended() throws Exception {
        String key = issue(2, null);
        String machine = machine();
        assertThat(exchange().send(V2Operation.ACTIVATE, key, machine).status()).isEqualTo("activated");
        LicenseStore store = server.licenseStore();
        store.suspend(license(key).id(), ADMIN);

        SignedExchange.Reply activate = exchange().send(V2Operation.ACTIVATE, key, machine);
        SignedExchange.Reply validate = exchange().send(V2Operation.VALIDATE, key, machine);

        assertThat(activate.status()).isEqualTo(V2Status.KEY_SUSPENDED.word());
        assertThat(activate.httpStatus()).isEqualTo(403);
        assertThat(activate.message()).contains(ProductKeys.mask(key)).doesNotContain(key).contains("reinstated");
        assertThat(activate.payload().has("license")).isFalse();
        assertThat(validate.status()).isEqualTo(V2Status.KEY_SUSPENDED.word());
        store.reinstate(license(key).id(), ADMIN);
        assertThat(exchange().send(V2Operation.VALIDATE, key, machine).status()).as("after reinstating")
                .isEqualTo("valid");
        assertThat(actions(key)).contains(AuditAction.ACTIVATION, AuditAction.SUSPENSION,
                AuditAction.ACTIVATION_FAILURE, AuditAction.VALIDATION_FAILURE, AuditAction.REINSTATEMENT);
        assertThat(details(key, AuditAction.ACTIVATION_FAILURE)).anyMatch(detail -> detail.contains("key_suspended"));
    }

    @Test
    void revokedKeyAnswersKeyRevoked() throws Exception {
        String key = issue(2, null);
        String machine = machine();
        assertThat(exchange().send(V2Operation.ACTIVATE, key, machine).status()).isEqualTo("activated");
        server.licenseStore().revoke(license(key).id(), ADMIN);

        SignedExchange.Reply validate = exchange().send(V2Operation.VALIDATE, key, machine);
        SignedExchange.Reply activate = exchange().send(V2Operation.ACTIVATE, key, machine());

        assertThat(validate.status()).isEqualTo(V2Status.KEY_REVOKED.word());
        assertThat(activate.status()).isEqualTo(V2Status.KEY_REVOKED.word());
        assertThat(activate.message()).contains(ProductKeys.mask(key)).doesNotContain(key);
        assertThat(actions(key)).contains(AuditAction.REVOCATION, AuditAction.VALIDATION_FAILURE,
                AuditAction.ACTIVATION_FAILURE);
        assertThat(details(key, AuditAction.VALIDATION_FAILURE)).anyMatch(detail -> detail.contains("key_revoked"));
    }

    @Test
    void expiredKeyAnswersKeyExpired() throws Exception {
        Instant expiry = CLOCK.instant().plusSeconds(60);
        String key = issue(2, expiry);
        String machine = machine();
        assertThat(exchange().send(V2Operation.ACTIVATE, key, machine).status()).isEqualTo("activated");
        // Past the expiry, but within the 300 s skew of clients that sign with the system clock.
        CLOCK.advance(Duration.ofSeconds(120));
        SignedExchange.Reply validate;
        SignedExchange.Reply activate;
        try {
            validate = exchange().send(V2Operation.VALIDATE, key, machine);
            activate = exchange().send(V2Operation.ACTIVATE, key, machine());
        } finally {
            CLOCK.advance(Duration.ofSeconds(-120));
        }

        assertThat(validate.status()).isEqualTo(V2Status.KEY_EXPIRED.word());
        assertThat(validate.message()).contains("expired").contains(ProductKeys.mask(key));
        assertThat(activate.status()).isEqualTo(V2Status.KEY_EXPIRED.word());
        assertThat(details(key, AuditAction.ACTIVATION_FAILURE)).anyMatch(detail -> detail.contains("key_expired"));
    }

    @Test
    void seatLimitNamedAndDeactivationFreesSeat() throws Exception {
        String key = issue(1, null);
        String first = machine();
        String second = machine();
        assertThat(exchange().send(V2Operation.ACTIVATE, key, first).status()).isEqualTo("activated");
        SignedExchange.Reply again = exchange().send(V2Operation.ACTIVATE, key, first);

        SignedExchange.Reply full = exchange().send(V2Operation.ACTIVATE, key, second);
        SignedExchange.Reply deactivated = exchange().send(V2Operation.DEACTIVATE, key, first);
        SignedExchange.Reply afterFree = exchange().send(V2Operation.ACTIVATE, key, second);

        assertThat(again.status()).as("the same machine again").isEqualTo("activated");
        assertThat(again.payload().path("license").path("seats").path("used").asInt()).isEqualTo(1);
        assertThat(full.status()).isEqualTo(V2Status.SEAT_LIMIT_REACHED.word());
        assertThat(full.message()).contains("All 1 seats");
        assertThat(deactivated.status()).isEqualTo("deactivated");
        assertThat(afterFree.status()).isEqualTo("activated");
        assertThat(exchange().send(V2Operation.VALIDATE, key, first).status()).isEqualTo("not_activated");
        assertThat(actions(key)).contains(AuditAction.DEACTIVATION);
    }

    private static List<AuditAction> actions(String key) {
        return server.licenseStore().audit(AuditFilter.forLicense(license(key).id())).stream()
                .map(AuditEvent::action).toList();
    }

    private static List<String> details(String key, AuditAction action) {
        return server.licenseStore().audit(AuditFilter.forLicense(license(key).id()).withAction(action)).stream()
                .map(AuditEvent::detail).toList();
    }
}
