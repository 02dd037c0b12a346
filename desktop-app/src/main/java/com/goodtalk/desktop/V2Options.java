package com.goodtalk.desktop;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The command-line options of protocol v2, shared by the window and the subcommands as a picocli
 * mixin. An option given before the subcommand applies when the subcommand does not repeat it.
 */
final class V2Options {

    /** The client key id used without {@code --client-key-id}; the server's default too. */
    static final String DEFAULT_CLIENT_KEY_ID = "default";

    /** The product id used without {@code --product-id}: the demo product. */
    static final String DEFAULT_PRODUCT_ID = "goodtalk-demo";

    @Option(names = "--trusted-keys", paramLabel = "FILE",
            description = "The license server's public keys that v2 pins: the JWKS file the server writes with"
                    + " 'keys export-jwks FILE' or --jwks-out FILE. Without it the keys come from "
                    + TrustedKeysSource.ENV_VARIABLE + ", or else from the keys built into the app."
                    + " Keys are never fetched from the server.")
    private Path trustedKeysFile;

    @Option(names = "--client-secret-file", paramLabel = "FILE",
            description = "A file that contains the v2 client secret; line breaks at its end are ignored. Without"
                    + " it the secret comes from " + SecretSource.V2_ENV_VARIABLE + ", or else the public demo"
                    + " secret is used with a warning.")
    private Path clientSecretFile;

    @Option(names = "--client-key-id", paramLabel = "ID",
            description = "The key id under which the server stores the v2 client secret (default: "
                    + DEFAULT_CLIENT_KEY_ID + ").")
    private String clientKeyId;

    @Option(names = "--product-id", paramLabel = "ID",
            description = "The product whose machine fingerprint v2 sends (default: " + DEFAULT_PRODUCT_ID + ").")
    private String productId;

    private V2Options outer;

    /** Makes each option that is not given here fall back to the one in {@code outer}, the main command's. */
    V2Options fallBackTo(V2Options outer) {
        this.outer = outer;
        return this;
    }

    /** Returns the key set file, or null if none was given. */
    Path trustedKeysFile() {
        return trustedKeysFile != null || outer == null ? trustedKeysFile : outer.trustedKeysFile();
    }

    /** Returns the client secret file, or null if none was given. */
    Path clientSecretFile() {
        return clientSecretFile != null || outer == null ? clientSecretFile : outer.clientSecretFile();
    }

    /** Returns the client key id, {@value #DEFAULT_CLIENT_KEY_ID} if none was given. */
    String clientKeyId() {
        if (clientKeyId != null) {
            return clientKeyId.strip();
        }
        return outer == null ? DEFAULT_CLIENT_KEY_ID : outer.clientKeyId();
    }

    /** Returns the product id, {@value #DEFAULT_PRODUCT_ID} if none was given. */
    String productId() {
        if (productId != null) {
            return productId;
        }
        return outer == null ? DEFAULT_PRODUCT_ID : outer.productId();
    }
}
