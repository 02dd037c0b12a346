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
import com.goodtalk.server.store.ValidationOutcome;
import com.goodtalk.server.store.ValidationResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

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
            case KEY_SUSPENDED -> suspended(ProductKeys.mask(productKey));
            case KEY_REVOKED -> revoked(ProductKeys.mask(productKey));
            case KEY_EXPIRED -> expired(ProductKeys.mask(productKey), result.license());
        };
    }

    @Override
    public LicenseDecision validate(String productKey, String machine) {
        ValidationResult result = store.validate(productKey, machine);
        if (result.outcome() == ValidationOutcome.KEY_INVALID) {
            return unknownKey(productKey);
        }
        return validation(result, ProductKeys.mask(productKey), message -> granted(LicenseStatus.VALID, message,
                productKey, machine, result.license()));
    }

    @Override
    public LicenseDecision validateLicense(long licenseId, String machine) {
        ValidationResult result = store.validateById(licenseId, machine);
        if (result.outcome() == ValidationOutcome.KEY_INVALID) {
            return unknownLicense(licenseId);
        }
        License license = store.show(licenseId);
        return validation(result, license.maskedKey(), message -> granted(LicenseStatus.VALID, message, license,
                machine, result.license()));
    }

    /** Returns the decision on a validation of a known license; {@code grant} makes the {@code valid} one. */
    private static LicenseDecision validation(ValidationResult result, String maskedKey,
                                              Function<String, LicenseDecision> grant) {
        return switch (result.outcome()) {
            case VALID -> grant.apply("The key is activated on this machine; " + result.license().seatsUsed()
                    + " of " + result.license().seatLimit() + " seats are in use.");
            case NOT_ACTIVATED -> LicenseDecision.withoutLicense(LicenseStatus.NOT_ACTIVATED, "This machine holds"
                    + " no seat on the key " + maskedKey + ". Activate the key on this machine first.");
            case KEY_SUSPENDED -> suspended(maskedKey);
            case KEY_REVOKED -> revoked(maskedKey);
            case KEY_EXPIRED -> expired(maskedKey, result.license());
            case KEY_INVALID -> throw new IllegalStateException("A key_invalid outcome has no license to name.");
        };
    }

    @Override
    public LicenseDecision deactivate(String productKey, String machine) {
        DeactivationOutcome outcome = store.deactivate(productKey, machine);
        return outcome == DeactivationOutcome.KEY_INVALID ? unknownKey(productKey)
                : deactivation(outcome, ProductKeys.mask(productKey));
    }

    @Override
    public LicenseDecision deactivateLicense(long licenseId, String machine) {
        DeactivationOutcome outcome = store.deactivateById(licenseId, machine);
        return outcome == DeactivationOutcome.KEY_INVALID ? unknownLicense(licenseId)
                : deactivation(outcome, store.show(licenseId).maskedKey());
    }

    private static LicenseDecision deactivation(DeactivationOutcome outcome, String maskedKey) {
        return switch (outcome) {
            case DEACTIVATED -> LicenseDecision.withoutLicense(LicenseStatus.DEACTIVATED, "This machine's seat on"
                    + " the key " + maskedKey + " is freed.");
            case NOT_ACTIVATED -> LicenseDecision.withoutLicense(LicenseStatus.NOT_ACTIVATED, "This machine holds"
                    + " no seat on the key " + maskedKey + ", so there is nothing to deactivate.");
            case KEY_INVALID -> throw new IllegalStateException("A key_invalid outcome has no license to name.");
        };
    }

    private LicenseDecision granted(LicenseStatus status, String message, String productKey, String machine,
                                    LicenseView view) {
        // The view carries no id or masked key, so the certificate reads them from the license row.
        Optional<License> stored = store.findByKey(productKey);
        if (stored.isEmpty()) {
            return unknownKey(productKey);
        }
        return granted(status, message, stored.get(), machine, view);
    }

    private LicenseDecision granted(LicenseStatus status, String message, License stored, String machine,
                                    LicenseView view) {
        V2License license = new V2License(view.productCode(), view.edition(), view.features(),
                Optional.ofNullable(view.expiresAt()), view.seatsUsed(), view.seatLimit(), machine);
        CertificateClaims claims = new CertificateClaims(Long.toString(stored.id()), stored.maskedKey(),
                view.productCode(), view.edition(), view.features(), machine, view.expiresAt(), revalidateAfter);
        String certificate;
        try {
            certificate = LicenseCertificates.issue(signingKeys.active(), claims, clock);
        } catch (IllegalArgumentException expiredMeanwhile) {
            // The license expired between the store's check and now.
            return expired(stored.maskedKey(), view);
        }
        return LicenseDecision.granted(status, message, license.withCertificate(certificate));
    }

    private static LicenseDecision unknownKey(String productKey) {
        return LicenseDecision.withoutLicense(LicenseStatus.KEY_INVALID, "The product key "
                + ProductKeys.mask(productKey) + " is not known to this server. Check the key on your license, or"
                + " ask the vendor for a valid one.");
    }

    private static LicenseDecision unknownLicense(long licenseId) {
        return LicenseDecision.withoutLicense(LicenseStatus.CERTIFICATE_INVALID, "The license certificate names"
                + " the license " + licenseId + ", which this server does not know. Send the product key instead"
                + " of the certificate.");
    }

    private static LicenseDecision suspended(String maskedKey) {
        return LicenseDecision.withoutLicense(LicenseStatus.KEY_SUSPENDED, "The license of the key "
                + maskedKey + " is suspended. Contact the vendor to have it reinstated.");
    }

    private static LicenseDecision revoked(String maskedKey) {
        return LicenseDecision.withoutLicense(LicenseStatus.KEY_REVOKED, "The license of the key "
                + maskedKey + " is revoked and can no longer be used. Buy a new license.");
    }

    private static LicenseDecision expired(String maskedKey, LicenseView view) {
        return LicenseDecision.withoutLicense(LicenseStatus.KEY_EXPIRED, "The license of the key "
                + maskedKey + " expired at " + view.expiresAt() + ". Renew it to continue.");
    }

    @Override
    public String toString() {
        return "StoreLicenseService[certificates re-validate after " + revalidateAfter + "]";
    }
}
