package com.goodtalk.server;

import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.v1.V1Protocol;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The settings of one {@link LicenseServer}: where it listens, which product keys and client
 * versions it accepts, and the v1 secret.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder()
 *         .port(0)
 *         .productKeys(keys)
 *         .v1Secret(Secret.ofUtf8(secretText))
 *         .build();
 * }</pre>
 *
 * <p>In demo mode the product keys default to {@link DemoKeys#KEYS} and the secret to
 * {@link Secret#proofOfConceptDemo()}. Outside demo mode both are required.
 */
public final class ServerConfig {

    /** The bind address when none is set: loopback only, so nothing outside this machine can connect. */
    public static final String DEFAULT_BIND_HOST = "127.0.0.1";

    /** The server nonce size: 12 random bytes, 16 URL-safe base64 characters (the reference uses 14). */
    static final int SERVER_NONCE_BYTES = 12;

    private final String bindHost;
    private final int port;
    private final Set<String> productKeys;
    private final Secret v1Secret;
    private final Set<String> acceptedVersions;
    private final boolean demoMode;
    private final Supplier<String> serverNonces;

    private ServerConfig(Builder builder, Set<String> productKeys, Secret v1Secret) {
        this.bindHost = builder.bindHost;
        this.port = builder.port;
        this.productKeys = productKeys;
        this.v1Secret = v1Secret;
        this.acceptedVersions = Set.copyOf(builder.acceptedVersions);
        this.demoMode = builder.demoMode;
        this.serverNonces = builder.serverNonces;
    }

    /** Starts a builder with the defaults: 127.0.0.1, port 8080, client version 0.0.1, not demo mode. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the address the server binds to, such as {@code 127.0.0.1}. */
    public String bindHost() {
        return bindHost;
    }

    /** Returns the TCP port to listen on; 0 means the system picks a free port. */
    public int port() {
        return port;
    }

    /** Returns the accepted product keys, compared exactly as sent. */
    public Set<String> productKeys() {
        return productKeys;
    }

    /** Returns the secret that v1 requests and replies are signed with. */
    public Secret v1Secret() {
        return v1Secret;
    }

    /** Returns the client versions the server accepts. */
    public Set<String> acceptedVersions() {
        return acceptedVersions;
    }

    /** Tells whether the server runs as a demo, with published keys or the published secret. */
    public boolean demoMode() {
        return demoMode;
    }

    /** Returns the source of server nonces, random unless a test fixes them. */
    Supplier<String> serverNonces() {
        return serverNonces;
    }

    /** Collects the settings and checks them in {@link #build()}. */
    public static final class Builder {
        private String bindHost = DEFAULT_BIND_HOST;
        private int port = 8080;
        private Set<String> productKeys;
        private Secret v1Secret;
        private Set<String> acceptedVersions = Set.of(V1Protocol.REFERENCE_CLIENT_VERSION);
        private boolean demoMode;
        private Supplier<String> serverNonces = () -> Nonces.randomUrlSafe(SERVER_NONCE_BYTES);

        private Builder() {
        }

        /** Sets the address to bind to, such as {@code 127.0.0.1} or {@code 0.0.0.0} for every interface. */
        public Builder bindHost(String bindHost) {
            Objects.requireNonNull(bindHost, "bindHost");
            if (bindHost.isBlank()) {
                throw new IllegalArgumentException("The bind address is blank. Use an address such as 127.0.0.1.");
            }
            this.bindHost = bindHost.strip();
            return this;
        }

        /**
         * Sets the TCP port. 0 lets the system pick a free one.
         *
         * @throws IllegalArgumentException if the port is outside 0..65535
         */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("The port must be between 0 and 65535, got " + port
                        + ". Use 0 to let the system pick a free port.");
            }
            this.port = port;
            return this;
        }

        /**
         * Sets the accepted product keys. Keys are compared exactly, so callers trim them first.
         *
         * @throws IllegalArgumentException if a key is empty
         */
        public Builder productKeys(Collection<String> productKeys) {
            Objects.requireNonNull(productKeys, "productKeys");
            Set<String> keys = new LinkedHashSet<>();
            int position = 0;
            for (String key : productKeys) {
                position++;
                Objects.requireNonNull(key, "product key " + position);
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("Product key " + position + " is empty. Remove it from the list.");
                }
                keys.add(key);
            }
            this.productKeys = keys;
            return this;
        }

        /** Sets the v1 shared secret. */
        public Builder v1Secret(Secret v1Secret) {
            this.v1Secret = Objects.requireNonNull(v1Secret, "v1Secret");
            return this;
        }

        /**
         * Sets the client versions the server accepts. Any other version gets {@code version_not_allowed}.
         *
         * @throws IllegalArgumentException if the collection or one of its versions is empty
         */
        public Builder acceptedVersions(Collection<String> acceptedVersions) {
            Objects.requireNonNull(acceptedVersions, "acceptedVersions");
            if (acceptedVersions.isEmpty()) {
                throw new IllegalArgumentException("The accepted client versions are empty, so every request would"
                        + " be rejected. Accept at least " + V1Protocol.REFERENCE_CLIENT_VERSION + ".");
            }
            Set<String> versions = new LinkedHashSet<>();
            for (String version : acceptedVersions) {
                Objects.requireNonNull(version, "accepted version");
                if (version.isBlank()) {
                    throw new IllegalArgumentException("An accepted client version is blank. Use a version such as "
                            + V1Protocol.REFERENCE_CLIENT_VERSION + ".");
                }
                versions.add(version);
            }
            this.acceptedVersions = versions;
            return this;
        }

        /** Sets demo mode, in which missing keys and secret default to the published ones. */
        public Builder demoMode(boolean demoMode) {
            this.demoMode = demoMode;
            return this;
        }

        /** Replaces the random server nonces, so a test can reproduce a reference reply byte for byte. */
        Builder serverNonces(Supplier<String> serverNonces) {
            this.serverNonces = Objects.requireNonNull(serverNonces, "serverNonces");
            return this;
        }

        /**
         * Checks the settings and builds the configuration.
         *
         * @throws IllegalStateException outside demo mode, if the product keys or the secret are missing
         */
        public ServerConfig build() {
            Set<String> keys = productKeys;
            Secret secret = v1Secret;
            if (demoMode) {
                keys = keys == null ? Set.copyOf(DemoKeys.KEYS) : keys;
                secret = secret == null ? Secret.proofOfConceptDemo() : secret;
            }
            if (keys == null || keys.isEmpty()) {
                throw new IllegalStateException("No product keys are set. Set productKeys(...) or turn on demo mode.");
            }
            if (secret == null) {
                throw new IllegalStateException("No v1 secret is set. Set v1Secret(...) or turn on demo mode.");
            }
            return new ServerConfig(this, Set.copyOf(keys), secret);
        }
    }
}
