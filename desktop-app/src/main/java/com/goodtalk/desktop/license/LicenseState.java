package com.goodtalk.desktop.license;

import com.goodtalk.protocol.license.CertificateCheck;
import com.goodtalk.protocol.license.LicenseCertificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of the stored license after a launch check, a re-validation or a deactivation.
 *
 * @param kind        what the check found
 * @param message     one or two sentences for the user that say what was found and what to do
 * @param certificate the verified certificate, for {@link Kind#LICENSED}, {@link Kind#REVALIDATION_DUE},
 *                    {@link Kind#OFFLINE_GRACE} and {@link Kind#GRACE_EXPIRED}
 * @param failedCheck the certificate check that failed, for {@link Kind#INVALID} and {@link Kind#CLOCK_ROLLBACK}
 *                    when the certificate's own check caught it
 * @param graceEnds   when the grace period after the re-validate-by time ends, for
 *                    {@link Kind#REVALIDATION_DUE}, {@link Kind#OFFLINE_GRACE} and {@link Kind#GRACE_EXPIRED}
 */
public record LicenseState(Kind kind, String message, Optional<LicenseCertificate> certificate,
                           Optional<CertificateCheck> failedCheck, Optional<Instant> graceEnds) {

    /** The outcome of a check of the stored license. */
    public enum Kind {
        /** A valid certificate for this machine whose re-validate-by time has not come. */
        LICENSED,
        /** A valid certificate past its re-validate-by time, still accepted during the grace period. */
        REVALIDATION_DUE,
        /**
         * Like {@link #REVALIDATION_DUE}, after an online re-validation that failed because the server
         * could not be reached or its reply failed verification; still accepted during the grace period.
         */
        OFFLINE_GRACE,
        /** A valid certificate past the grace period after its re-validate-by time; not accepted. */
        GRACE_EXPIRED,
        /** The system clock is earlier than the certificate's issue time or the latest time seen; not accepted. */
        CLOCK_ROLLBACK,
        /** The stored certificate failed a check (another machine, tampered, unpinned key, expired). */
        INVALID,
        /** No certificate is stored for the product. */
        NOT_STORED
    }

    public LicenseState {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(failedCheck, "failedCheck");
        Objects.requireNonNull(graceEnds, "graceEnds");
    }

    static LicenseState of(Kind kind, String message) {
        return new LicenseState(kind, message, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * Tells whether the product may run licensed: {@link Kind#LICENSED}, {@link Kind#REVALIDATION_DUE}
     * or {@link Kind#OFFLINE_GRACE}.
     */
    public boolean isLicensed() {
        return kind == Kind.LICENSED || kind == Kind.REVALIDATION_DUE || kind == Kind.OFFLINE_GRACE;
    }
}
