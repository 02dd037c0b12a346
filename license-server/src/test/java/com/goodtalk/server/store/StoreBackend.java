package com.goodtalk.server.store;

import com.goodtalk.protocol.Secret;
import com.goodtalk.server.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/**
 * An empty database of one kind for one test, and the stores opened on it. Closing the backend
 * closes every store and drops the database.
 */
abstract class StoreBackend implements AutoCloseable {

    /** The clocks' start; far enough ahead that expiry times in tests are in the future. */
    static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final Secret pepper = randomPepper();
    private final List<LicenseStore> opened = new CopyOnWriteArrayList<>();

    abstract String name();

    abstract boolean isSqlite();

    /** Opens a store with its own connection pool on this backend's database. */
    abstract LicenseStore openUntracked(StoreConfig config);

    /** Opens a plain JDBC connection that bypasses the store, for inspecting what it wrote. */
    abstract Connection rawConnection() throws SQLException;

    /** Returns the SQLite data directory. */
    Path dataDirectory() {
        throw new UnsupportedOperationException(name() + " has no data directory");
    }

    /** Returns a configuration with this backend's clock and pepper. */
    StoreConfig.Builder config() {
        return StoreConfig.builder(pepper).clock(clock);
    }

    /** Opens a store that is closed with this backend. */
    LicenseStore open(StoreConfig config) {
        LicenseStore store = openUntracked(config);
        opened.add(store);
        return store;
    }

    LicenseStore open() {
        return open(config().build());
    }

    @Override
    public void close() throws IOException, SQLException {
        for (LicenseStore store : opened) {
            store.close();
        }
        dropDatabase();
    }

    abstract void dropDatabase() throws IOException, SQLException;

    @Override
    public String toString() {
        return name();
    }

    private static Secret randomPepper() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Secret.ofBytes(bytes);
    }
}
