package com.goodtalk.protocol.license;

import static com.goodtalk.protocol.license.CertificateForge.EXPIRES;
import static com.goodtalk.protocol.license.CertificateForge.MACHINE;
import static com.goodtalk.protocol.license.CertificateForge.NOW;
import static com.goodtalk.protocol.license.CertificateForge.OTHER_MACHINE;
import static com.goodtalk.protocol.license.CertificateForge.PINNED;
import static com.goodtalk.protocol.license.CertificateForge.at;
import static com.goodtalk.protocol.license.CertificateForge.genuine;
import static com.goodtalk.protocol.license.CertificateForge.genuinePayload;
import static com.goodtalk.protocol.license.CertificateForge.parts;
import static com.goodtalk.protocol.license.CertificateForge.signedPayload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerSigningKey;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link LicenseCertificate#verifyForRevalidation}, the server's check of a certificate that a
 * client sends instead of its product key: the times that make a client re-validate do not block
 * it, but every check of origin and binding still does.
 */
class RevalidationVerifyTest {

    private static InvalidCertificateException failure(String certificate, JsonWebKeySet keys, String machine) {
        InvalidCertificateException e = catchThrowableOfType(() -> LicenseCertificate.verifyForRevalidation(
                certificate, keys, machine, at(NOW)), InvalidCertificateException.class);
        assertThat(e).as("the certificate must be rejected").isNotNull();
        return e;
    }

    @Test
    void certificatePastRevalidateByAndExpiryVerifies() throws Exception {
        Clock afterExpiry = at(EXPIRES.plus(Duration.ofDays(30)));

        LicenseCertificate verified = LicenseCertificate.verifyForRevalidation(genuine(), PINNED, MACHINE,
                afterExpiry);

        assertThat(verified.licenseId()).isEqualTo("42");
        assertThat(verified.needsRevalidation()).isTrue();
        InvalidCertificateException offline = catchThrowableOfType(() -> LicenseCertificate.verifyOffline(genuine(),
                PINNED, MACHINE, afterExpiry), InvalidCertificateException.class);
        assertThat(offline.failedCheck()).as("offline, the same certificate is expired")
                .isEqualTo(CertificateCheck.EXPIRED);
    }

    @Test
    void clockBeforeIssueStillVerifies() throws Exception {
        LicenseCertificate verified = LicenseCertificate.verifyForRevalidation(genuine(), PINNED, MACHINE,
                at(NOW.minus(Duration.ofDays(2))));

        assertThat(verified.machine()).isEqualTo(MACHINE);
    }

    @Test
    void anotherMachineRejected() {
        assertThat(failure(genuine(), PINNED, OTHER_MACHINE).failedCheck()).isEqualTo(CertificateCheck.MACHINE);
    }

    @Test
    void unknownSigningKeyRejected() {
        JsonWebKeySet otherKeys = JsonWebKeySet.of(ServerSigningKey.generate().publicKey());

        assertThat(failure(genuine(), otherKeys, MACHINE).failedCheck()).isEqualTo(CertificateCheck.KEY_ID);
    }

    @Test
    void editedClaimRejected() {
        String[] genuineParts = parts(genuine());
        ObjectNode payload = genuinePayload();
        payload.put("lic", "43");
        String edited = genuineParts[0] + "." + parts(signedPayload(payload))[1] + "." + genuineParts[2];

        assertThat(failure(edited, PINNED, MACHINE).failedCheck()).isEqualTo(CertificateCheck.SIGNATURE);
    }
}
