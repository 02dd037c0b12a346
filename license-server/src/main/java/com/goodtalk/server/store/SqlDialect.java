package com.goodtalk.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** The parts of the store that differ between SQLite and PostgreSQL: transactions, time columns, row locks and maintenance. */
interface SqlDialect {

    /** Returns the database's name for messages, such as {@code SQLite}. */
    String displayName();

    /** Returns the classpath folder under {@code com/goodtalk/server/store/migration} with this database's migrations. */
    String migrationFolder();

    /** Begins a write transaction that holds the locks its reads need until it ends. */
    void begin(Connection connection) throws SQLException;

    void commit(Connection connection) throws SQLException;

    void rollback(Connection connection) throws SQLException;

    /** Tells whether running the whole transaction again may succeed (busy database, serialisation conflict). */
    boolean isRetryable(SQLException failure);

    /** Tells whether a unique constraint rejected the statement, such as a key stored by another instance at the same moment. */
    boolean isUniqueViolation(SQLException failure);

    /** Returns the clause that locks the selected rows of table {@code alias} until the transaction ends, or "". */
    String lockRowsOf(String alias);

    void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException;

    /** Reads a time column; returns {@code null} for SQL NULL. */
    Instant getInstant(ResultSet row, String column) throws SQLException;

    /** Writes a consistent copy of the database to a file that does not exist yet. */
    void backup(Connection connection, Path file) throws SQLException;

    IntegrityReport integrityCheck(Connection connection) throws SQLException;
}
