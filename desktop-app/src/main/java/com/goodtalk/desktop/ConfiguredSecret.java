package com.goodtalk.desktop;

import com.goodtalk.protocol.Secret;
import java.util.Objects;

/**
 * A secret the client signs with, and where it came from.
 *
 * @param secret the secret itself
 * @param origin where it was read, for display, such as {@code file /etc/goodtalk/v1.secret}
 * @param source which secret it is, the v1 secret or the v2 client secret
 */
public record ConfiguredSecret(Secret secret, String origin, SecretSource source) {

    public ConfiguredSecret {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(source, "source");
    }

    /** Creates a v1 secret read from {@code origin}. */
    public ConfiguredSecret(Secret secret, String origin) {
        this(secret, origin, SecretSource.V1);
    }

    /** Tells whether this is the public proof-of-concept secret, which only suits demos. */
    public boolean isDemo() {
        return secret.isProofOfConceptDemo();
    }

    /** Returns one line for a status bar that names the secret in use, without its bytes. */
    public String statusText() {
        if (isDemo()) {
            return "Signing with the public demo secret: " + lowerFirst(source.demoRisk())
                    + " Set " + source.environmentVariable() + " or use " + source.fileOption() + " for a real server.";
        }
        return "Signing with the " + source.name() + " from " + origin + ".";
    }

    private static String lowerFirst(String sentence) {
        return Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
