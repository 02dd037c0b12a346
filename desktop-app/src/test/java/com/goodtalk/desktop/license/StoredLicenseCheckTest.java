package com.goodtalk.desktop.license;

import static com.goodtalk.desktop.license.TestCertificates.EXPIRES;
import static com.goodtalk.desktop.license.TestCertificates.ISSUED;
import static com.goodtalk.desktop.license.TestCertificates.MACHINE;
import static com.goodtalk.desktop.license.TestCertificates.OTHER_MACHINE;
import static com.goodtalk.desktop.license.TestCertificates.PINNED;
import static com.goodtalk.desktop.license.TestCertificates.PRODUCT_ID;
import static com.goodtalk.desktop.license.TestCertificates.SERVER_KEY;
import static com.goodtalk.desktop.license.TestCertificates.at;
import static com.goodtalk.desktop.license.TestCertificates.issue;
import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.protocol.license.CertificateCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launch check of a stored certificate: each check that rejects it, rollback and the grace period. */
class StoredLicenseCheckTest {

    private static final Instant REVALIDATE_BY = ISSUED.plus(TestCertificates.REVALIDATE_WITHIN);

    @TempDir
    Path dataDir;

    private LicenseStorage storage;

    @BeforeEach
    void storage() {
        storage = new LicenseStorage(dataDir);
    }

    private LicenseState checkAt(Instant now) {
        return new StoredLicenseCheck(storage, PRODUCT_ID, PINNED, MACHINE, at(now), StoredLicenseCheck.DEFAULT_GRACE)
                .check();
    }

    @Test
    void nothingStoredIsNotStored() {
        LicenseState state = checkAt(ISSUED);

        assertThat(state.kind()).isEqualTo(LicenseState.Kind.NOT_STORED);
        assertThat(state.isLicensed()).isFalse();
        assertThat(state.message()).contains(dataDir.toString());
    }

    @Test
    void validCertificateIsLicensed() {
        storage.writeCertificate(PRODUCT_ID, issue());

        LicenseState state = checkAt(ISSUED.plusSeconds(3_600));

        assertThat(state.kind()).isEqualTo(LicenseState.Kind.LICENSED);
        assertThat(state.isLicensed()).isTrue();
        assertThat(state.certificate().orElseThrow().edition()).isEqualTo("pro");
        assertThat(storage.lastSeen()).contains(ISSUED.plusSeconds(3_600));
    }

    @Test
    void anotherMachinesCertificateIsIgnoredButKept() {
        storage.writeCertificate(PRODUCT_ID, issue(SERVER_KEY, OTHER_MACHINE, EXPIRES, ISSUED));

        LicenseState state = checkAt(ISSUED.plusSeconds(60));

        assertThat(state.kind()).isEqualTo(LicenseState.Kind.INVALID);
        assertThat(state.failedCheck()).contains(CertificateCheck.MACHINE);
        assertThat(state.message()).contains("check machine failed").contains("left in place but ignored");
        assertThat(storage.readCertificate(PRODUCT_ID)).isPresent();
    }

    @Test
    void tamperedCertificateFailsSignature() {
        String certificate = issue();
        String[] parts = certificate.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String edited = payload.replace("\"pro\"", "\"max\"");
        storage.writeCertificate(PRODUCT_ID, parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(edited.getBytes()) + "." + parts[2]);

        LicenseState state = checkAt(ISSUED.plusSeconds(60));

        assertThat(state.kind()).isEqualTo(LicenseState.Kind.INVALID);
        assertThat(state.failedCheck()).contains(CertificateCheck.SIGNATURE);
    }

    @Test
    void certificateOfUnpinnedKeyFailsKeyId() {
        storage.writeCertificate(PRODUCT_ID, issue(ServerSigningKey.generate(), MACHINE, EXPIRES, ISSUED));

        LicenseState state = checkAt(ISSUED.plusSeconds(60));

        assertThat(state.kind()).isEqualTo(LicenseState.Kind.INVALID);
        assertThat(state.failedCheck()).contains(CertificateCheck.KEY_ID);
    }

    @Test
    void expiredLicenseFailsExpired() {
        Instant expires = ISSUED.plus(Duration.ofDays(2));
        storage.writeCertificate(PRODUCT_ID, issue(SERVER_KEY, MACHINE, expires, ISSUED));

        LicenseState state = checkAt(expires.plusSeconds(1));

        assertThat(state.kind()).isEqualTo(LicenseState.Kind.INVALID);
        assertThat(state.failedCheck()).contains(CertificateCheck.EXPIRED);
        assertThat(state.isLicensed()).isFalse();
    }

    @Test
    void clockBeforeIssueTimeIsRollback() {
        storage.writeCertificate(PRODUCT_ID, issue());

        LicenseState state = checkAt(ISSUED.minus(Duration.ofMinutes(6)));

        assertThat(state.kind()).isEqualTo(LicenseState.Kind.CLOCK_ROLLBACK);
        assertThat(state.isLicensed()).isFalse();
        assertThat(state.message()).startsWith("The system clock was set back");
    }

    @Test
    void clockBeforeLastSeenIsRollback() {
        storage.writeCertificate(PRODUCT_ID, issue());
        assertThat(checkAt(ISSUED.plus(Duration.ofDays(3))).isLicensed()).isTrue();

        LicenseState state = checkAt(ISSUED.plus(Duration.ofDays(1)));

        assertThat(state.kind()).isEqualTo(LicenseState.Kind.CLOCK_ROLLBACK);
        assertThat(state.isLicensed()).isFalse();
        assertThat(state.message()).startsWith("The system clock was set back")
                .contains(ISSUED.plus(Duration.ofDays(3)).toString());
        assertThat(storage.lastSeen()).contains(ISSUED.plus(Duration.ofDays(3)));
    }

    @Test
    void clockWithinToleranceOfLastSeenIsAccepted() {
        storage.writeCertificate(PRODUCT_ID, issue());
        Instant seen = ISSUED.plus(Duration.ofDays(3));
        checkAt(seen);

        assertThat(checkAt(seen.minus(StoredLicenseCheck.CLOCK_TOLERANCE)).kind())
                .isEqualTo(LicenseState.Kind.LICENSED);
        assertThat(checkAt(seen.minus(StoredLicenseCheck.CLOCK_TOLERANCE).minusSeconds(1)).kind())
                .isEqualTo(LicenseState.Kind.CLOCK_ROLLBACK);
    }

    @Test
    void pastRevalidateByIsDueWithDaysLeft() {
        storage.writeCertificate(PRODUCT_ID, issue());

        LicenseState state = checkAt(REVALIDATE_BY.plus(Duration.ofDays(4)));

        assertThat(state.kind()).isEqualTo(LicenseState.Kind.REVALIDATION_DUE);
        assertThat(state.isLicensed()).isTrue();
        assertThat(state.graceEnds()).contains(REVALIDATE_BY.plus(Duration.ofDays(14)));
        assertThat(state.message()).contains("still accepted for 10 days");
    }

    @Test
    void lastHoursOfGraceCountAsOneDay() {
        storage.writeCertificate(PRODUCT_ID, issue());

        LicenseState state = checkAt(REVALIDATE_BY.plus(Duration.ofDays(14)).minusSeconds(1));

        assertThat(state.kind()).isEqualTo(LicenseState.Kind.REVALIDATION_DUE);
        assertThat(state.message()).contains("still accepted for 1 day ");
    }

    @Test
    void afterGracePeriodIsNotAccepted() {
        storage.writeCertificate(PRODUCT_ID, issue());

        LicenseState state = checkAt(REVALIDATE_BY.plus(Duration.ofDays(14)));

        assertThat(state.kind()).isEqualTo(LicenseState.Kind.GRACE_EXPIRED);
        assertThat(state.isLicensed()).isFalse();
        assertThat(state.message()).contains("no longer accepted");
    }

    @Test
    void shorterGraceEndsSooner() {
        storage.writeCertificate(PRODUCT_ID, issue());
        StoredLicenseCheck check = new StoredLicenseCheck(storage, PRODUCT_ID, PINNED, MACHINE,
                at(REVALIDATE_BY.plus(Duration.ofDays(2))), Duration.ofDays(1));

        assertThat(check.check().kind()).isEqualTo(LicenseState.Kind.GRACE_EXPIRED);
    }
}
