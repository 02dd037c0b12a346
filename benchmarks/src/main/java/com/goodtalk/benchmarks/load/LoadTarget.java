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
import com.goodtalk.server.keys.SigningKeys;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.LicenseStores;
import com.goodtalk.server.store.StoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A license server started in this process for the load run: v1 and v2 on, the published demo
 * keys, and a fresh v1 secret, v2 client secret and Ed25519 reply key for each run, so no
 * published secret is used. It listens on a loopback address and a port the system picks, and
 * serves its licenses and replay nonces from a SQLite store in a new directory under
 * {@code java.io.tmpdir}, which {@link #close()} deletes.
 */
final class LoadTarget implements AutoCloseable {

    /** The v2 client key id of the load clients. */
    static final String CLIENT_KEY_ID = "load-client";

    private final LicenseServer server;
    private final DataDirectory data;
    private final Secret v1Secret;
    private final Secret clientSecret;
    private final JsonWebKeySet pinnedKeys;

    private LoadTarget(LicenseServer server, DataDirectory data, Secret v1Secret, Secret clientSecret,
                       JsonWebKeySet pinnedKeys) {
        this.server = server;
        this.data = data;
        this.v1Secret = v1Secret;
        this.clientSecret = clientSecret;
        this.pinnedKeys = pinnedKeys;
    }

    /** The store and the temporary directory that holds its database file. */
    private record DataDirectory(Path directory, LicenseStore store) implements AutoCloseable {

        /** Closes the store and deletes the directory with everything in it. */
        @Override
        public void close() {
            store.close();
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot delete the load run's data directory " + directory
                        + "; delete it by hand", e);
            }
        }
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
        DataDirectory data = openStore(seatsPerKey);
        try {
            LicenseServer server = LicenseServer.start(ServerConfig.builder()
                    .bindHost(host.getHostAddress())
                    .port(0)
                    .v1Secret(v1Secret)
                    .clientKey(CLIENT_KEY_ID, clientSecret)
                    .signingKeys(signingKeys)
                    .licenseStore(data.store())
                    // Every load client sends from one loopback address, far faster than any per-address limit.
                    .rateLimitPerMinute(0)
                    .build());
            return new LoadTarget(server, data, v1Secret, clientSecret, signingKeys.jwks());
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /** Opens a SQLite store in a fresh temporary directory with the demo keys, as a demo server has. */
    private static DataDirectory openStore(int seatsPerKey) {
        Path directory;
        try {
            directory = Files.createTempDirectory("goodtalk-load");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a data directory for the load run under "
                    + System.getProperty("java.io.tmpdir") + "; set -Djava.io.tmpdir to a writable directory", e);
        }
        StoreConfig config = StoreConfig.builder(BenchmarkFixtures.randomSecret())
                .keyNormalizer(StoreOptions::normalizeKey)
                .build();
        LicenseStore store = LicenseStores.sqlite(directory, config);
        DataDirectory data = new DataDirectory(directory, store);
        try {
            StartupKeys.importKeyFile(store, DemoKeys.KEYS, seatsPerKey);
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
        return data;
    }

    /** Returns the directory of the store's database file, which {@link #close()} deletes. */
    Path dataDirectory() {
        return data.directory();
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

    /** Stops the server, then closes the store and deletes its directory. */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            data.close();
        }
    }
}
