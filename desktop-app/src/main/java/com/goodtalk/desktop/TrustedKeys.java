package com.goodtalk.desktop;

import com.goodtalk.protocol.jose.JsonWebKeySet;
import java.util.Objects;

/**
 * The license server's public keys that this client pins for protocol v2, and where they came from.
 *
 * @param keys   the key set; a v2 reply must be signed by one of these keys
 * @param origin where the set was read, for display, such as {@code file /etc/goodtalk/server-keys.jwks}
 */
public record TrustedKeys(JsonWebKeySet keys, String origin) {

    public TrustedKeys {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(origin, "origin");
    }

    /** Returns one line for a status bar, such as {@code 1 pinned server key from file keys.jwks}. */
    public String statusText() {
        int count = keys.keys().size();
        return count + " pinned server " + (count == 1 ? "key" : "keys") + " from " + origin;
    }
}
