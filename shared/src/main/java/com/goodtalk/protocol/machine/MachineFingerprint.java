package com.goodtalk.protocol.machine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A per-product fingerprint of this machine that a client sends with an activation.
 *
 * <p>Scheme {@code mf1}: {@code "mf1:" + base64url(HMAC-SHA256(key, "goodtalk-mf1:" + productId))}
 * without padding, where the key is the 16 bytes of the machine identifier from a
 * {@link MachineIdSource}. Like systemd's {@code sd_id128_get_machine_app_specific()} (see
 * {@code sd_id128_get_machine(3)}), it keys HMAC-SHA256 with the machine identifier, so the
 * identifier cannot be recovered from the fingerprint and two products on one machine get
 * unrelated fingerprints. The prefix names the recipe, so a later scheme can change it and
 * the server can tell the schemes apart.
 *
 * <pre>{@code
 * String fingerprint = MachineFingerprint.of("com.example.editor");  // mf1:...
 * }</pre>
 */
public final class MachineFingerprint {

    /** The scheme name of the current recipe. */
    public static final String SCHEME = "mf1";

    /** The length of an {@code mf1} fingerprint: the 4-character prefix and 43 base64url characters. */
    public static final int LENGTH = 47;

    /** The maximum length of a product id, in UTF-16 units. */
    public static final int MAX_PRODUCT_ID_LENGTH = 200;

    private static final String PREFIX = SCHEME + ":";
    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final String DOMAIN = "goodtalk-" + SCHEME + ":";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private MachineFingerprint() {
    }

    /**
     * Computes the fingerprint of this machine for a product, reading the identifier of the
     * current operating system.
     *
     * @throws MachineIdUnavailableException if the machine identifier is missing or malformed
     * @throws IllegalArgumentException if the product id is blank, too long or contains a control character
     */
    public static String of(String productId) throws MachineIdUnavailableException {
        return of(productId, MachineIdSource.forCurrentOs());
    }

    /**
     * Computes the fingerprint for a product from the identifier that {@code source} returns.
     *
     * @throws MachineIdUnavailableException if the source fails or returns anything other than
     *         32 lower-case hexadecimal digits
     * @throws IllegalArgumentException if the product id is blank, too long or contains a control character
     */
    public static String of(String productId, MachineIdSource source) throws MachineIdUnavailableException {
        requireValidProductId(productId);
        Objects.requireNonNull(source, "source");

        String machineId = source.machineId();
        if (machineId == null || !MachineIds.CANONICAL.matcher(machineId).matches()) {
            throw new MachineIdUnavailableException("machine id source " + source.getClass().getName()
                    + " returned " + (machineId == null ? "null" : machineId.length() + " characters")
                    + " instead of 32 lower-case hexadecimal digits");
        }
        byte[] digest = hmacSha256(HexFormat.of().parseHex(machineId),
                (DOMAIN + productId).getBytes(StandardCharsets.UTF_8));
        return PREFIX + ENCODER.encodeToString(digest);
    }

    /**
     * Tells whether a value is a well-formed {@code mf1} fingerprint: the prefix {@code mf1:}
     * followed by exactly 43 base64url characters that encode 32 bytes, without padding. The
     * server rejects any other value as malformed.
     */
    public static boolean isWellFormed(String fingerprint) {
        if (fingerprint == null || fingerprint.length() != LENGTH || !fingerprint.startsWith(PREFIX)) {
            return false;
        }
        String encoded = fingerprint.substring(PREFIX.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!base64url) {
                return false;
            }
        }
        // 43 characters carry 258 bits. A canonical encoding of 32 bytes leaves the last 2 at zero.
        return ENCODER.encodeToString(Base64.getUrlDecoder().decode(encoded)).equals(encoded);
    }

    private static void requireValidProductId(String productId) {
        Objects.requireNonNull(productId, "productId");
        if (productId.isBlank() || productId.length() > MAX_PRODUCT_ID_LENGTH
                || productId.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("productId must be 1 to " + MAX_PRODUCT_ID_LENGTH
                    + " characters, not blank and without control characters, got " + productId.length()
                    + " characters");
        }
    }

    private static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required on every Java platform but is unavailable", e);
        }
    }
}
