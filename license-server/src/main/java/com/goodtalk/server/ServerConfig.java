package com.goodtalk.server;

import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2RequestVerifier;
import com.goodtalk.server.http.ClientAddress;
import com.goodtalk.server.keys.SigningKeyStore;
import com.goodtalk.server.keys.SigningKeyStoreException;
import com.goodtalk.server.keys.SigningKeys;
import com.goodtalk.server.license.LicenseService;
import com.goodtalk.server.license.StoreLicenseService;
import com.goodtalk.server.store.LicenseStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings of one {@link LicenseServer}: where it listens, which client versions it accepts,
 * the v1 secret, the license store that holds licenses, seats and nonces, and for protocol v2 the
 * reply signing keys, the client keys, the clock skew and the replay cache.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder()
 *         .port(0)
 *         .licenseStore(store)
 *         .v1Secret(Secret.ofUtf8(secretText))
 *         .clientKey("desktop-1", Secret.ofUtf8(clientSecretText))
 *         .signingKeys(new SigningKeyStore(dataDir).require())
 *         .build();
 * }</pre>
 *
 * <p>Both protocols decide keys through the license store, so it is required; v2 may instead be
 * given a {@link LicenseService} alone when v1 is off. The caller puts the keys into the store,
 * such as the demo keys with {@link StartupKeys#importDemoKeys}. In demo mode the v1 secret and
 * the v2 client secret (key id {@value #DEFAULT_CLIENT_KEY_ID}) default to
 * {@link Secret#proofOfConceptDemo()}, and the signing keys to those in the data directory or else
 * a key generated in memory. Outside demo mode all of them are required, with two exceptions: the
 * v1 secret when v1 is off, and everything of v2 when none of client key, signing keys and data
 * directory is set. That last case serves v1 only, as the server did before v2.
 */
public final class ServerConfig {

    /** The bind address when none is set: loopback only, so nothing outside this machine can connect. */
    public static final String DEFAULT_BIND_HOST = "127.0.0.1";

    /** The client key id of the demo client secret, and the command line's default. */
    public static final String DEFAULT_CLIENT_KEY_ID = "default";

    /** The default number of request ids that each replay cache keeps. */
    public static final int DEFAULT_REPLAY_CACHE_SIZE = 200_000;

    /** The default time a client has to send a whole request body. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The default number of protocol requests (v1 and v2 together) that one client address may
     * send per minute. NOTE: a judgement, not a measurement: it leaves room for an office of
     * clients behind one NAT address that all start at once, and caps what one address can write
     * into the replay caches and the store.
     */
    public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 120;

    /** The largest rate limit accepted, in requests per minute per client address. */
    public static final int MAX_RATE_LIMIT_PER_MINUTE = 1_000_000;

    /** The default number of seats of each key that the server puts into the store at start. */
    public static final int DEFAULT_SEATS_PER_KEY = 3;

    private static final Logger LOG = LoggerFactory.getLogger(ServerConfig.class);

    /** The server nonce size: 12 random bytes, 16 URL-safe base64 characters (the reference uses 14). */
    static final int SERVER_NONCE_BYTES = 12;

    private final String bindHost;
    private final int port;
    private final Secret v1Secret;
    private final Set<String> acceptedVersions;
    private final boolean demoMode;
    private final Supplier<String> serverNonces;
    private final Path dataDir;
    private final SigningKeys signingKeys;
    private final boolean signingKeyGenerated;
    private final Map<String, Secret> clientKeys;
    private final Duration skew;
    private final Duration bodyTimeout;
    private final int replayCacheSize;
    private final boolean v1Enabled;
    private final boolean v1ReplayCheck;
    private final Clock clock;
    private final LicenseService licenseService;
    private final LicenseStore licenseStore;
    private final Duration revalidateAfter;
    private final int rateLimitPerMinute;
    private final ClientAddress clientAddress;

    private ServerConfig(Builder builder, Secret v1Secret, SigningKeys signingKeys, boolean signingKeyGenerated,
                         Map<String, Secret> clientKeys, LicenseService licenseService) {
        this.bindHost = builder.bindHost;
        this.port = builder.port;
        this.v1Secret = v1Secret;
        this.acceptedVersions = Set.copyOf(builder.acceptedVersions);
        this.demoMode = builder.demoMode;
        this.serverNonces = builder.serverNonces;
        this.dataDir = builder.dataDir;
        this.signingKeys = signingKeys;
        this.signingKeyGenerated = signingKeyGenerated;
        this.clientKeys = clientKeys;
        this.skew = builder.skew;
        this.bodyTimeout = builder.bodyTimeout;
        this.replayCacheSize = builder.replayCacheSize;
        this.v1Enabled = builder.v1Enabled;
        this.v1ReplayCheck = builder.v1ReplayCheck;
        this.clock = builder.clock;
        this.licenseService = licenseService;
        this.licenseStore = builder.licenseStore;
        this.revalidateAfter = builder.revalidateAfter;
        this.rateLimitPerMinute = builder.rateLimitPerMinute;
        this.clientAddress = builder.clientAddress;
    }

    /**
     * Starts a builder with the defaults: 127.0.0.1, port 8080, client version 0.0.1, not demo
     * mode, no data directory, 300 s skew, {@value #DEFAULT_REPLAY_CACHE_SIZE} replay cache
     * entries, v1 on with its replay check, no license store, certificates re-validated after
     * 7 days, {@value #DEFAULT_RATE_LIMIT_PER_MINUTE} requests per minute per TCP peer address,
     * the system clock.
     */
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

    /** Returns the secret that v1 requests and replies are signed with. */
    public Secret v1Secret() {
        return v1Secret;
    }

    /** Returns the client versions the server accepts. */
    public Set<String> acceptedVersions() {
        return acceptedVersions;
    }

    /** Tells whether the server runs as a demo, with the published secrets as defaults. */
    public boolean demoMode() {
        return demoMode;
    }

    /** Returns the source of server nonces, random unless a test fixes them. */
    Supplier<String> serverNonces() {
        return serverNonces;
    }

    /** Returns the data directory, if one is set. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    /** Tells whether the v2 endpoints are served; see the class description for when they are not. */
    public boolean v2Enabled() {
        return signingKeys != null;
    }

    /**
     * Returns the reply signing keys: the active one and the published ones.
     *
     * @throws IllegalStateException if v2 is off
     */
    public SigningKeys signingKeys() {
        if (signingKeys == null) {
            throw new IllegalStateException("v2 is off in this configuration, so it has no signing keys. Set a"
                    + " clientKey(...) and signingKeys(...) to serve v2.");
        }
        return signingKeys;
    }

    /** Tells whether the signing key was generated in memory for this demo run, so it is lost at exit. */
    public boolean signingKeyGenerated() {
        return signingKeyGenerated;
    }

    /** Returns the v2 client secrets by client key id, in the order they were set; empty if v2 is off. */
    public Map<String, Secret> clientKeys() {
        return clientKeys;
    }

    /** Returns the clock skew allowed either way between a v2 request's {@code iat} and server time. */
    public Duration skew() {
        return skew;
    }

    /** Returns the time a client has to send a whole request body, counted from the end of its headers. */
    public Duration bodyTimeout() {
        return bodyTimeout;
    }

    /** Returns how many request ids each replay cache (v1 and v2) keeps at most. */
    public int replayCacheSize() {
        return replayCacheSize;
    }

    /** Tells whether v1 {@code POST /authenticate} is served. */
    public boolean v1Enabled() {
        return v1Enabled;
    }

    /** Tells whether a repeated v1 request is rejected with {@code replayed} while the replay cache keeps it. */
    public boolean v1ReplayCheck() {
        return v1ReplayCheck;
    }


    /** Returns the clock for request times, reply times and replay cache expiry. */
    public Clock clock() {
        return clock;
    }

    /**
     * Returns the license logic behind the v2 endpoints; null if v2 is off or neither a license
     * service nor a license store is set, in which case the server cannot start v2.
     */
    public LicenseService licenseService() {
        return licenseService;
    }

    /**
     * Returns the license store, if one is set: it holds the licenses that v1 and v2 check, the
     * seats and the replay caches' nonces. It is always set while v1 is on. The caller that opened
     * it closes it after the server.
     */
    public Optional<LicenseStore> licenseStore() {
        return Optional.ofNullable(licenseStore);
    }

    /** Returns how long an offline license certificate lets a client run before it must validate again. */
    public Duration revalidateAfter() {
        return revalidateAfter;
    }

    /** Returns the protocol requests one client address may send per minute; 0 means no limit. */
    public int rateLimitPerMinute() {
        return rateLimitPerMinute;
    }

    /** Returns the source of the client address that the rate limit counts requests by. */
    public ClientAddress clientAddress() {
        return clientAddress;
    }

    /** Collects the settings and checks them in {@link #build()}. */
    public static final class Builder {
        private String bindHost = DEFAULT_BIND_HOST;
        private int port = 8080;
        private Secret v1Secret;
        private Set<String> acceptedVersions = Set.of(V1Protocol.REFERENCE_CLIENT_VERSION);
        private boolean demoMode;
        private Supplier<String> serverNonces = () -> Nonces.randomUrlSafe(SERVER_NONCE_BYTES);
        private Path dataDir;
        private SigningKeys signingKeys;
        private final Map<String, Secret> clientKeys = new LinkedHashMap<>();
        private Duration skew = V2Protocol.DEFAULT_ALLOWED_SKEW;
        private Duration bodyTimeout = DEFAULT_BODY_TIMEOUT;
        private int replayCacheSize = DEFAULT_REPLAY_CACHE_SIZE;
        private boolean v1Enabled = true;
        private boolean v1ReplayCheck = true;
        private Clock clock = Clock.systemUTC();
        private LicenseService licenseService;
        private LicenseStore licenseStore;
        private Duration revalidateAfter = StoreLicenseService.DEFAULT_REVALIDATE_AFTER;
        private int rateLimitPerMinute = DEFAULT_RATE_LIMIT_PER_MINUTE;
        private ClientAddress clientAddress = ClientAddress.socket();

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

        /** Sets demo mode, in which missing secrets and signing keys default to published or generated ones. */
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
         * Sets the data directory. When no {@link #signingKeys(SigningKeys)} are set, {@link #build()}
         * reads them from its {@code signing-keys/} subdirectory ({@link SigningKeyStore}).
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** Sets the reply signing keys, instead of reading them from the data directory. */
        public Builder signingKeys(SigningKeys signingKeys) {
            this.signingKeys = Objects.requireNonNull(signingKeys, "signingKeys");
            return this;
        }

        /**
         * Adds a v2 client secret under a client key id, which requests name in their {@code kid}
         * header. Call it again to accept several clients, each with its own id.
         *
         * @throws IllegalArgumentException if the key id is not 1 to 128 printable ASCII characters
         *                                  without spaces, or is already added
         */
        public Builder clientKey(String keyId, Secret clientSecret) {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            // The verifier's builder checks the id against the protocol's rule and names it when invalid.
            V2RequestVerifier.builder().clientKey(keyId, clientSecret);
            if (clientKeys.putIfAbsent(keyId, clientSecret) != null) {
                throw new IllegalArgumentException("The client key id \"" + keyId + "\" is added twice; give each"
                        + " client secret its own id.");
            }
            return this;
        }

        /**
         * Sets the clock skew allowed either way between a v2 request's {@code iat} and server time,
         * which is also how long the replay caches keep an entry; the default is 300 s.
         *
         * @throws IllegalArgumentException unless it is 1 s to 1 h in whole seconds
         */
        public Builder skew(Duration skew) {
            Objects.requireNonNull(skew, "skew");
            if (skew.getNano() != 0 || skew.getSeconds() < 1 || skew.getSeconds() > 3600) {
                throw new IllegalArgumentException("The clock skew must be 1 to 3600 whole seconds, got " + skew
                        + ". The default is 300 s.");
            }
            this.skew = skew;
            return this;
        }

        /**
         * Sets the time a client has to send a whole request body; after it the server replies
         * with the endpoint's error for an unreadable body and closes the connection. It bounds
         * clients that send a body a byte at a time. The default is 10 s.
         *
         * @throws IllegalArgumentException unless it is 1 ms to 10 min
         */
        public Builder bodyTimeout(Duration bodyTimeout) {
            Objects.requireNonNull(bodyTimeout, "bodyTimeout");
            if (bodyTimeout.toMillis() < 1 || bodyTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("The body timeout must be 1 ms to 10 min, got " + bodyTimeout
                        + ". The default is " + DEFAULT_BODY_TIMEOUT.toSeconds() + " s.");
            }
            this.bodyTimeout = bodyTimeout;
            return this;
        }

        /**
         * Sets how many request ids each replay cache keeps; when a cache is full, new requests get
         * {@code rate_limited} until entries expire.
         *
         * @throws IllegalArgumentException if the size is below 1
         */
        public Builder replayCacheSize(int replayCacheSize) {
            if (replayCacheSize < 1) {
                throw new IllegalArgumentException("The replay cache size must be at least 1, got " + replayCacheSize
                        + ". The default is " + DEFAULT_REPLAY_CACHE_SIZE + ".");
            }
            this.replayCacheSize = replayCacheSize;
            return this;
        }

        /** Turns v1 {@code POST /authenticate} on or off; it is on by default. */
        public Builder v1Enabled(boolean v1Enabled) {
            this.v1Enabled = v1Enabled;
            return this;
        }

        /**
         * Turns the v1 replay check on or off; it is on by default. With it, a v1 request whose
         * key, nonce and version the server received within the skew window gets {@code replayed}.
         * Off, a repeated request is decided again like the first, as the reference server does.
         */
        public Builder v1ReplayCheck(boolean v1ReplayCheck) {
            this.v1ReplayCheck = v1ReplayCheck;
            return this;
        }

        /** Sets the clock for request times, reply times and replay cache expiry; tests pass a fixed one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the license logic behind the v2 endpoints, such as a database-backed store. Without
         * it (or a {@link #licenseStore}), the configuration has no license logic and v2 cannot be served.
         */
        public Builder licenseService(LicenseService licenseService) {
            this.licenseService = Objects.requireNonNull(licenseService, "licenseService");
            return this;
        }

        /**
         * Sets the license store, which the caller opened and closes after the server. Without a
         * {@link #licenseService}, {@link #build()} creates a {@link StoreLicenseService} on it, and
         * the server keeps the v1 and v2 replay caches' nonces in it, so they outlive a restart.
         */
        public Builder licenseStore(LicenseStore licenseStore) {
            this.licenseStore = Objects.requireNonNull(licenseStore, "licenseStore");
            return this;
        }

        /**
         * Sets how long after issue an offline license certificate must be re-validated online; the
         * default is 7 days.
         *
         * @throws IllegalArgumentException unless it is 1 s to 366 days
         */
        public Builder revalidateAfter(Duration revalidateAfter) {
            Objects.requireNonNull(revalidateAfter, "revalidateAfter");
            if (revalidateAfter.compareTo(Duration.ofSeconds(1)) < 0
                    || revalidateAfter.compareTo(Duration.ofDays(366)) > 0) {
                throw new IllegalArgumentException("The re-validation interval must be 1 s to 366 days, got "
                        + revalidateAfter + ". The default is 7 days.");
            }
            this.revalidateAfter = revalidateAfter;
            return this;
        }

        /**
         * Sets how many protocol requests (v1 and v2 together) one client address may send per
         * minute, and at once. A client over the limit gets v1's {@code rate_limited} error or a
         * signed v2 {@code rate_limited} with HTTP 429, each with {@code Retry-After}. The default
         * is {@value #DEFAULT_RATE_LIMIT_PER_MINUTE}.
         *
         * @param perMinute requests per minute, 0 to turn the limit off
         * @throws IllegalArgumentException unless it is 0 to {@value #MAX_RATE_LIMIT_PER_MINUTE}
         */
        public Builder rateLimitPerMinute(int perMinute) {
            if (perMinute < 0 || perMinute > MAX_RATE_LIMIT_PER_MINUTE) {
                throw new IllegalArgumentException("The rate limit must be 0 (off) to " + MAX_RATE_LIMIT_PER_MINUTE
                        + " requests per minute, got " + perMinute + ". The default is "
                        + DEFAULT_RATE_LIMIT_PER_MINUTE + ".");
            }
            this.rateLimitPerMinute = perMinute;
            return this;
        }

        /**
         * Sets where the rate limit reads the client address; the default is the TCP peer address.
         * Behind a reverse proxy, {@link ClientAddress#trustedHeader} reads a header the proxy sets.
         */
        public Builder clientAddress(ClientAddress clientAddress) {
            this.clientAddress = Objects.requireNonNull(clientAddress, "clientAddress");
            return this;
        }

        /**
         * Checks the settings and builds the configuration. Without signing keys it reads them from
         * the data directory, and in demo mode without any there it generates one in memory.
         *
         * @throws IllegalStateException if the data directory's keys cannot be read, or outside demo
         *                               mode if a needed setting is missing: the v1 secret with v1 on,
         *                               and with v2 a client key and a signing key; in any mode if v1
         *                               is on without a license store
         */
        public ServerConfig build() {
            Secret secret = v1Secret;
            Map<String, Secret> clients = new LinkedHashMap<>(clientKeys);
            if (demoMode) {
                secret = secret == null && v1Enabled ? Secret.proofOfConceptDemo() : secret;
                if (clients.isEmpty()) {
                    clients.put(DEFAULT_CLIENT_KEY_ID, Secret.proofOfConceptDemo());
                }
            }
            if (licenseStore == null && v1Enabled) {
                throw new IllegalStateException("No license store is set, but v1 checks product keys in it. Set"
                        + " licenseStore(...), or turn off v1 with v1Enabled(false).");
            }
            if (secret == null && v1Enabled) {
                throw new IllegalStateException("No v1 secret is set. Set v1Secret(...), turn off v1 with"
                        + " v1Enabled(false), or turn on demo mode.");
            }
            boolean v2Requested = demoMode || !clients.isEmpty() || signingKeys != null || dataDir != null;
            if (!v2Requested) {
                return new ServerConfig(this, secret, null, false, Map.of(), null);
            }
            if (clients.isEmpty()) {
                throw new IllegalStateException("No v2 client key is set. Call clientKey(keyId, secret) or turn on"
                        + " demo mode.");
            }

            SigningKeys signing = signingKeys != null ? signingKeys : readSigningKeys().orElse(null);
            boolean generated = false;
            if (signing == null) {
                if (!demoMode) {
                    throw new IllegalStateException("No reply signing key is set. Set signingKeys(...), or set a"
                            + " dataDir(...) with a key in it, which this command creates: license-server keys"
                            + " generate --data-dir DIR");
                }
                signing = SigningKeys.of(ServerSigningKey.generate());
                generated = true;
                LOG.warn("Demo mode: no signing key in {}, so a throwaway Ed25519 key was generated in memory, kid {}."
                        + " Clients must pin this run's key set, which changes at every start. Run license-server"
                        + " keys generate for a lasting key.", dataDir == null ? "(no data directory)"
                        : dataDir.resolve(SigningKeyStore.DIRECTORY), signing.activeKeyId());
            }

            LicenseService licenses = licenseService != null ? licenseService
                    : licenseStore != null ? new StoreLicenseService(licenseStore, signing, revalidateAfter, clock)
                    : null;
            return new ServerConfig(this, secret, signing, generated,
                    Collections.unmodifiableMap(clients), licenses);
        }

        private Optional<SigningKeys> readSigningKeys() {
            if (dataDir == null) {
                return Optional.empty();
            }
            try {
                return new SigningKeyStore(dataDir).load();
            } catch (SigningKeyStoreException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
