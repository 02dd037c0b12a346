package com.goodtalk.protocol.license;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.jose.ServerSigningKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Issues offline license certificates on the server: compact JWS signed with the server's Ed25519
 * key, the same key that signs protocol v2 replies, so clients verify both with one pinned key set.
 *
 * <pre>{@code
 * String certificate = LicenseCertificates.issue(signingKey, claims, Clock.systemUTC());
 * }</pre>
 *
 * <p>The header is {@code {"alg":"EdDSA","typ":"goodtalk-license+jwt","kid":<thumbprint>}}. The
 * payload carries the claims as {@code lic}, {@code key_hint}, {@code product}, {@code edition},
 * {@code features}, {@code machine}, then {@code iat} (issue time), {@code exp} (only when the
 * license expires), {@code rvb} (re-validate-by time) and a random {@code jti}. Times are
 * NumericDate seconds; sub-second parts are dropped, so a certificate never outlives its license.
 */
public final class LicenseCertificates {

    private LicenseCertificates() {
    }

    /**
     * Signs a certificate for {@code claims}, issued at the current time of {@code clock}.
     *
     * @return the certificate as compact JWS text, to hand to the client
     * @throws IllegalArgumentException if the license has already expired at that time
     */
    public static String issue(ServerSigningKey signingKey, CertificateClaims claims, Clock clock) {
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(clock, "clock");

        Instant issuedAt = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        if (claims.expiresAt() != null && claims.expiresAt().getEpochSecond() <= issuedAt.getEpochSecond()) {
            throw new IllegalArgumentException("The license expired at " + claims.expiresAt() + ", not after the"
                    + " issue time " + issuedAt + ". Extend the license before issuing a certificate for it.");
        }
        long revalidateBy = issuedAt.plus(claims.revalidateWithin()).getEpochSecond();

        ObjectNode payload = StrictJson.mapper().createObjectNode();
        payload.put(CertificateFormat.LICENSE_ID, claims.licenseId());
        payload.put(CertificateFormat.KEY_HINT, claims.keyHint());
        payload.put(CertificateFormat.PRODUCT, claims.product());
        payload.put(CertificateFormat.EDITION, claims.edition());
        ArrayNode features = payload.putArray(CertificateFormat.FEATURES);
        claims.features().forEach(features::add);
        payload.put(CertificateFormat.MACHINE, claims.machine());
        payload.put(CertificateFormat.ISSUED_AT, issuedAt.getEpochSecond());
        if (claims.expiresAt() != null) {
            payload.put(CertificateFormat.EXPIRES_AT, claims.expiresAt().getEpochSecond());
        }
        payload.put(CertificateFormat.REVALIDATE_BY, revalidateBy);
        payload.put(CertificateFormat.JTI, Nonces.randomUrlSafe(CertificateFormat.JTI_BYTES));
        try {
            return signingKey.signJws(LicenseCertificate.TYPE, StrictJson.mapper().writeValueAsBytes(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a certificate payload of strings and numbers", e);
        }
    }
}
