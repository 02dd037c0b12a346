package com.goodtalk.server.license;

import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.protocol.license.CertificateClaims;
import com.goodtalk.protocol.license.LicenseCertificates;
import com.goodtalk.protocol.v2.V2License;
import com.goodtalk.server.keys.SigningKeys;
import com.goodtalk.server.store.ActivationResult;
import com.goodtalk.server.store.DeactivationOutcome;
import com.goodtalk.server.store.License;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.LicenseView;
import com.goodtalk.server.store.ValidationResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link LicenseService} over the database-backed {@link LicenseStore}: seats, statuses and
 * expiry live in the database, so they outlive restarts and hold across server instances that
 * share it. The store locks each license while it takes a seat, which keeps the seat limit.
 *
 * <p>Every {@code activated} and {@code valid} decision carries an offline license certificate
 * ({@link LicenseCertificates}) for the machine, signed with the server's active reply key and
 * due for re-validation {@code revalidateAfter} after it was issued.
 *
 * <pre>{@code
 * LicenseService licenses = new StoreLicenseService(store, signingKeys, Duration.ofDays(7), Clock.systemUTC());
 * }</pre>
 */
public final class StoreLicenseService implements LicenseService {

    /** How long a certificate lets a client run offline when nothing else is set. */
    public static final Duration DEFAULT_REVALIDATE_AFTER = Duration.ofDays(7);

    private final LicenseStore store;
    private final SigningKeys signingKeys;
    private final Duration revalidateAfter;
    private final Clock clock;

    /**
     * Creates the service; the caller keeps ownership of the store and closes it.
     *
     * @param revalidateAfter how long after issue a certificate's re-validate-by time lies, at least 1 s
     * @throws IllegalArgumentException if {@code revalidateAfter} is shorter than one second
     */
    public StoreLicenseService(LicenseStore store, SigningKeys signingKeys, Duration revalidateAfter, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.signingKeys = Objects.requireNonNull(signingKeys, "signingKeys");
        this.revalidateAfter = Objects.requireNonNull(revalidateAfter, "revalidateAfter");
        if (revalidateAfter.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("The re-validation interval is " + revalidateAfter
                    + "; give at least one second, such as 7 days.");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public LicenseDecision activate(String productKey, String machine) {
        ActivationResult result = store.activate(productKey, machine);
        return switch (result.outcome()) {
            case ACTIVATED -> granted(LicenseStatus.ACTIVATED, result.message(), productKey, machine,
                    result.license());
            case SEAT_LIMIT_REACHED -> LicenseDecision.withoutLicense(LicenseStatus.SEAT_LIMIT_REACHED,
                    "All " + result.license().seatLimit() + " seats of the key " + ProductKeys.mask(productKey)
                            + " are held by other machines. Deactivate the key on one of them, then activate it"
                            + " here again, or ask the vendor for more seats.");
            case KEY_INVALID -> unknownKey(productKey);
            case KEY_SUSPENDED -> suspended(productKey);
            case KEY_REVOKED -> revoked(productKey);
            case KEY_EXPIRED -> expired(productKey, result.license());
        };
    }

    @Override
    public LicenseDecision validate(String productKey, String machine) {
        ValidationResult result = store.validate(productKey, machine);
        return switch (result.outcome()) {
            case VALID -> granted(LicenseStatus.VALID, "The key is activated on this machine; "
                    + result.license().seatsUsed() + " of " + result.license().seatLimit() + " seats are in use.",
                    productKey, machine, result.license());
            case NOT_ACTIVATED -> LicenseDecision.withoutLicense(LicenseStatus.NOT_ACTIVATED, "This machine holds"
                    + " no seat on the key " + ProductKeys.mask(productKey) + ". Activate the key on this machine first.");
            case KEY_INVALID -> unknownKey(productKey);
            case KEY_SUSPENDED -> suspended(productKey);
            case KEY_REVOKED -> revoked(productKey);
            case KEY_EXPIRED -> expired(productKey, result.license());
        };
    }

    @Override
    public LicenseDecision deactivate(String productKey, String machine) {
        DeactivationOutcome outcome = store.deactivate(productKey, machine);
        return switch (outcome) {
            case DEACTIVATED -> LicenseDecision.withoutLicense(LicenseStatus.DEACTIVATED, "This machine's seat on"
                    + " the key " + ProductKeys.mask(productKey) + " is freed.");
            case NOT_ACTIVATED -> LicenseDecision.withoutLicense(LicenseStatus.NOT_ACTIVATED, "This machine holds"
                    + " no seat on the key " + ProductKeys.mask(productKey) + ", so there is nothing to deactivate.");
            case KEY_INVALID -> unknownKey(productKey);
        };
    }

    private LicenseDecision granted(LicenseStatus status, String message, String productKey, String machine,
                                    LicenseView view) {
        V2License license = new V2License(view.productCode(), view.edition(), view.features(),
                Optional.ofNullable(view.expiresAt()), view.seatsUsed(), view.seatLimit(), machine);
        // The view carries no id or masked key, so the certificate reads them from the license row.
        Optional<License> stored = store.findByKey(productKey);
        if (stored.isEmpty()) {
            return unknownKey(productKey);
        }
        CertificateClaims claims = new CertificateClaims(Long.toString(stored.get().id()), stored.get().maskedKey(),
                view.productCode(), view.edition(), view.features(), machine, view.expiresAt(), revalidateAfter);
        String certificate;
        try {
            certificate = LicenseCertificates.issue(signingKeys.active(), claims, clock);
        } catch (IllegalArgumentException expiredMeanwhile) {
            // The license expired between the store's check and now.
            return expired(productKey, view);
        }
        return LicenseDecision.granted(status, message, license.withCertificate(certificate));
    }

    private static LicenseDecision unknownKey(String productKey) {
        return LicenseDecision.withoutLicense(LicenseStatus.KEY_INVALID, "The product key "
                + ProductKeys.mask(productKey) + " is not known to this server. Check the key on your license, or"
                + " ask the vendor for a valid one.");
    }

    private static LicenseDecision suspended(String productKey) {
        return LicenseDecision.withoutLicense(LicenseStatus.KEY_SUSPENDED, "The license of the key "
                + ProductKeys.mask(productKey) + " is suspended. Contact the vendor to have it reinstated.");
    }

    private static LicenseDecision revoked(String productKey) {
        return LicenseDecision.withoutLicense(LicenseStatus.KEY_REVOKED, "The license of the key "
                + ProductKeys.mask(productKey) + " is revoked and can no longer be used. Buy a new license.");
    }

    private static LicenseDecision expired(String productKey, LicenseView view) {
        return LicenseDecision.withoutLicense(LicenseStatus.KEY_EXPIRED, "The license of the key "
                + ProductKeys.mask(productKey) + " expired at " + view.expiresAt() + ". Renew it to continue.");
    }

    @Override
    public String toString() {
        return "StoreLicenseService[certificates re-validate after " + revalidateAfter + "]";
    }
}
