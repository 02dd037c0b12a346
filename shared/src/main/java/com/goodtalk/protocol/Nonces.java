package com.goodtalk.protocol;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random nonces in the URL-safe base64 alphabet ({@code A-Z a-z 0-9 - _}) without padding.
 *
 * <p>All nonces come from one {@link SecureRandom}, which is safe to share between threads.
 */
public final class Nonces {

    /** The size of the nonces our clients send: 128 random bits. */
    public static final int CLIENT_NONCE_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private Nonces() {
    }

    /**
     * Returns {@code byteCount} random bytes encoded as unpadded URL-safe base64.
     *
     * @throws IllegalArgumentException if {@code byteCount} is below 1
     */
    public static String randomUrlSafe(int byteCount) {
        if (byteCount < 1) {
            throw new IllegalArgumentException("byteCount must be at least 1, got " + byteCount);
        }
        byte[] bytes = new byte[byteCount];
        RANDOM.nextBytes(bytes);
        return URL_SAFE.encodeToString(bytes);
    }

    /** Returns a fresh client nonce of 128 random bits (22 characters). */
    public static String clientNonce() {
        return randomUrlSafe(CLIENT_NONCE_BYTES);
    }
}
