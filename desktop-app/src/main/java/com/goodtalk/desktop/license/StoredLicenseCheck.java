package com.goodtalk.desktop.license;

import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.license.CertificateCheck;
import com.goodtalk.protocol.license.InvalidCertificateException;
import com.goodtalk.protocol.license.LicenseCertificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks the stored license of one product at launch, without the network: the certificate's
 * signature against the pinned keys, this machine's fingerprint and the expiry (see
 * {@link LicenseCertificate#verifyOffline}), then a clock set back before the latest time this
 * app has seen, then the re-validate-by time and the grace period after it.
 *
 * <p>Each check that finds the clock not set back records the current time as seen, so a later
 * launch with an earlier clock is caught even between the certificate's issue and expiry times.
 */
public final class StoredLicenseCheck {

    /** How long a license past its re-validate-by time is still accepted when the server cannot be reached. */
    public static final Duration DEFAULT_GRACE = Duration.ofDays(14);

    /** How far the clock may be behind the latest time seen before it counts as set back. */
    public static final Duration CLOCK_TOLERANCE = LicenseCertificate.CLOCK_TOLERANCE;

    private final LicenseStorage storage;
    private final String productId;
    private final JsonWebKeySet pinnedKeys;
    private final String machine;
    private final Clock clock;
    private final Duration grace;

    /**
     * Creates a check.
     *
     * @param storage    where the certificate and the latest time seen are stored
     * @param productId  the product whose certificate is checked
     * @param pinnedKeys the server keys the app ships with
     * @param machine    this machine's fingerprint for the product
     * @param clock      the local clock
     * @param grace      how long after the re-validate-by time the license is still accepted offline
     */
    public StoredLicenseCheck(LicenseStorage storage, String productId, JsonWebKeySet pinnedKeys, String machine,
                              Clock clock, Duration grace) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.productId = Objects.requireNonNull(productId, "productId");
        this.pinnedKeys = Objects.requireNonNull(pinnedKeys, "pinnedKeys");
        this.machine = Objects.requireNonNull(machine, "machine");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.grace = Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("The grace period is " + grace + "; give zero or more days.");
        }
    }

    /** Returns the storage this check reads. */
    public LicenseStorage storage() {
        return storage;
    }

    /** Returns the product id whose certificate this check reads. */
    public String productId() {
        return productId;
    }

    /** Returns the machine fingerprint the certificate must name. */
    public String machine() {
        return machine;
    }

    /** Returns the clock this check reads. */
    public Clock clock() {
        return clock;
    }

    /** Checks the stored certificate and records the current time as seen unless the clock was set back. */
    public LicenseState check() {
        Optional<String> stored = storage.readCertificate(productId);
        if (stored.isEmpty()) {
            return LicenseState.of(LicenseState.Kind.NOT_STORED, "No license is stored for " + productId + " in "
                    + storage.directory() + ". Activate the product key to store one.");
        }
        return check(stored.get(), Optional.empty(), true);
    }

    /**
     * Checks a certificate that the server has just sent, and records the latest of its issue time,
     * {@code serverTime} and the local clock as seen. The caller stores it only if the state is licensed.
     */
    LicenseState check(String compactJws, Optional<Instant> serverTime) {
        return check(compactJws, serverTime, false);
    }

    private LicenseState check(String compactJws, Optional<Instant> serverTime, boolean stored) {
        Instant now = clock.instant();
        Optional<Instant> lastSeen = storage.lastSeen();
        if (lastSeen.isPresent() && now.isBefore(lastSeen.get().minus(CLOCK_TOLERANCE))) {
            return LicenseState.of(LicenseState.Kind.CLOCK_ROLLBACK, "The system clock was set back: it reads " + now
                    + ", but this app already saw " + lastSeen.get() + ". Set the clock to the correct time;"
                    + " until then the license is not accepted.");
        }

        LicenseCertificate certificate;
        try {
            certificate = LicenseCertificate.verifyOffline(compactJws, pinnedKeys, machine, clock);
        } catch (InvalidCertificateException e) {
            return invalid(e, stored);
        }
        Instant seen = now.isAfter(certificate.issuedAt()) ? now : certificate.issuedAt();
        if (serverTime.isPresent() && serverTime.get().isAfter(seen)) {
            seen = serverTime.get();
        }
        storage.recordSeen(seen.truncatedTo(ChronoUnit.SECONDS));

        if (!certificate.needsRevalidation()) {
            return new LicenseState(LicenseState.Kind.LICENSED, "Licensed: " + certificate.product() + " "
                    + certificate.edition() + " on this machine, checked offline. Re-validate online by "
                    + certificate.revalidateBy() + ".", Optional.of(certificate), Optional.empty(), Optional.empty());
        }
        Instant graceEnds = certificate.revalidateBy().plus(grace);
        if (now.isBefore(graceEnds)) {
            long daysLeft = daysLeft(now, graceEnds);
            return new LicenseState(LicenseState.Kind.REVALIDATION_DUE, "The license must be re-validated online"
                    + " since " + certificate.revalidateBy() + ". It is still accepted for " + daysLeft
                    + (daysLeft == 1 ? " day" : " days") + " (until " + graceEnds + "); connect to the license"
                    + " server and re-validate.", Optional.of(certificate), Optional.empty(), Optional.of(graceEnds));
        }
        return new LicenseState(LicenseState.Kind.GRACE_EXPIRED, "The license was not re-validated online by "
                + certificate.revalidateBy() + " and its grace period ended at " + graceEnds + ", so it is no"
                + " longer accepted. Connect to the license server and re-validate.", Optional.of(certificate),
                Optional.empty(), Optional.of(graceEnds));
    }

    private LicenseState invalid(InvalidCertificateException e, boolean stored) {
        CertificateCheck failed = e.failedCheck();
        if (failed == CertificateCheck.CLOCK_ROLLBACK) {
            return new LicenseState(LicenseState.Kind.CLOCK_ROLLBACK, "The system clock was set back: "
                    + e.getMessage(), Optional.empty(), Optional.of(failed), Optional.empty());
        }
        String where = stored ? " The file " + storage.certificateFile(productId) + " is left in place but ignored."
                : "";
        return new LicenseState(LicenseState.Kind.INVALID, "The " + (stored ? "stored " : "") + "license is not"
                + " accepted (check " + failed.name().toLowerCase(Locale.ROOT) + " failed): " + e.getMessage() + where,
                Optional.empty(), Optional.of(failed), Optional.empty());
    }

    /** Returns the whole days left until {@code end}, rounded up, so the last hours count as one day. */
    private static long daysLeft(Instant now, Instant end) {
        long seconds = Duration.between(now, end).getSeconds();
        return (seconds + 86_399) / 86_400;
    }
}
