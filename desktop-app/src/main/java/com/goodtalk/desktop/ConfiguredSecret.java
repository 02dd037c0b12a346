package com.goodtalk.desktop;

import com.goodtalk.protocol.Secret;
import java.util.Objects;

/**
 * The v1 secret the client signs with, and where it came from.
 *
 * @param secret the secret itself
 * @param origin where it was read, for display, such as {@code file /etc/goodtalk/v1.secret}
 */
public record ConfiguredSecret(Secret secret, String origin) {

    public ConfiguredSecret {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(origin, "origin");
    }

    /** Tells whether this is the public proof-of-concept secret, which only suits demos. */
    public boolean isDemo() {
        return secret.isProofOfConceptDemo();
    }

    /** Returns one line for a status bar that names the secret in use, without its bytes. */
    public String statusText() {
        if (isDemo()) {
            return "Signing with the public demo secret: anyone can forge replies for it."
                    + " Set " + SecretSource.ENV_VARIABLE + " or use --secret-file for a real server.";
        }
        return "Signing with the v1 secret from " + origin + ".";
    }
}
