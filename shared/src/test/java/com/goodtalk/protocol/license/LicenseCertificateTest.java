package com.goodtalk.protocol.license;

import static com.goodtalk.protocol.license.CertificateForge.CLOCK;
import static com.goodtalk.protocol.license.CertificateForge.EXPIRES;
import static com.goodtalk.protocol.license.CertificateForge.MACHINE;
import static com.goodtalk.protocol.license.CertificateForge.NOW;
import static com.goodtalk.protocol.license.CertificateForge.OTHER_MACHINE;
import static com.goodtalk.protocol.license.CertificateForge.PINNED;
import static com.goodtalk.protocol.license.CertificateForge.REVALIDATE_WITHIN;
import static com.goodtalk.protocol.license.CertificateForge.SERVER_KEY;
import static com.goodtalk.protocol.license.CertificateForge.at;
import static com.goodtalk.protocol.license.CertificateForge.claims;
import static com.goodtalk.protocol.license.CertificateForge.genuine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.jose.CompactJws;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerSigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issuing certificates and the checks that accept them: round trip, times and their boundaries. */
class LicenseCertificateTest {

    private static LicenseCertificate verify(String certificate, Clock clock) throws InvalidCertificateException {
        return LicenseCertificate.verifyOffline(certificate, PINNED, MACHINE, clock);
    }

    @Test
    void roundTripKeepsEveryClaim() throws Exception {
        String certificate = genuine();

        LicenseCertificate verified = verify(certificate, CLOCK);

        assertThat(verified.licenseId()).isEqualTo("42");
        assertThat(verified.keyHint()).isEqualTo("GT7Q2M-****");
        assertThat(verified.product()).isEqualTo("goodtalk-desktop");
        assertThat(verified.edition()).isEqualTo("pro");
        assertThat(verified.features()).containsExactly("export", "sync");
        assertThat(verified.machine()).isEqualTo(MACHINE);
        assertThat(verified.issuedAt()).isEqualTo(NOW);
        assertThat(verified.expiresAt()).contains(EXPIRES);
        assertThat(verified.revalidateBy()).isEqualTo(NOW.plus(REVALIDATE_WITHIN));
        assertThat(verified.jti()).hasSize(43);
        assertThat(verified.keyId()).isEqualTo(SERVER_KEY.publicKey().thumbprint());
        assertThat(verified.verifiedAt()).isEqualTo(NOW);
        assertThat(verified.compactJws()).isEqualTo(certificate);
        assertThat(verified.needsRevalidation()).isFalse();
    }

    @Test
    void headerAndPayloadUseSpecifiedNames() throws Exception {
        CompactJws jws = CompactJws.parse(genuine().getBytes(StandardCharsets.US_ASCII));
        ObjectNode payload = StrictJson.parseObject(jws.payload());

        assertThat(jws.headerJson()).isEqualTo("{\"alg\":\"EdDSA\",\"typ\":\"goodtalk-license+jwt\",\"kid\":\""
                + SERVER_KEY.publicKey().thumbprint() + "\"}");
        assertThat(payload.fieldNames()).toIterable().containsExactly("lic", "key_hint", "product", "edition",
                "features", "machine", "iat", "exp", "rvb", "jti");
        assertThat(payload.get("lic").isTextual()).isTrue();
        assertThat(payload.get("iat").longValue()).isEqualTo(NOW.getEpochSecond());
        assertThat(payload.get("exp").longValue()).isEqualTo(EXPIRES.getEpochSecond());
    }

    @Test
    void certificatesGetDistinctJti() throws Exception {
        assertThat(verify(genuine(), CLOCK).jti()).isNotEqualTo(verify(genuine(), CLOCK).jti());
    }

    @Test
    void neverExpiringLicenseHasNoExp() throws Exception {
        String certificate = LicenseCertificates.issue(SERVER_KEY, claims(null), CLOCK);

        LicenseCertificate verified = verify(certificate, at(NOW.plus(Duration.ofDays(10_000))));

        ObjectNode payload = StrictJson.parseObject(
                CompactJws.parse(certificate.getBytes(StandardCharsets.US_ASCII)).payload());
        assertThat(payload.has("exp")).isFalse();
        assertThat(verified.expiresAt()).isEmpty();
        assertThat(verified.needsRevalidation()).isTrue();
    }

    @Test
    void revalidationIsNeededFromRvbOn() throws Exception {
        Instant revalidateBy = NOW.plus(REVALIDATE_WITHIN);
        String certificate = genuine();

        LicenseCertificate before = verify(certificate, at(revalidateBy.minusSeconds(1)));
        LicenseCertificate at = verify(certificate, at(revalidateBy));

        assertThat(before.needsRevalidation()).isFalse();
        assertThat(at.needsRevalidation()).isTrue();
        assertThat(at.features()).containsExactly("export", "sync");
    }

    @Test
    void expiresAtExpTime() throws Exception {
        String certificate = genuine();

        LicenseCertificate lastSecond = verify(certificate, at(EXPIRES.minusSeconds(1)));

        assertThat(lastSecond.needsRevalidation()).isTrue();
        assertThatThrownBy(() -> verify(certificate, at(EXPIRES)))
                .isInstanceOf(InvalidCertificateException.class)
                .hasMessageContaining("expired at " + EXPIRES)
                .extracting(e -> ((InvalidCertificateException) e).failedCheck())
                .isEqualTo(CertificateCheck.EXPIRED);
    }

    @Test
    void clockRollbackBeyondToleranceFails() throws Exception {
        String certificate = genuine();
        Instant earliest = NOW.minus(LicenseCertificate.CLOCK_TOLERANCE);

        LicenseCertificate atTolerance = verify(certificate, at(earliest));

        assertThat(atTolerance.issuedAt()).isEqualTo(NOW);
        assertThatThrownBy(() -> verify(certificate, at(earliest.minusSeconds(1))))
                .isInstanceOf(InvalidCertificateException.class)
                .hasMessageContaining("before the certificate's issue time " + NOW)
                .extracting(e -> ((InvalidCertificateException) e).failedCheck())
                .isEqualTo(CertificateCheck.CLOCK_ROLLBACK);
    }

    @Test
    void anotherMachineFails() {
        assertThatThrownBy(() -> LicenseCertificate.verifyOffline(genuine(), PINNED, OTHER_MACHINE, CLOCK))
                .isInstanceOf(InvalidCertificateException.class)
                .hasMessageContaining(MACHINE)
                .hasMessageContaining(OTHER_MACHINE)
                .extracting(e -> ((InvalidCertificateException) e).failedCheck())
                .isEqualTo(CertificateCheck.MACHINE);
    }

    @Test
    void anyPinnedKeyVerifies() throws Exception {
        JsonWebKeySet twoKeys = JsonWebKeySet.of(ServerSigningKey.generate().publicKey(), SERVER_KEY.publicKey());

        LicenseCertificate verified = LicenseCertificate.verifyOffline(genuine(), twoKeys, MACHINE, CLOCK);

        assertThat(verified.keyId()).isEqualTo(SERVER_KEY.publicKey().thumbprint());
    }

    @Test
    void subSecondExpiryIsRoundedDown() throws Exception {
        Instant endOfDay = Instant.parse("2026-12-31T23:59:59.999Z");

        LicenseCertificate verified = verify(LicenseCertificates.issue(SERVER_KEY, claims(endOfDay), CLOCK), CLOCK);

        assertThat(verified.expiresAt()).contains(Instant.parse("2026-12-31T23:59:59Z"));
    }

    @Test
    void issueRejectsExpiredLicense() {
        assertThatThrownBy(() -> LicenseCertificates.issue(SERVER_KEY, claims(NOW), CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expired at " + NOW)
                .hasMessageContaining("Extend the license");
    }

    @Test
    void claimsRejectFullProductKey() {
        assertThatThrownBy(() -> new CertificateClaims("42", "GT7Q2M-M2XK9P-LA4RTZ-ABCDEF", "p", "pro", List.of(),
                MACHINE, null, REVALIDATE_WITHIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("masked key");
    }

    @Test
    void claimsRejectInvalidValues() {
        assertThatThrownBy(() -> new CertificateClaims("42", "GT7Q-****", "p", "pro", List.of(), "machine one",
                null, REVALIDATE_WITHIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("machine fingerprint");
        assertThatThrownBy(() -> new CertificateClaims("", "GT7Q-****", "p", "pro", List.of(), MACHINE,
                null, REVALIDATE_WITHIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("license id");
        assertThatThrownBy(() -> new CertificateClaims("42", "GT7Q-****", "p", "pro", List.of("a\nb"), MACHINE,
                null, REVALIDATE_WITHIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature");
        assertThatThrownBy(() -> new CertificateClaims("42", "GT7Q-****", "p", "pro", List.of(), MACHINE,
                null, Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one second");
    }
}
