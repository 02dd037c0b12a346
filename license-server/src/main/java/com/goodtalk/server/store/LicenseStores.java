package com.goodtalk.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import com.goodtalk.server.keys.OwnerOnlyFiles;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import org.sqlite.SQLiteConfig;

/**
 * Opens license stores. Each call creates its own connection pool, migrates the schema and
 * returns a store that the caller closes.
 *
 * <ul>
 *   <li>{@link #sqlite} for one server instance: a file {@value #SQLITE_FILE_NAME} in a data
 *       directory, created on first start.
 *   <li>{@link #postgres} for several server instances that share one database.
 * </ul>
 */
public final class LicenseStores {

    /** The name of the SQLite database file inside the data directory. */
    public static final String SQLITE_FILE_NAME = "goodtalk.db";

    private LicenseStores() {}

    /**
     * Opens (and on first start creates) the SQLite store in {@code dataDirectory}. The database
     * runs in WAL mode with foreign keys on, and every pooled connection waits up to
     * {@link StoreConfig#busyTimeout()} for another connection's write lock.
     *
     * @throws IllegalArgumentException if the directory cannot be created or is not writable
     * @throws StoreException if the database cannot be opened or migrated
     */
    public static LicenseStore sqlite(Path dataDirectory, StoreConfig config) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(config, "config");
        Path directory = prepareDataDirectory(dataDirectory.toAbsolutePath());

        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(Math.toIntExact(config.busyTimeout().toMillis()));

        HikariConfig pool = new HikariConfig();
        pool.setPoolName("goodtalk-store-sqlite");
        pool.setJdbcUrl("jdbc:sqlite:" + directory.resolve(SQLITE_FILE_NAME));
        // The driver applies these pragmas to each connection it opens, so every pooled connection has them.
        pool.setDataSourceProperties(sqlite.toProperties());
        pool.setMaximumPoolSize(config.maxPoolSize());
        return open(pool, new SqliteDialect(), config, directory.resolve(SQLITE_FILE_NAME).toString());
    }

    /**
     * Opens the PostgreSQL store at {@code jdbcUrl}, creating the tables on first start. Store
     * instances on other hosts may share the database; seat limits hold across them.
     *
     * @param jdbcUrl a URL of the form {@code jdbc:postgresql://HOST:PORT/DATABASE}
     * @throws IllegalArgumentException if the URL is not a PostgreSQL JDBC URL
     * @throws StoreException if the database cannot be reached or migrated
     */
    public static LicenseStore postgres(String jdbcUrl, String user, String password, StoreConfig config) {
        Objects.requireNonNull(config, "config");
        requirePostgresUrl(jdbcUrl);

        HikariConfig pool = new HikariConfig();
        pool.setPoolName("goodtalk-store-postgresql");
        pool.setJdbcUrl(jdbcUrl);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(config.maxPoolSize());
        return open(pool, new PostgresDialect(), config, redact(jdbcUrl));
    }

    private static LicenseStore open(HikariConfig pool, SqlDialect dialect, StoreConfig config, String where) {
        HikariDataSource dataSource = null;
        for (int attempt = 1; dataSource == null; attempt++) {
            try {
                dataSource = new HikariDataSource(pool);
            } catch (HikariPool.PoolInitializationException failure) {
                // Switching a new SQLite file to WAL needs an exclusive lock, and SQLite returns BUSY without
                // waiting when two processes switch it at once, so a short retry settles that race.
                boolean busy = String.valueOf(failure.getMessage()).contains("SQLITE_BUSY");
                if (!busy || attempt >= config.maxAttempts()) {
                    throw new StoreException("Opening the " + dialect.displayName() + " database " + where
                            + " failed: " + failure.getMessage()
                            + " Check that the database is reachable and the credentials are right.", failure);
                }
                pauseBeforeRetry(config, attempt);
            }
        }
        return new JdbcLicenseStore(dataSource, dialect, config);
    }

    private static void pauseBeforeRetry(StoreConfig config, int attempt) {
        try {
            Thread.sleep(config.retryBaseDelay().toMillis() * attempt);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StoreException("Interrupted while waiting to retry opening the database.", interrupted);
        }
    }

    private static Path prepareDataDirectory(Path directory) {
        try {
            // The database holds the audit log and license details, so other users get no access.
            OwnerOnlyFiles.createDirectories(directory);
        } catch (IOException failure) {
            throw new IllegalArgumentException("The data directory " + directory + " cannot be created ("
                    + failure + "). Choose a directory the server's user can create, or create it by hand.", failure);
        }
        if (!Files.isWritable(directory)) {
            throw new IllegalArgumentException("The data directory " + directory + " is not writable."
                    + " Give the server's user write permission or choose another directory.");
        }
        Path file = directory.resolve(SQLITE_FILE_NAME);
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " exists but is not a file. Move it away or choose another"
                    + " data directory.");
        }
        createOwnerOnlyDatabase(file);
        return directory;
    }

    /**
     * Creates the missing database file empty and {@code rw-------} where POSIX permissions exist.
     * SQLite opens an empty file as a new database and gives its WAL and shared-memory files the
     * database's permissions, so a directory that others may list, such as one an installer made,
     * still exposes none of the three. A file SQLite creates itself gets the umask's permissions.
     */
    private static void createOwnerOnlyDatabase(Path file) {
        if (Files.exists(file) || !file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            // Another process created it in between, with the same permissions if it was a store.
        } catch (IOException failure) {
            throw new IllegalArgumentException("The database file " + file + " cannot be created (" + failure
                    + "). Give the server's user write permission on the data directory.", failure);
        }
    }

    private static void requirePostgresUrl(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            String hint = jdbcUrl != null && jdbcUrl.startsWith("jdbc:sqlite:")
                    ? " For SQLite, pass the data directory to LicenseStores.sqlite instead of a URL."
                    : " Only PostgreSQL URLs are accepted; for the embedded SQLite store, give a data directory.";
            throw new IllegalArgumentException("Unsupported JDBC URL '" + redact(jdbcUrl)
                    + "'. Use the form jdbc:postgresql://HOST:PORT/DATABASE." + hint);
        }
    }

    /** Drops URL parameters, which may carry a password, before a URL goes into a message. */
    static String redact(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "null";
        }
        int parameters = jdbcUrl.indexOf('?');
        return parameters < 0 ? jdbcUrl : jdbcUrl.substring(0, parameters) + "?...";
    }
}
