package com.goodtalk.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the activations table. Every method runs on the caller's connection and transaction. */
final class ActivationRows {

    private static final String COLUMNS =
            "SELECT id, license_id, machine, first_seen_at, last_seen_at, deactivated_at FROM activations";

    private final SqlDialect dialect;

    ActivationRows(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** Finds the seat that {@code machine} holds on a license now. */
    Optional<Activation> findHeld(Connection connection, long licenseId, String machine) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                COLUMNS + " WHERE license_id = ? AND machine = ? AND deactivated_at IS NULL")) {
            select.setLong(1, licenseId);
            select.setString(2, machine);
            return single(select);
        }
    }

    Optional<Activation> find(Connection connection, long activationId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(COLUMNS + " WHERE id = ?")) {
            select.setLong(1, activationId);
            return single(select);
        }
    }

    int countHeld(Connection connection, long licenseId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COUNT(*) FROM activations WHERE license_id = ? AND deactivated_at IS NULL")) {
            select.setLong(1, licenseId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    long insert(Connection connection, long licenseId, String machine, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO activations"
                + " (license_id, machine, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?) RETURNING id")) {
            insert.setLong(1, licenseId);
            insert.setString(2, machine);
            dialect.setInstant(insert, 3, now);
            dialect.setInstant(insert, 4, now);
            return LicenseRows.returnedId(insert);
        }
    }

    void touch(Connection connection, long activationId, Instant now) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE activations SET last_seen_at = ? WHERE id = ?")) {
            dialect.setInstant(update, 1, now);
            update.setLong(2, activationId);
            update.executeUpdate();
        }
    }

    void end(Connection connection, long activationId, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE activations SET deactivated_at = ? WHERE id = ? AND deactivated_at IS NULL")) {
            dialect.setInstant(update, 1, now);
            update.setLong(2, activationId);
            update.executeUpdate();
        }
    }

    List<Activation> list(Connection connection, long licenseId) throws SQLException {
        List<Activation> activations = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(COLUMNS + " WHERE license_id = ? ORDER BY id")) {
            select.setLong(1, licenseId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    activations.add(activation(row));
                }
            }
        }
        return activations;
    }

    private Optional<Activation> single(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(activation(row)) : Optional.empty();
        }
    }

    private Activation activation(ResultSet row) throws SQLException {
        return new Activation(
                row.getLong("id"),
                row.getLong("license_id"),
                row.getString("machine"),
                dialect.getInstant(row, "first_seen_at"),
                dialect.getInstant(row, "last_seen_at"),
                dialect.getInstant(row, "deactivated_at"));
    }
}
