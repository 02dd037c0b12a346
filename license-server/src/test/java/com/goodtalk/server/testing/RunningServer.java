package com.goodtalk.server.testing;

import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.LicenseServer;
import com.goodtalk.server.ServerConfig;
import com.goodtalk.server.http.ClientAddress;
import com.goodtalk.server.keys.JwksFiles;
import com.goodtalk.server.keys.SigningKeyStoreException;
import com.goodtalk.server.keys.SigningKeys;
import com.goodtalk.server.StartupKeys;
import com.goodtalk.server.license.LicenseService;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.LicenseStores;
import com.goodtalk.server.store.StoreConfig;
import com.goodtalk.server.admin.StoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs one real license server per test class on 127.0.0.1 with a
 * free port, a fresh random v1 secret, a fresh random v2 client secret and a fresh Ed25519 reply
 * signing key.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RunningServer server = RunningServer.withDemoKeys();
 *
 * @Test
 * void activates() {
 *     V2Client client = V2Client.builder()
 *             .server(server.baseUri())
 *             .clientKeyId(server.clientKeyId())
 *             .clientSecret(server.clientSecret())
 *             .pinnedKeys(server.jwks())
 *             .machine(machine)
 *             .app("test 1.0")
 *             .build();
 *     ...
 * }
 * }</pre>
 *
 * <p>The field must be static: the server starts before the first test of the class and stops
 * after the last. A test can {@link #stop()} it to meet a dead server and {@link #start()} it
 * again. A restarted server keeps its port, keys, secrets and its license store, so {@link #baseUri()}
 * and {@link #jwks()} stay the same, and seats and seen request ids outlive the restart.
 *
 * <p>The server uses the database-backed license store: by default SQLite in a temporary directory,
 * deleted after the test class, or the PostgreSQL database of {@link Builder#postgres}. The store is
 * closed at {@link #stop()} and opened again at {@link #start()}, as a real restart does. The
 * product keys are put into it as licenses of product {@value StartupKeys#DEFAULT_PRODUCT} with
 * {@link Builder#seatsPerKey} seats.
 *
 * <p>Both secrets are 43 random base64url characters, so that {@link #writeV1SecretFile(Path)}
 * and {@link #writeV2SecretFile(Path)} can hand them to the command line as text.
 *
 * <p>Unlike the command line, this server does not reject a repeated v1 request unless
 * {@link Builder#v1ReplayCheck(boolean)} turns that on, because tests of v1 send the same signed
 * request more than once on purpose, for example to compare the server nonces of two replies.
 * Its rate limit is off unless {@link Builder#rateLimitPerMinute(int)} sets one, because every
 * test request comes from 127.0.0.1 and many tests send hundreds.
 */
public final class RunningServer implements BeforeAllCallback, AfterAllCallback {

    private static final int SECRET_BYTES = 32;

    private final List<String> productKeys;
    private final String v1SecretText;
    private final Secret secret;
    private final String clientKeyId;
    private final String clientSecretText;
    private final Secret clientSecret;
    private final SigningKeys signingKeys;
    private final LicenseService licenseService;
    private final Secret keyPepper;
    private final Builder options;
    private Path dataDir;
    private LicenseStore store;
    private LicenseServer server;
    private URI baseUri;
    private int port;

    private RunningServer(Builder builder) {
        this.options = builder;
        this.productKeys = List.copyOf(builder.productKeys);
        this.v1SecretText = Nonces.randomUrlSafe(SECRET_BYTES);
        this.secret = Secret.ofUtf8(v1SecretText);
        this.clientKeyId = builder.clientKeyId;
        this.clientSecretText = Nonces.randomUrlSafe(SECRET_BYTES);
        this.clientSecret = Secret.ofUtf8(clientSecretText);
        this.signingKeys = builder.signingKeys != null ? builder.signingKeys
                : SigningKeys.of(ServerSigningKey.generate());
        this.licenseService = builder.licenseService;
        this.keyPepper = builder.keyPepper != null ? builder.keyPepper : Secret.ofUtf8(Nonces.randomUrlSafe(SECRET_BYTES));
    }

    /** Creates a server that accepts the three published demo keys. */
    public static RunningServer withDemoKeys() {
        return builder().build();
    }

    /** Creates a server that accepts exactly {@code productKeys}. */
    public static RunningServer withProductKeys(Collection<String> productKeys) {
        return builder().productKeys(productKeys).build();
    }

    /** Starts a builder for a server with other options, such as a fixed clock or a small replay cache. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
        deleteDataDir();
    }

    /**
     * Starts the server, or does nothing if it runs. The first start picks a free port and
     * later starts reuse it.
     *
     * @throws IllegalStateException if the port of an earlier start is now taken
     */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        store = openStore();
        ServerConfig.Builder config = ServerConfig.builder()
                .bindHost("127.0.0.1")
                .port(port)
                .v1Secret(secret)
                .v1Enabled(options.v1Enabled)
                .v1ReplayCheck(options.v1ReplayCheck)
                .clientKey(clientKeyId, clientSecret)
                .signingKeys(signingKeys)
                .licenseStore(store)
                .skew(options.skew)
                .bodyTimeout(options.bodyTimeout)
                .replayCacheSize(options.replayCacheSize)
                .rateLimitPerMinute(options.rateLimitPerMinute)
                .clock(options.clock);
        if (options.clientAddress != null) {
            config.clientAddress(options.clientAddress);
        }
        if (licenseService != null) {
            config.licenseService(licenseService);
        }
        try {
            server = LicenseServer.start(config.build());
        } catch (RuntimeException failure) {
            store.close();
            store = null;
            throw failure;
        }
        port = server.port();
        baseUri = server.baseUri();
    }

    /** Stops the server, or does nothing if it is stopped; {@link #baseUri()} then refuses connections. */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
            store.close();
            store = null;
        }
    }

    /**
     * Returns the running server's license store, for a test that manages licenses or reads the
     * audit log while the server runs.
     *
     * @throws IllegalStateException if the server is stopped
     */
    public synchronized LicenseStore licenseStore() {
        if (store == null) {
            throw new IllegalStateException("The server is stopped, so its license store is closed. Call start().");
        }
        return store;
    }

    private LicenseStore openStore() {
        StoreConfig config = StoreConfig.builder(keyPepper)
                .clock(options.clock)
                .keyNormalizer(StoreOptions::normalizeKey)
                .maxPoolSize(options.maxPoolSize)
                .build();
        LicenseStore opened;
        if (options.postgresUrl != null) {
            opened = LicenseStores.postgres(options.postgresUrl, options.postgresUser, options.postgresPassword, config);
        } else {
            if (dataDir == null) {
                try {
                    dataDir = Files.createTempDirectory("running-server");
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot create a data directory for the test server", e);
                }
            }
            opened = LicenseStores.sqlite(dataDir, config);
        }
        try {
            if (!productKeys.isEmpty()) {
                StartupKeys.importKeyFile(opened, productKeys, options.seatsPerKey);
            }
        } catch (RuntimeException failure) {
            opened.close();
            throw failure;
        }
        return opened;
    }

    private synchronized void deleteDataDir() {
        if (dataDir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the test server's data directory " + dataDir, e);
        }
        dataDir = null;
    }

    /**
     * Returns the server's base URI, such as {@code http://127.0.0.1:41234}, also while stopped.
     *
     * @throws IllegalStateException if the server never started
     */
    public synchronized URI baseUri() {
        if (baseUri == null) {
            throw new IllegalStateException("The server never started. Register RunningServer with"
                    + " @RegisterExtension on a static field, or call start().");
        }
        return baseUri;
    }

    /** Returns the v1 secret that clients of this server must use. */
    public Secret secret() {
        return secret;
    }

    /** Returns the v2 client key id that requests must name in their {@code kid} header. */
    public String clientKeyId() {
        return clientKeyId;
    }

    /** Returns the v2 client secret that requests must be signed with. */
    public Secret clientSecret() {
        return clientSecret;
    }

    /** Returns the server's published reply keys, for a client to pin. */
    public JsonWebKeySet jwks() {
        return signingKeys.jwks();
    }

    /** Returns the server's reply signing keys. */
    public SigningKeys signingKeys() {
        return signingKeys;
    }

    /** Returns the product keys the server accepts. */
    public List<String> productKeys() {
        return productKeys;
    }

    /** Writes the v1 secret as text into {@code file}, for a command line's {@code --secret-file}. */
    public void writeV1SecretFile(Path file) {
        writeText(file, v1SecretText);
    }

    /** Writes the v2 client secret as text into {@code file}, for a command line's secret file option. */
    public void writeV2SecretFile(Path file) {
        writeText(file, clientSecretText);
    }

    /** Writes the published key set into {@code file}, byte for byte as {@code GET /v2/keys} serves it. */
    public void writeJwks(Path file) {
        try {
            JwksFiles.write(file, signingKeys.jwks());
        } catch (SigningKeyStoreException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }

    /** Tells whether the server is running now. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    private static void writeText(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Configures a {@link RunningServer}; every option has the server's default unless set. */
    public static final class Builder {
        private Collection<String> productKeys = DemoKeys.KEYS;
        private String clientKeyId = "test-client";
        private SigningKeys signingKeys;
        private LicenseService licenseService;
        private String postgresUrl;
        private String postgresUser;
        private String postgresPassword;
        private Secret keyPepper;
        private int maxPoolSize = 8;
        private boolean v1Enabled = true;
        private boolean v1ReplayCheck;
        private int seatsPerKey = ServerConfig.DEFAULT_SEATS_PER_KEY;
        private int replayCacheSize = ServerConfig.DEFAULT_REPLAY_CACHE_SIZE;
        private Duration skew = Duration.ofSeconds(300);
        private Duration bodyTimeout = ServerConfig.DEFAULT_BODY_TIMEOUT;
        private Clock clock = Clock.systemUTC();
        private int rateLimitPerMinute;
        private ClientAddress clientAddress;

        private Builder() {
        }

        /** Sets the requests per minute each client address may send; the default is 0, no limit. */
        public Builder rateLimitPerMinute(int rateLimitPerMinute) {
            this.rateLimitPerMinute = rateLimitPerMinute;
            return this;
        }

        /**
         * Sets where the rate limit reads the client address; the default is the TCP peer address.
         * A test can read a header instead, so that its requests from 127.0.0.1 count as different clients.
         */
        public Builder clientAddress(ClientAddress clientAddress) {
            this.clientAddress = Objects.requireNonNull(clientAddress, "clientAddress");
            return this;
        }

        /** Sets the accepted product keys; the default is the three demo keys. */
        public Builder productKeys(Collection<String> productKeys) {
            this.productKeys = List.copyOf(productKeys);
            return this;
        }

        /** Sets the v2 client key id; the default is {@code test-client}. */
        public Builder clientKeyId(String clientKeyId) {
            this.clientKeyId = Objects.requireNonNull(clientKeyId, "clientKeyId");
            return this;
        }

        /** Sets the reply signing keys; the default is one fresh key. */
        public Builder signingKeys(SigningKeys signingKeys) {
            this.signingKeys = Objects.requireNonNull(signingKeys, "signingKeys");
            return this;
        }

        /**
         * Keeps the license store in a PostgreSQL database instead of a temporary SQLite file. Two
         * servers on one database share seats and seen request ids if they share the
         * {@link #keyPepper}.
         */
        public Builder postgres(String jdbcUrl, String user, String password) {
            this.postgresUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            this.postgresUser = user;
            this.postgresPassword = password;
            return this;
        }

        /** Sets the key pepper of the license store; the default is a random one per server. */
        public Builder keyPepper(Secret keyPepper) {
            this.keyPepper = Objects.requireNonNull(keyPepper, "keyPepper");
            return this;
        }

        /** Sets the most database connections the store pools; the default is 8. */
        public Builder maxPoolSize(int maxPoolSize) {
            this.maxPoolSize = maxPoolSize;
            return this;
        }

        /** Replaces the license logic, such as with a failing one; the default is the store-backed service. */
        public Builder licenseService(LicenseService licenseService) {
            this.licenseService = Objects.requireNonNull(licenseService, "licenseService");
            return this;
        }

        /** Turns v1 {@code POST /authenticate} on or off; it is on by default. */
        public Builder v1Enabled(boolean v1Enabled) {
            this.v1Enabled = v1Enabled;
            return this;
        }

        /** Turns the rejection of repeated v1 requests on or off; it is off by default, unlike the server's. */
        public Builder v1ReplayCheck(boolean v1ReplayCheck) {
            this.v1ReplayCheck = v1ReplayCheck;
            return this;
        }

        /** Sets the seats of each product key's license in the store; the default is 3. */
        public Builder seatsPerKey(int seatsPerKey) {
            this.seatsPerKey = seatsPerKey;
            return this;
        }

        /** Sets the number of request ids each replay cache keeps; the default is 200000. */
        public Builder replayCacheSize(int replayCacheSize) {
            this.replayCacheSize = replayCacheSize;
            return this;
        }

        /** Sets the time a client has to send a whole request body; the default is the server's, 10 s. */
        public Builder bodyTimeout(Duration bodyTimeout) {
            this.bodyTimeout = Objects.requireNonNull(bodyTimeout, "bodyTimeout");
            return this;
        }

        /** Sets the allowed clock skew of v2 requests; the default is 300 s. */
        public Builder skew(Duration skew) {
            this.skew = Objects.requireNonNull(skew, "skew");
            return this;
        }

        /** Sets the server's clock, such as a fixed one; the default is the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Creates the extension; the server starts when the test class starts. */
        public RunningServer build() {
            return new RunningServer(this);
        }
    }
}
