package com.goodtalk.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLite: write transactions begin with {@code BEGIN IMMEDIATE}, so a transaction takes the
 * database's single write lock before its first read and no two writers can act on the same
 * seat count. Times are stored as fixed-width UTC text, which sorts in time order and reads well
 * in the sqlite3 shell.
 */
final class SqliteDialect implements SqlDialect {

    /** SQLite's primary result codes for a lock held by another connection. */
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private static final DateTimeFormatter TIME_TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Override
    public String displayName() {
        return "SQLite";
    }

    @Override
    public String migrationFolder() {
        return "sqlite";
    }

    /**
     * Runs {@code BEGIN IMMEDIATE} on a connection in auto-commit mode. The driver's own transaction
     * mode is not used because sqlite-jdbc starts the next transaction right after each commit,
     * which would hold the write lock while the connection sits idle in the pool.
     */
    @Override
    public void begin(Connection connection) throws SQLException {
        execute(connection, "BEGIN IMMEDIATE");
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        execute(connection, "COMMIT");
    }

    @Override
    public void rollback(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
            return;
        }
        // ROLLBACK without an open transaction is an error, which the caller would mistake for the first failure.
        try (Statement statement = connection.createStatement()) {
            statement.execute("ROLLBACK");
        } catch (SQLException noTransaction) {
            if (!noTransaction.getMessage().contains("no transaction is active")) {
                throw noTransaction;
            }
        }
    }

    @Override
    public boolean isRetryable(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                int primaryCode = sql.getErrorCode() & 0xff;
                if (primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Checks for SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555). */
    @Override
    public boolean isUniqueViolation(SQLException failure) {
        int code = failure.getErrorCode();
        return code == 2067 || code == 1555 || failure.getMessage() != null
                && failure.getMessage().contains("UNIQUE constraint failed");
    }

    @Override
    public String lockRowsOf(String alias) {
        return "";
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setString(index, value == null ? null : TIME_TEXT.format(value));
    }

    @Override
    public Instant getInstant(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text == null ? null : Instant.parse(text);
    }

    /**
     * Uses {@code VACUUM INTO}, which copies one consistent snapshot while other connections keep
     * working. The copy contains the audit log and license details, so the file is first created
     * empty and owner-only where POSIX permissions exist: SQLite writes into an empty file and keeps
     * its permissions, while a file it creates itself gets the umask's, usually {@code rw-r--r--}.
     */
    @Override
    public void backup(Connection connection, Path file) throws SQLException {
        createOwnerOnly(file);
        boolean written = false;
        try (PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, file.toString());
            vacuum.execute();
            written = true;
        } finally {
            if (!written) {
                deleteQuietly(file);
            }
        }
    }

    private static void createOwnerOnly(Path file) throws SQLException {
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (IOException e) {
            throw new SQLException("Creating the backup file " + file + " failed: " + e + ". Check that the"
                    + " directory is writable and the file does not exist.", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The failure of the copy itself is what the caller reports; an empty file is left behind.
        }
    }

    @Override
    public IntegrityReport integrityCheck(Connection connection) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            while (rows.next()) {
                String line = rows.getString(1);
                if (!"ok".equals(line)) {
                    problems.add(line);
                }
            }
        }
        return new IntegrityReport(problems);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
