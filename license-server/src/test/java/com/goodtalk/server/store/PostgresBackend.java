package com.goodtalk.server.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/** A new database on the shared embedded PostgreSQL server, dropped after the test. */
final class PostgresBackend extends StoreBackend {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final PostgresServer server;
    private final String database;

    PostgresBackend(PostgresServer server) throws SQLException {
        this.server = server;
        this.database = "store_test_" + COUNTER.incrementAndGet();
        server.execute("CREATE DATABASE " + database);
    }

    @Override
    String name() {
        return "postgresql";
    }

    @Override
    boolean isSqlite() {
        return false;
    }

    String jdbcUrl() {
        return server.jdbcUrl(database);
    }

    @Override
    LicenseStore openUntracked(StoreConfig config) {
        return LicenseStores.postgres(jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD, config);
    }

    @Override
    Connection rawConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    @Override
    void dropDatabase() throws SQLException {
        server.execute("DROP DATABASE " + database + " WITH (FORCE)");
    }
}
