package com.goodtalk.server.admin;

import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.PostgresDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs admin commands in-process against one test's store, with a fixed clock and a chosen
 * environment, and opens the same store directly so tests can check what a command did.
 */
final class AdminCli {

    /** The clock's time; far enough ahead that expiry dates in tests are in the future. */
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    /** The login name in the test environment, so the default actor is {@code cli:tester}. */
    static final String USER = "tester";

    private static final Pattern NEW_KEY = Pattern.compile("(?m)^[0-9A-Z]{6}(?:-[0-9A-Z]{6}){3}$");

    final Path dataDirectory;
    final Map<String, String> environment = new HashMap<>(Map.of("USER", USER));
    private final List<String> storeArguments = new ArrayList<>();
    private final PostgresDatabases.Database postgres;
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private AdminCli(Path dataDirectory, PostgresDatabases.Database postgres) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
        storeArguments.addAll(List.of("--data-dir", dataDirectory.toString()));
        if (postgres != null) {
            storeArguments.addAll(List.of("--db-url", postgres.jdbcUrl(), "--db-user", postgres.user()));
            environment.put(StoreOptions.PASSWORD_VARIABLE, postgres.password());
        }
    }

    /** Uses the SQLite store in {@code dataDirectory}. */
    static AdminCli sqlite(Path dataDirectory) {
        return new AdminCli(dataDirectory, null);
    }

    /** Uses a PostgreSQL database; {@code dataDirectory} receives only the key pepper file. */
    static AdminCli postgres(PostgresDatabases.Database database, Path dataDirectory) {
        return new AdminCli(dataDirectory, database);
    }

    /** The output of one command. */
    record Result(int exitCode, String out, String err) {

        /** Returns the new-format product keys printed on lines of their own. */
        List<String> printedKeys() {
            List<String> keys = new ArrayList<>();
            Matcher matcher = NEW_KEY.matcher(out);
            while (matcher.find()) {
                keys.add(matcher.group());
            }
            return keys;
        }

        /** Returns the output lines. */
        List<String> outLines() {
            return out.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs the command exactly as given. */
    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = AdminCommands.run(args, new AdminContext(outStream, errStream, environment, clock));
        }
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs the command with the store options of this test's store appended. */
    Result runOnStore(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(storeArguments);
        return run(all.toArray(String[]::new));
    }

    /** Opens this test's store the way the commands do, for checks; the caller closes it. */
    LicenseStore openStore() throws IOException {
        StoreOptions options = new StoreOptions();
        options.dataDirectory = dataDirectory;
        if (postgres != null) {
            options.databaseUrl = postgres.jdbcUrl();
            options.databaseUser = postgres.user();
        }
        return options.open(environment, clock, System.err, false);
    }
}
