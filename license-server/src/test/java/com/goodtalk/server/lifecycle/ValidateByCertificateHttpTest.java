package com.goodtalk.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.jose.Base64Url;
import com.goodtalk.protocol.jose.CompactJws;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.protocol.license.CertificateClaims;
import com.goodtalk.protocol.license.LicenseCertificate;
import com.goodtalk.protocol.license.LicenseCertificates;
import com.goodtalk.protocol.machine.MachineFingerprint;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2RequestSigner;
import com.goodtalk.protocol.v2.V2Status;
import com.goodtalk.server.StartupKeys;
import com.goodtalk.server.store.AuditAction;
import com.goodtalk.server.store.AuditEvent;
import com.goodtalk.server.store.AuditFilter;
import com.goodtalk.server.store.License;
import com.goodtalk.server.store.LicenseTerms;
import com.goodtalk.server.testing.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Validate and deactivate requests that carry the license certificate instead of the product key,
 * over real HTTP against the SQLite-backed server: the license in the store decides as it does for
 * a key, the certificate's own re-validate-by time does not, and every certificate the server did
 * not issue for the requesting machine gets a signed {@code certificate_invalid}.
 */
class ValidateByCertificateHttpTest {

    private static final ShiftedClock CLOCK = new ShiftedClock();
    private static final String ADMIN = "certificate-test";

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

    private static String issue(Instant expiresAt) {
        String key = ProductKeys.generate();
        server.licenseStore().issue(new LicenseTerms(StartupKeys.DEFAULT_PRODUCT, "pro", List.of("export"), 2,
                expiresAt, null), key, ADMIN);
        return key;
    }

    private static License license(String key) {
        return server.licenseStore().findByKey(key).orElseThrow();
    }

    /** Activates {@code key} on {@code machine} and returns the certificate of the reply. */
    private String activate(String key, String machine) throws Exception {
        SignedExchange.Reply activated = exchange().send(V2Operation.ACTIVATE, key, machine);
        assertThat(activated.status()).as(activated.message()).isEqualTo("activated");
        return certificate(activated);
    }

    private static String certificate(SignedExchange.Reply reply) {
        return reply.payload().path("license").path("certificate").asText();
    }

    private SignedExchange.Reply validate(String certificate, String machine) throws Exception {
        return exchange().sendWithCertificate(V2Operation.VALIDATE, certificate, machine);
    }

    private V2Client client(String machine) {
        return V2Client.builder().server(server.baseUri()).clientKeyId(server.clientKeyId())
                .clientSecret(server.clientSecret()).pinnedKeys(server.jwks()).machine(machine)
                .app(SignedExchange.APP).build();
    }

    @Test
    void validCertificateGetsFreshOne() throws Exception {
        String key = issue(null);
        String machine = machine();
        String certificate = activate(key, machine);

        SignedExchange.Reply reply = validate(certificate, machine);

        assertThat(reply.status()).as(reply.message()).isEqualTo("valid");
        assertThat(reply.message()).contains("1 of 2 seats");
        String fresh = certificate(reply);
        assertThat(fresh).isNotEqualTo(certificate);
        LicenseCertificate verified = LicenseCertificate.verifyOffline(fresh, server.jwks(), machine,
                Clock.systemUTC());
        assertThat(verified.licenseId()).isEqualTo(Long.toString(license(key).id()));
        assertThat(verified.keyHint()).isEqualTo(license(key).maskedKey());
    }

    @Test
    void certificatePastRevalidateByIsRevalidated() throws Exception {
        String key = issue(null);
        String machine = machine();
        activate(key, machine);
        Instant eightDaysAgo = Instant.now().minus(Duration.ofDays(8)).truncatedTo(ChronoUnit.SECONDS);
        String due = LicenseCertificates.issue(server.signingKeys().active(), new CertificateClaims(
                Long.toString(license(key).id()), license(key).maskedKey(), StartupKeys.DEFAULT_PRODUCT, "pro",
                List.of("export"), machine, null, Duration.ofDays(7)), Clock.fixed(eightDaysAgo, ZoneOffset.UTC));
        LicenseCertificate stored = LicenseCertificate.verifyOffline(due, server.jwks(), machine, Clock.systemUTC());
        assertThat(stored.needsRevalidation()).isTrue();

        VerificationTrace trace = client(machine).validate(stored);

        assertThat(trace.verdict().kind()).as(trace.verdict().toString()).isEqualTo(Verdict.Kind.ACTIVATED);
        LicenseCertificate fresh = LicenseCertificate.verifyOffline(trace.verdict().licenseCertificate().orElseThrow(),
                server.jwks(), machine, Clock.systemUTC());
        assertThat(fresh.needsRevalidation()).isFalse();
        assertThat(fresh.issuedAt()).isAfter(eightDaysAgo);
        String payload = trace.step(StepId.SIGN_REQUEST).orElseThrow().values().get("payload");
        assertThat(payload).contains("\"cert\":\"").contains("characters)").doesNotContain(due).doesNotContain(key);
    }

    @Test
    void expiredCertificateOfRenewedLicenseIsRevalidated() throws Exception {
        Instant expiry = CLOCK.instant().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        String key = issue(expiry);
        String machine = machine();
        String certificate = activate(key, machine);
        server.licenseStore().extend(license(key).id(), expiry.plus(Duration.ofDays(365)), ADMIN);
        CLOCK.advance(Duration.ofSeconds(120));
        SignedExchange.Reply reply;
        try {
            reply = validate(certificate, machine);
        } finally {
            CLOCK.advance(Duration.ofSeconds(-120));
        }

        assertThat(reply.status()).as(reply.message()).isEqualTo("valid");
        assertThat(reply.payload().path("license").path("expires").asLong())
                .isEqualTo(expiry.plus(Duration.ofDays(365)).getEpochSecond());
    }

    @Test
    void storeStatusDecides() throws Exception {
        String key = issue(null);
        String machine = machine();
        String certificate = activate(key, machine);
        long id = license(key).id();

        server.licenseStore().suspend(id, ADMIN);
        SignedExchange.Reply suspended = validate(certificate, machine);
        server.licenseStore().reinstate(id, ADMIN);
        SignedExchange.Reply reinstated = validate(certificate, machine);
        server.licenseStore().revoke(id, ADMIN);
        SignedExchange.Reply revoked = validate(certificate, machine);

        assertThat(suspended.status()).isEqualTo(V2Status.KEY_SUSPENDED.word());
        assertThat(suspended.message()).contains(license(key).maskedKey()).doesNotContain(key);
        assertThat(reinstated.status()).isEqualTo("valid");
        assertThat(revoked.status()).isEqualTo(V2Status.KEY_REVOKED.word());
        assertThat(revoked.httpStatus()).isEqualTo(403);
        assertThat(server.licenseStore().audit(AuditFilter.forLicense(id).withAction(AuditAction.VALIDATION_FAILURE)))
                .extracting(AuditEvent::detail)
                .anyMatch(detail -> detail.startsWith("key_suspended (by certificate)"))
                .anyMatch(detail -> detail.startsWith("key_revoked (by certificate)"));
    }

    @Test
    void expiredLicenseAnswersKeyExpired() throws Exception {
        Instant expiry = CLOCK.instant().plusSeconds(60);
        String key = issue(expiry);
        String machine = machine();
        String certificate = activate(key, machine);
        CLOCK.advance(Duration.ofSeconds(120));
        SignedExchange.Reply reply;
        try {
            reply = validate(certificate, machine);
        } finally {
            CLOCK.advance(Duration.ofSeconds(-120));
        }

        assertThat(reply.status()).isEqualTo(V2Status.KEY_EXPIRED.word());
    }

    @Test
    void deactivatedMachineIsNotActivated() throws Exception {
        String key = issue(null);
        String machine = machine();
        String certificate = activate(key, machine);

        VerificationTrace deactivated = client(machine).deactivate(LicenseCertificate.verifyOffline(certificate,
                server.jwks(), machine, Clock.systemUTC()));
        SignedExchange.Reply afterwards = validate(certificate, machine);

        assertThat(deactivated.verdict().kind()).as(deactivated.verdict().toString())
                .isEqualTo(Verdict.Kind.DEACTIVATED);
        assertThat(license(key).seatsUsed()).isZero();
        assertThat(afterwards.status()).isEqualTo(V2Status.NOT_ACTIVATED.word());
    }

    @Test
    void anotherMachinesCertificateRejected() throws Exception {
        String key = issue(null);
        String first = machine();
        String second = machine();
        String firstCertificate = activate(key, first);
        activate(key, second);

        SignedExchange.Reply reply = validate(firstCertificate, second);

        assertCertificateInvalid(reply, "machine");
    }

    @Test
    void forgedSignatureRejected() throws Exception {
        String machine = machine();
        String certificate = activate(issue(null), machine);
        String[] parts = certificate.split("\\.");
        String otherSignature = ServerSigningKey.generate().signJws(LicenseCertificate.TYPE,
                Base64Url.decode(parts[1], "payload")).split("\\.")[2];

        SignedExchange.Reply reply = validate(parts[0] + "." + parts[1] + "." + otherSignature, machine);

        assertCertificateInvalid(reply, "signature");
    }

    @Test
    void editedClaimRejected() throws Exception {
        String key = issue(null);
        String machine = machine();
        String certificate = activate(key, machine);
        String other = issue(null);
        activate(other, machine);
        String[] parts = certificate.split("\\.");
        ObjectNode payload = StrictJson.parseObject(Base64Url.decode(parts[1], "payload"));
        payload.put("lic", Long.toString(license(other).id()));
        String edited = parts[0] + "." + Base64Url.encode(payload.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];

        SignedExchange.Reply reply = validate(edited, machine);

        assertCertificateInvalid(reply, "signature");
    }

    @Test
    void unknownSigningKeyRejected() throws Exception {
        String machine = machine();
        activate(issue(null), machine);
        String foreign = LicenseCertificates.issue(ServerSigningKey.generate(), new CertificateClaims("1",
                "GT7Q2M-****", StartupKeys.DEFAULT_PRODUCT, "pro", List.of(), machine, null, Duration.ofDays(7)),
                Clock.systemUTC());

        SignedExchange.Reply reply = validate(foreign, machine);

        assertCertificateInvalid(reply, "key_id");
    }

    @Test
    void replyPassedOffAsCertificateRejected() throws Exception {
        String key = issue(null);
        String machine = machine();
        activate(key, machine);
        byte[] requestBody = new V2RequestSigner(server.clientKeyId(), server.clientSecret(), Clock.systemUTC())
                .sign(V2Operation.VALIDATE, key, machine, SignedExchange.APP).body();
        byte[] replyBody = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + V2Operation.VALIDATE.path()))
                .header("Content-Type", "application/jose")
                .POST(HttpRequest.BodyPublishers.ofByteArray(requestBody)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(CompactJws.parse(replyBody).header().path("typ").asText()).isEqualTo("goodtalk-reply+jwt");

        SignedExchange.Reply reply = validate(new String(replyBody, StandardCharsets.US_ASCII), machine);

        assertCertificateInvalid(reply, "type");
    }

    @Test
    void requestPassedOffAsCertificateRejected() throws Exception {
        String key = issue(null);
        String machine = machine();
        activate(key, machine);
        String request = new String(new V2RequestSigner(server.clientKeyId(), server.clientSecret(),
                Clock.systemUTC()).sign(V2Operation.VALIDATE, key, machine, SignedExchange.APP).body(),
                StandardCharsets.US_ASCII);

        SignedExchange.Reply reply = validate(request, machine);

        assertCertificateInvalid(reply, "type");
        assertThat(reply.message()).doesNotContain(key);
    }

    @Test
    void unknownLicenseIdRejected() throws Exception {
        String machine = machine();
        String certificate = LicenseCertificates.issue(server.signingKeys().active(), new CertificateClaims(
                "987654321", "GT7Q2M-****", StartupKeys.DEFAULT_PRODUCT, "pro", List.of(), machine, null,
                Duration.ofDays(7)), Clock.systemUTC());

        SignedExchange.Reply reply = validate(certificate, machine);

        assertThat(reply.status()).isEqualTo(V2Status.CERTIFICATE_INVALID.word());
        assertThat(reply.httpStatus()).isEqualTo(403);
        assertThat(reply.message()).contains("987654321").contains("does not know").contains("product key");
        assertThat(reply.payload().has("license")).isFalse();
    }

    private static void assertCertificateInvalid(SignedExchange.Reply reply, String failedCheck) {
        assertThat(reply.status()).as(reply.message()).isEqualTo(V2Status.CERTIFICATE_INVALID.word());
        assertThat(reply.httpStatus()).isEqualTo(403);
        assertThat(reply.message()).contains("failed the check " + failedCheck).contains("Send the product key");
        assertThat(reply.payload().has("license")).isFalse();
    }
}
