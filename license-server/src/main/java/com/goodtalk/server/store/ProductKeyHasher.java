package com.goodtalk.server.store;

import com.goodtalk.protocol.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Turns product keys into what the database stores: an HMAC-SHA256 under the key pepper and a
 * masked form for display. Without the pepper, a stolen hash cannot be checked against guessed keys.
 */
final class ProductKeyHasher {

    /** Separates this use of the pepper from any other HMAC the server may compute with it. */
    private static final String DOMAIN = "goodtalk.license-key.v1\n";

    private final Secret pepper;
    private final UnaryOperator<String> normalizer;

    ProductKeyHasher(Secret pepper, UnaryOperator<String> normalizer) {
        this.pepper = Objects.requireNonNull(pepper, "pepper");
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
    }

    /** A key's stored form. */
    record HashedKey(String hash, String masked) {}

    /**
     * Hashes a key that is being issued, after normalising it.
     *
     * @throws IllegalArgumentException if the key is blank or too long, or the normaliser rejects it
     */
    HashedKey forIssue(String productKey) {
        String normalized = normalizer.apply(requireKeyText(productKey));
        if (normalized == null || normalized.isBlank()) {
            throw new IllegalArgumentException("The product key is empty after normalisation. Issue a non-empty key.");
        }
        return new HashedKey(hash(normalized), mask(normalized));
    }

    /** Hashes a legacy key as it is, apart from surrounding whitespace. */
    HashedKey forImport(String legacyKey) {
        String stripped = requireKeyText(legacyKey).strip();
        return new HashedKey(hash(stripped), mask(stripped));
    }

    /**
     * Returns the hashes under which a typed key may be stored: as imported (stripped) first, then
     * as issued (normalised). A key the normaliser rejects or that is too long yields only what applies.
     */
    List<String> lookupHashes(String productKey) {
        List<String> hashes = new ArrayList<>(2);
        if (productKey == null || productKey.isBlank() || productKey.length() > StoreLimits.MAX_KEY_LENGTH) {
            return hashes;
        }
        hashes.add(hash(productKey.strip()));
        try {
            String normalizedHash = hash(normalizer.apply(productKey));
            if (!hashes.contains(normalizedHash)) {
                hashes.add(normalizedHash);
            }
        } catch (RuntimeException rejected) {
            // An ill-formed key can still be a legacy key stored as it was, so the first hash stays.
        }
        return hashes;
    }

    String hash(String keyText) {
        byte[] mac = pepper.hmacSha256((DOMAIN + keyText).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac);
    }

    /**
     * Masks a key for display: the first dash-separated group and {@code -****}, or the first four
     * characters and {@code ****} for a key without dashes. At most a third of the key shows, so a
     * short legacy key is not given away.
     */
    static String mask(String key) {
        int dash = key.indexOf('-');
        int visible = dash > 0 ? dash : 4;
        visible = Math.min(visible, key.length() / 3);
        boolean grouped = dash > 0 && visible == dash;
        return key.substring(0, visible) + (grouped ? "-****" : "****");
    }

    private static String requireKeyText(String productKey) {
        if (productKey == null || productKey.isBlank()) {
            throw new IllegalArgumentException("The product key is missing. Give the key to store.");
        }
        if (productKey.length() > StoreLimits.MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("The product key has " + productKey.length() + " characters, more than "
                    + StoreLimits.MAX_KEY_LENGTH + ". Check that the right text was passed as the key.");
        }
        return productKey;
    }
}
