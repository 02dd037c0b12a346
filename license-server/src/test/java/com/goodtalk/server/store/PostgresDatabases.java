package com.goodtalk.server.store;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests outside this package a new, empty database on the embedded PostgreSQL server that
 * the store tests use, and drops it after the test. The server is shared with {@link StoreBackends},
 * so a test JVM starts one PostgreSQL server at most.
 *
 * <pre>{@code
 * @ExtendWith(PostgresDatabases.class)
 * class SomeTest {
 *     @Test
 *     void works(PostgresDatabases.Database database) { ... database.jdbcUrl() ... }
 * }
 * }</pre>
 */
public final class PostgresDatabases implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StoreBackends.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /**
     * One test's database.
     *
     * @param jdbcUrl the URL, {@code jdbc:postgresql://127.0.0.1:PORT/NAME}
     * @param user the user name
     * @param password the password, empty because the server trusts loopback connections
     */
    public record Database(String jdbcUrl, String user, String password) {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Database.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        PostgresServer server = StoreBackends.sharedServer(context);
        String name = "admin_test_" + COUNTER.incrementAndGet();
        try {
            server.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new ParameterResolutionException("Could not create the PostgreSQL database " + name, e);
        }
        context.getStore(NAMESPACE).put("database " + name, (ExtensionContext.Store.CloseableResource) () ->
                server.execute("DROP DATABASE " + name + " WITH (FORCE)"));
        return new Database(server.jdbcUrl(name), PostgresServer.USER, PostgresServer.PASSWORD);
    }
}
