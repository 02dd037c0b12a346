package com.goodtalk.protocol;

/**
 * Reads a {@link Secret}'s bytes for tests that compare derivations with published vectors or
 * hand a derived key to a second JOSE library. It lives in test sources only, so production
 * code cannot reach key bytes.
 */
public final class SecretTestAccess {

    private SecretTestAccess() {
    }

    /** Returns a copy of the secret's bytes. */
    public static byte[] bytesOf(Secret secret) {
        return secret.copyBytesForTests();
    }
}
