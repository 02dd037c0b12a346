package com.goodtalk.protocol.license;

import com.goodtalk.protocol.jose.JsonWebKeySet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An offline license certificate whose signature and claims passed every check of
 * {@link #verifyOffline}. Only that method creates instances, so holding one means the checks ran.
 *
 * <p>A client stores the certificate text it received after an online activation or validation,
 * and verifies it at each start without the network:
 *
 * <pre>{@code
 * try {
 *     LicenseCertificate certificate = LicenseCertificate.verifyOffline(storedText, pinnedKeys,
 *             MachineFingerprint.of("goodtalk-desktop"), Clock.systemUTC());
 *     if (certificate.needsRevalidation()) {
 *         // run an online validate; keep working meanwhile, or stop if it fails
 *     }
 *     unlock(certificate.features());
 * } catch (InvalidCertificateException e) {
 *     // e.failedCheck() names the check; ask the user to activate online again
 * }
 * }</pre>
 *
 * <p>Passing the re-validation time ({@code rvb}) is a state, not a failure: the license stays
 * usable, but the client must validate online, which also catches a revoked or suspended license.
 *
 * <p>NOTE: the clock rollback check compares the local clock with the issue time only. A user who
 * sets the clock back to a time between issue and expiry is not caught; a client that needs that
 * must also remember the latest time it has seen.
 */
public final class LicenseCertificate {

    /** The {@code typ} header of a license certificate. */
    public static final String TYPE = "goodtalk-license+jwt";

    /**
     * How far the local clock may be behind the certificate's issue time before verification
     * reports {@link CertificateCheck#CLOCK_ROLLBACK}: 300 seconds, the clock skew that protocol v2
     * requests may have, so a client whose clock passed the online check passes this one.
     */
    public static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(300);

    private final String compactJws;
    private final String keyId;
    private final String licenseId;
    private final String keyHint;
    private final String product;
    private final String edition;
    private final List<String> features;
    private final String machine;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final Instant revalidateBy;
    private final String jti;
    private final Instant verifiedAt;

    LicenseCertificate(String compactJws, String keyId, CertificateClaims claims, Instant issuedAt,
                       Instant revalidateBy, String jti, Instant verifiedAt) {
        this.compactJws = compactJws;
        this.keyId = keyId;
        this.licenseId = claims.licenseId();
        this.keyHint = claims.keyHint();
        this.product = claims.product();
        this.edition = claims.edition();
        this.features = claims.features();
        this.machine = claims.machine();
        this.expiresAt = claims.expiresAt();
        this.issuedAt = issuedAt;
        this.revalidateBy = revalidateBy;
        this.jti = jti;
        this.verifiedAt = verifiedAt;
    }

    /**
     * Verifies a certificate without the network, running the checks of {@link CertificateCheck}
     * in their order and stopping at the first failure.
     *
     * @param compactJws the certificate text as the server issued it
     * @param pinned the server keys that the client ships with; a key fetched at run time must
     *     never be passed here
     * @param expectedMachine the fingerprint of the machine running the check
     * @param clock the local clock
     * @throws InvalidCertificateException naming the failed check
     */
    public static LicenseCertificate verifyOffline(String compactJws, JsonWebKeySet pinned, String expectedMachine,
                                                   Clock clock) throws InvalidCertificateException {
        Objects.requireNonNull(compactJws, "compactJws");
        Objects.requireNonNull(pinned, "pinned");
        Objects.requireNonNull(expectedMachine, "expectedMachine");
        Objects.requireNonNull(clock, "clock");
        return new OfflineVerifier(pinned, clock).verify(compactJws, expectedMachine, true);
    }

    /**
     * Verifies a certificate that a client sent to re-validate its license online, on the server
     * that issued it: checks {@link CertificateCheck#SYNTAX} to {@link CertificateCheck#MACHINE}
     * against the server's own keys, but not the clock rollback and expiry checks, because a
     * certificate past its re-validate-by or expiry time is the reason to re-validate. The license's
     * status and expiry in the server's store decide the reply.
     *
     * @param compactJws the certificate text the client sent
     * @param issuerKeys the public halves of the signing keys the server holds, active and older ones
     * @param expectedMachine the machine fingerprint of the request that carried the certificate
     * @param clock the server clock, for {@link #verifiedAt()}
     * @throws InvalidCertificateException naming the failed check
     */
    public static LicenseCertificate verifyForRevalidation(String compactJws, JsonWebKeySet issuerKeys,
                                                           String expectedMachine, Clock clock)
            throws InvalidCertificateException {
        Objects.requireNonNull(compactJws, "compactJws");
        Objects.requireNonNull(issuerKeys, "issuerKeys");
        Objects.requireNonNull(expectedMachine, "expectedMachine");
        Objects.requireNonNull(clock, "clock");
        return new OfflineVerifier(issuerKeys, clock).verify(compactJws, expectedMachine, false);
    }

    /** Returns the certificate text, for storing it again. */
    public String compactJws() {
        return compactJws;
    }

    /** Returns the thumbprint of the pinned server key that signed the certificate. */
    public String keyId() {
        return keyId;
    }

    /** Returns the license's id in the server's store ({@code lic}). */
    public String licenseId() {
        return licenseId;
    }

    /** Returns the masked product key ({@code key_hint}), such as {@code GT7Q2M-****}. */
    public String keyHint() {
        return keyHint;
    }

    /** Returns the product code. */
    public String product() {
        return product;
    }

    /** Returns the edition name. */
    public String edition() {
        return edition;
    }

    /** Returns the unlocked feature names in the order the server listed them. */
    public List<String> features() {
        return features;
    }

    /** Returns the machine fingerprint the certificate was issued for. */
    public String machine() {
        return machine;
    }

    /** Returns when the server issued the certificate ({@code iat}). */
    public Instant issuedAt() {
        return issuedAt;
    }

    /** Returns the license's expiry ({@code exp}), empty for a license that never expires. */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** Returns the time from which the client must validate online again ({@code rvb}). */
    public Instant revalidateBy() {
        return revalidateBy;
    }

    /** Returns the certificate's random id ({@code jti}). */
    public String jti() {
        return jti;
    }

    /** Returns the local clock's time when the certificate was verified. */
    public Instant verifiedAt() {
        return verifiedAt;
    }

    /**
     * Tells whether the verification time is at or after {@link #revalidateBy()}, so the client must
     * validate the license online before it relies on this certificate much longer.
     */
    public boolean needsRevalidation() {
        return !verifiedAt.isBefore(revalidateBy);
    }

    /** Prints the license id, product and times; the certificate carries no secret. */
    @Override
    public String toString() {
        return "LicenseCertificate[lic=" + licenseId + ", " + keyHint + ", " + product + " " + edition + ", machine="
                + machine + ", iat=" + issuedAt + ", exp=" + (expiresAt == null ? "never" : expiresAt) + ", rvb="
                + revalidateBy + "]";
    }
}
