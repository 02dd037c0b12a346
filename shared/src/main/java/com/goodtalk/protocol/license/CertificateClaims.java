package com.goodtalk.protocol.license;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The license terms and machine that an offline license certificate states. The issue time, the
 * re-validation time and the {@code jti} are added by {@link LicenseCertificates#issue}.
 *
 * <pre>{@code
 * CertificateClaims claims = new CertificateClaims(Long.toString(license.id()), license.maskedKey(),
 *         "goodtalk-desktop", "pro", List.of("export"), machine, license.expiresAt(), Duration.ofDays(7));
 * }</pre>
 *
 * @param licenseId the license's id in the server's store, as text; never the product key
 * @param keyHint the masked product key, such as {@code GT7Q2M-****}, for display; it must end
 *     with {@code ****} so that a full key cannot slip into a certificate
 * @param product the product code
 * @param edition the edition name
 * @param features the unlocked feature names, in order; may be empty
 * @param machine the fingerprint of the machine the certificate is for: 1 to 128 characters of
 *     {@code A-Z a-z 0-9 . _ : -}, the rule of protocol v2 requests
 * @param expiresAt the license's expiry, or {@code null} for a license that never expires
 * @param revalidateWithin how long after issue the client may run offline before it must validate
 *     online again; at least one second
 */
public record CertificateClaims(
        String licenseId,
        String keyHint,
        String product,
        String edition,
        List<String> features,
        String machine,
        Instant expiresAt,
        Duration revalidateWithin) {

    /**
     * Checks every claim.
     *
     * @throws IllegalArgumentException if a value breaks the rule in its parameter description
     */
    public CertificateClaims {
        requireName("license id", licenseId);
        requireName("key hint", keyHint);
        if (!keyHint.endsWith(CertificateFormat.KEY_HINT_SUFFIX)) {
            throw new IllegalArgumentException("The key hint must be a masked key ending with "
                    + CertificateFormat.KEY_HINT_SUFFIX + ", such as ProductKeys.mask(key) returns; a certificate"
                    + " never carries the full product key.");
        }
        requireName("product", product);
        requireName("edition", edition);
        features = List.copyOf(Objects.requireNonNull(features, "features"));
        features.forEach(feature -> requireName("feature", feature));
        Objects.requireNonNull(machine, "machine");
        if (!CertificateFormat.MACHINE_PATTERN.matcher(machine).matches()) {
            throw new IllegalArgumentException("The machine fingerprint has " + machine.length() + " characters"
                    + " or characters outside A-Z a-z 0-9 . _ : -; use the fingerprint the client sent when it"
                    + " activated (1 to 128 of those characters).");
        }
        Objects.requireNonNull(revalidateWithin, "revalidateWithin");
        if (revalidateWithin.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("revalidateWithin is " + revalidateWithin + "; give at least one"
                    + " second, such as Duration.ofDays(7).");
        }
    }

    private static void requireName(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!CertificateFormat.isName(value)) {
            throw new IllegalArgumentException("The " + what + " must be 1 to " + CertificateFormat.MAX_NAME_LENGTH
                    + " characters without control characters, got " + value.length() + " characters.");
        }
    }
}
