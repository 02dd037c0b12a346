package com.goodtalk.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code seen_nonces} table: request ids the server accepted, each kept until its expiry.
 *
 * <p>Recording is one atomic statement: it inserts the nonce, or takes over a row whose expiry has
 * passed, and reports whether it did either. So of two servers that record the same nonce at once,
 * exactly one succeeds. Expired rows are deleted at most once per {@value #PURGE_INTERVAL_SECONDS}
 * seconds, by the call that finds the interval over.
 */
final class SeenNonces {

    /** How often expired rows are deleted, in seconds. */
    static final long PURGE_INTERVAL_SECONDS = 60;

    // Both SQLite (3.24 and later) and PostgreSQL accept this upsert; the WHERE lets an expired row be reused.
    private static final String RECORD = "INSERT INTO seen_nonces (nonce, expires_at) VALUES (?, ?)"
            + " ON CONFLICT (nonce) DO UPDATE SET expires_at = excluded.expires_at"
            + " WHERE seen_nonces.expires_at < ?";

    // The prefixes are fixed ASCII words without LIKE wildcards, such as "v2:".
    private static final String COUNT = "SELECT COUNT(*) FROM seen_nonces WHERE nonce LIKE ? AND expires_at >= ?";

    private static final String PURGE = "DELETE FROM seen_nonces WHERE expires_at < ?";

    private final AtomicLong nextPurge = new AtomicLong();

    /**
     * Records {@code nonce} until {@code expiresAt} unless an unexpired row has it.
     *
     * @return true if the nonce was new or its earlier row had expired
     */
    boolean record(Connection connection, String nonce, Instant expiresAt, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RECORD)) {
            statement.setString(1, nonce);
            statement.setLong(2, expiresAt.getEpochSecond());
            statement.setLong(3, now.getEpochSecond());
            return statement.executeUpdate() == 1;
        }
    }

    /** Counts the unexpired nonces that start with {@code prefix}. */
    long count(Connection connection, String prefix, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(COUNT)) {
            statement.setString(1, prefix + "%");
            statement.setLong(2, now.getEpochSecond());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Tells whether this call should delete expired rows, and if so claims the next interval. */
    boolean purgeDue(Instant now) {
        long due = nextPurge.get();
        return now.getEpochSecond() >= due
                && nextPurge.compareAndSet(due, now.getEpochSecond() + PURGE_INTERVAL_SECONDS);
    }

    /** Deletes the rows that expired before {@code now} and returns how many. */
    int purge(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(PURGE)) {
            statement.setLong(1, now.getEpochSecond());
            return statement.executeUpdate();
        }
    }
}
