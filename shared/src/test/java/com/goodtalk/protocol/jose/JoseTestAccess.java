package com.goodtalk.protocol.jose;

/**
 * Signs arbitrary bytes with a server key, for tests that forge replies with a chosen header.
 * It lives in test sources only; production code can sign only through
 * {@link ServerSigningKey#signJws(String, byte[])}, which fixes the algorithm and key id.
 */
public final class JoseTestAccess {

    private JoseTestAccess() {
    }

    /** Returns the raw Ed25519 signature of {@code message}. */
    public static byte[] sign(ServerSigningKey key, byte[] message) {
        return key.sign(message);
    }
}
