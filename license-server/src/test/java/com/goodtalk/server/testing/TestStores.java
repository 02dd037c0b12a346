package com.goodtalk.server.testing;

import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.server.StartupKeys;
import com.goodtalk.server.admin.StoreOptions;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.LicenseStores;
import com.goodtalk.server.store.StoreConfig;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Opens SQLite license stores for tests that start a {@code LicenseServer} themselves instead of
 * through {@link RunningServer}, such as with a fixed server nonce.
 *
 * <pre>{@code
 * @TempDir
 * static Path directory;
 * ...
 * LicenseStore store = TestStores.sqliteWithKeys(directory, DemoKeys.KEYS);
 * }</pre>
 */
public final class TestStores {

    private TestStores() {
    }

    /**
     * Opens a SQLite store in {@code directory} with a random key pepper and the server's key
     * normaliser, and imports {@code keys} as the server's {@code --keys} option does: legacy format,
     * product {@value StartupKeys#DEFAULT_PRODUCT}, 3 seats, no expiry. The caller closes the store.
     */
    public static LicenseStore sqliteWithKeys(Path directory, Collection<String> keys) {
        StoreConfig config = StoreConfig.builder(Secret.ofUtf8(Nonces.randomUrlSafe(32)))
                .keyNormalizer(StoreOptions::normalizeKey)
                .build();
        LicenseStore store = LicenseStores.sqlite(directory, config);
        try {
            StartupKeys.importKeyFile(store, keys, 3);
        } catch (RuntimeException failure) {
            store.close();
            throw failure;
        }
        return store;
    }
}
