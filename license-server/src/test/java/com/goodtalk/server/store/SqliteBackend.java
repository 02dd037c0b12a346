package com.goodtalk.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

/** A SQLite store in a new temporary data directory. */
final class SqliteBackend extends StoreBackend {

    private final Path directory;

    SqliteBackend() throws IOException {
        this.directory = Files.createTempDirectory("goodtalk-store-test");
    }

    @Override
    String name() {
        return "sqlite";
    }

    @Override
    boolean isSqlite() {
        return true;
    }

    @Override
    Path dataDirectory() {
        return directory;
    }

    @Override
    LicenseStore openUntracked(StoreConfig config) {
        return LicenseStores.sqlite(directory, config);
    }

    @Override
    Connection rawConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(LicenseStores.SQLITE_FILE_NAME));
    }

    @Override
    void dropDatabase() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
