package com.goodtalk.benchmarks.load;

import com.goodtalk.benchmarks.BenchmarkFixtures;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.LicenseServer;
import com.goodtalk.server.ServerConfig;
import com.goodtalk.server.StartupKeys;
import com.goodtalk.server.admin.StoreOptions;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.LicenseStores;
import com.goodtalk.server.store.StoreConfig;
import com.goodtalk.server.keys.SigningKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A license server started in this process for the load run: v1 and v2 on, the published demo
 * keys, and a fresh v1 secret, v2 client secret and Ed25519 reply key for each run, so no
 * published secret is used. It listens on a loopback address and a port the system picks.
 */
final class LoadTarget implements AutoCloseable {

    /** The v2 client key id of the load clients. */
    static final String CLIENT_KEY_ID = "load-client";

    private final LicenseServer server;
    private final Secret v1Secret;
    private final Secret clientSecret;
    private final JsonWebKeySet pinnedKeys;

    private LoadTarget(LicenseServer server, Secret v1Secret, Secret clientSecret, JsonWebKeySet pinnedKeys) {
        this.server = server;
        this.v1Secret = v1Secret;
        this.clientSecret = clientSecret;
        this.pinnedKeys = pinnedKeys;
    }

    /**
     * Starts the server.
     *
     * @param host        a loopback address, checked by {@link LoopbackAddress#require(String)}
     * @param seatsPerKey the machines each demo key may be activated on; give every client thread one
     */
    static LoadTarget start(InetAddress host, int seatsPerKey) {
        Objects.requireNonNull(host, "host");
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("The load target must listen on a loopback address, not " + host);
        }
        Secret v1Secret = BenchmarkFixtures.randomSecret();
        Secret clientSecret = BenchmarkFixtures.randomSecret();
        SigningKeys signingKeys = SigningKeys.of(ServerSigningKey.generate());
        LicenseStore store = openStore(seatsPerKey);
        LicenseServer server = LicenseServer.start(ServerConfig.builder()
                .bindHost(host.getHostAddress())
                .port(0)
                .productKeys(DemoKeys.KEYS)
                .v1Secret(v1Secret)
                .clientKey(CLIENT_KEY_ID, clientSecret)
                .signingKeys(signingKeys)
                .licenseStore(store)
                .build());
        return new LoadTarget(server, v1Secret, clientSecret, signingKeys.jwks());
    }

    /** Opens a SQLite store in a fresh temporary directory with the demo keys, as a demo server has. */
    private static LicenseStore openStore(int seatsPerKey) {
        try {
            StoreConfig config = StoreConfig.builder(BenchmarkFixtures.randomSecret())
                    .keyNormalizer(StoreOptions::normalizeKey)
                    .build();
            LicenseStore store = LicenseStores.sqlite(Files.createTempDirectory("goodtalk-load"), config);
            StartupKeys.importKeyFile(store, DemoKeys.KEYS, seatsPerKey);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a data directory for the load run", e);
        }
    }

    URI baseUri() {
        return server.baseUri();
    }

    Secret v1Secret() {
        return v1Secret;
    }

    Secret clientSecret() {
        return clientSecret;
    }

    /** Returns the server's reply keys, which the load clients pin. */
    JsonWebKeySet pinnedKeys() {
        return pinnedKeys;
    }

    /** Returns the demo key that client thread {@code index} uses, spreading threads over the keys. */
    static String productKeyFor(int index) {
        List<String> keys = DemoKeys.KEYS;
        return keys.get(index % keys.size());
    }

    /** Returns the number of seats each key needs so that {@code threads} client threads all get one. */
    static int seatsNeeded(int threads) {
        return Math.max(1, (threads + DemoKeys.KEYS.size() - 1) / DemoKeys.KEYS.size());
    }

    @Override
    public void close() {
        server.close();
    }
}
