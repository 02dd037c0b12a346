package com.goodtalk.server.keys;

import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.server.keys.SigningKeyStoreException.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/** Writes a published key set to a file, for clients that pin it and for the demo launcher. */
public final class JwksFiles {

    private JwksFiles() {
    }

    /**
     * Writes {@code keys} as the exact JWKS document that {@code GET /v2/keys} serves, replacing
     * {@code file} in one step. The file is readable by everyone ({@code rw-r--r--}), because it
     * contains public keys only.
     *
     * @throws SigningKeyStoreException with {@link Reason#NOT_WRITABLE} if the file cannot be written
     */
    public static void write(Path file, JsonWebKeySet keys) throws SigningKeyStoreException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(keys, "keys");
        try {
            OwnerOnlyFiles.replace(file, keys.toJson(), OwnerOnlyFiles.PUBLIC_READ);
        } catch (IOException e) {
            throw new SigningKeyStoreException(Reason.NOT_WRITABLE, "Cannot write the key set to " + file + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
                    + ". Check that the directory exists and that this user may write to it.", e);
        }
    }
}
