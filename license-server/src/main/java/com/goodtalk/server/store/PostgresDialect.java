package com.goodtalk.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * PostgreSQL: read-committed transactions that lock the license row with {@code SELECT ... FOR
 * UPDATE} before they count seats, so store instances that share the database serialise their
 * activations of one license and nothing else. Times are {@code timestamptz} columns.
 */
final class PostgresDialect implements SqlDialect {

    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";
    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    @Override
    public String migrationFolder() {
        return "postgresql";
    }

    @Override
    public void begin(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        connection.commit();
        connection.setAutoCommit(true);
    }

    @Override
    public void rollback(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    @Override
    public boolean isRetryable(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (SERIALIZATION_FAILURE.equals(state) || DEADLOCK_DETECTED.equals(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public boolean isUniqueViolation(SQLException failure) {
        return UNIQUE_VIOLATION.equals(failure.getSQLState());
    }

    @Override
    public String lockRowsOf(String alias) {
        return " FOR UPDATE OF " + alias;
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    @Override
    public Instant getInstant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @Override
    public void backup(Connection connection, Path file) {
        throw new UnsupportedOperationException("The store cannot back up PostgreSQL itself. Use pg_dump, for example"
                + " 'pg_dump --format=custom --file=goodtalk.dump DATABASE', or the database host's snapshots.");
    }

    @Override
    public IntegrityReport integrityCheck(Connection connection) {
        throw new UnsupportedOperationException("The store has no integrity check for PostgreSQL."
                + " Run pg_amcheck against the database for a page and index check.");
    }
}
