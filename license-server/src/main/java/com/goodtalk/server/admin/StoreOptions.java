package com.goodtalk.server.admin;

import com.goodtalk.protocol.keys.InvalidProductKeyException;
import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.LicenseStores;
import com.goodtalk.server.store.StoreConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Option;

/**
 * The options that choose the license store: SQLite in a data directory by default, PostgreSQL
 * with {@code --db-url}. A picocli mixin, so the server's own command can offer the same options.
 *
 * <p>The PostgreSQL password comes from the environment variable {@value #PASSWORD_VARIABLE},
 * never from an argument, because process lists show arguments to every user of the machine.
 */
public final class StoreOptions {

    /** The environment variable with the PostgreSQL password. */
    public static final String PASSWORD_VARIABLE = "GOODTALK_DB_PASSWORD";

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "goodtalk-data", order = 30,
            description = "Data directory with the SQLite database " + LicenseStores.SQLITE_FILE_NAME + ", the"
                    + " key pepper file " + KeyPepper.FILE_NAME + " and the signing-keys/ subdirectory with the"
                    + " Ed25519 keys that sign v2 replies (default: ./${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Option(names = "--db-url", paramLabel = "URL", order = 31,
            description = "PostgreSQL database instead of SQLite, as jdbc:postgresql://HOST:PORT/DATABASE. The"
                    + " password comes from the environment variable " + PASSWORD_VARIABLE + ".")
    String databaseUrl;

    @Option(names = "--db-user", paramLabel = "USER", order = 32, description = "PostgreSQL user name; only with --db-url.")
    String databaseUser;

    @Option(names = "--key-pepper-file", paramLabel = "FILE", order = 33,
            description = "File with the key pepper, the secret that product keys are hashed under. Default: the"
                    + " environment variable " + KeyPepper.ENVIRONMENT_VARIABLE + ", else DIR/" + KeyPepper.FILE_NAME
                    + ", created on first use. Every server and admin command on one database, such as several"
                    + " instances sharing PostgreSQL, must use the same pepper.")
    Path pepperFile;

    /**
     * Opens the store these options name.
     *
     * @param environment the process environment, for the password and the pepper
     * @param clock the store's clock
     * @param notices where to tell the administrator that a new pepper file was created
     * @param mustExist true to reject a SQLite database that does not exist yet, which usually means
     *     a mistyped {@code --data-dir}
     * @throws AdminException for a combination of options that does not work
     * @throws IOException if the pepper file cannot be read or created
     */
    LicenseStore open(Map<String, String> environment, Clock clock, PrintStream notices, boolean mustExist)
            throws IOException {
        Objects.requireNonNull(environment, "environment");
        if (databaseUrl == null && databaseUser != null) {
            throw new AdminException(ExitCode.USAGE, "--db-user " + databaseUser + " is given without --db-url."
                    + " Add --db-url jdbc:postgresql://HOST:PORT/DATABASE, or drop --db-user for SQLite.");
        }
        Path sqliteFile = dataDirectory.resolve(LicenseStores.SQLITE_FILE_NAME).toAbsolutePath();
        if (databaseUrl == null && mustExist && !Files.exists(sqliteFile)) {
            throw new AdminException(ExitCode.USAGE, "There is no license database " + sqliteFile + ". Check"
                    + " --data-dir, or give --db-url for PostgreSQL. 'licenses create' and 'db migrate' create"
                    + " a new database.");
        }

        KeyPepper pepper = KeyPepper.load(environment, pepperFile, dataDirectory);
        if (pepper.created()) {
            notices.println("Created a new key pepper in " + pepper.source() + ". Keep a copy apart from the"
                    + " database backups; without it no issued key can be found. Every server and admin command"
                    + " on this database must use the same pepper (" + KeyPepper.ENVIRONMENT_VARIABLE
                    + " or --key-pepper-file).");
        }
        StoreConfig config = StoreConfig.builder(pepper.secret())
                .clock(clock)
                .keyNormalizer(StoreOptions::normalizeKey)
                .build();
        if (databaseUrl == null) {
            return LicenseStores.sqlite(dataDirectory, config);
        }
        return LicenseStores.postgres(databaseUrl, databaseUser, environment.get(PASSWORD_VARIABLE), config);
    }

    /** Returns the data directory, {@code --data-dir}. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Opens the store for the serving command, creating a SQLite database on first start.
     *
     * @param environment the process environment, for the password and the pepper
     * @param notices where to tell the operator that a new pepper file was created
     * @throws IllegalArgumentException for a combination of options that does not work, or a bad pepper
     * @throws IOException if the pepper file cannot be read or created
     * @throws com.goodtalk.server.store.StoreException if the database cannot be opened or migrated
     */
    public LicenseStore openForServer(Map<String, String> environment, Clock clock, PrintStream notices)
            throws IOException {
        try {
            return open(environment, clock, notices, false);
        } catch (AdminException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Names the database for messages, without URL parameters, which may carry a password. */
    public String describe() {
        if (databaseUrl == null) {
            return "SQLite database " + dataDirectory.resolve(LicenseStores.SQLITE_FILE_NAME).toAbsolutePath();
        }
        int parameters = databaseUrl.indexOf('?');
        return "PostgreSQL database " + (parameters < 0 ? databaseUrl : databaseUrl.substring(0, parameters) + "?...");
    }

    /**
     * Normalises a product key with {@link ProductKeys#normalize}, the store's normaliser from the first
     * issued key on, turning its checked exception into the unchecked one the store expects.
     */
    public static String normalizeKey(String key) {
        try {
            return ProductKeys.normalize(key);
        } catch (InvalidProductKeyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
