package com.goodtalk.server.testing;

import com.goodtalk.protocol.Secret;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.LicenseServer;
import com.goodtalk.server.ServerConfig;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs one real license server per test class on 127.0.0.1 with a
 * free port and a fresh random 32-byte v1 secret.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RunningServer server = RunningServer.withDemoKeys();
 *
 * @Test
 * void activates() {
 *     V1Client client = V1Client.builder().server(server.baseUri()).secret(server.secret()).build();
 *     ...
 * }
 * }</pre>
 *
 * <p>The field must be static: the server starts before the first test of the class and stops
 * after the last. A test can {@link #stop()} it to meet a dead server and {@link #start()} it
 * again. A restarted server keeps its port, so {@link #baseUri()} stays the same.
 */
public final class RunningServer implements BeforeAllCallback, AfterAllCallback {

    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<String> productKeys;
    private final Secret secret;
    private LicenseServer server;
    private URI baseUri;
    private int port;

    private RunningServer(Collection<String> productKeys) {
        this.productKeys = List.copyOf(productKeys);
        byte[] secretBytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secretBytes);
        this.secret = Secret.ofBytes(secretBytes);
    }

    /** Creates a server that accepts the three published demo keys. */
    public static RunningServer withDemoKeys() {
        return new RunningServer(DemoKeys.KEYS);
    }

    /** Creates a server that accepts exactly {@code productKeys}. */
    public static RunningServer withProductKeys(Collection<String> productKeys) {
        return new RunningServer(productKeys);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /**
     * Starts the server, or does nothing if it runs. The first start picks a free port and
     * later starts reuse it.
     *
     * @throws IllegalStateException if the port of an earlier start is now taken
     */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        server = LicenseServer.start(ServerConfig.builder()
                .bindHost("127.0.0.1")
                .port(port)
                .productKeys(productKeys)
                .v1Secret(secret)
                .build());
        port = server.port();
        baseUri = server.baseUri();
    }

    /** Stops the server, or does nothing if it is stopped; {@link #baseUri()} then refuses connections. */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /**
     * Returns the server's base URI, such as {@code http://127.0.0.1:41234}, also while stopped.
     *
     * @throws IllegalStateException if the server never started
     */
    public synchronized URI baseUri() {
        if (baseUri == null) {
            throw new IllegalStateException("The server never started. Register RunningServer with"
                    + " @RegisterExtension on a static field, or call start().");
        }
        return baseUri;
    }

    /** Returns the v1 secret that clients of this server must use. */
    public Secret secret() {
        return secret;
    }

    /** Returns the product keys the server accepts. */
    public List<String> productKeys() {
        return productKeys;
    }

    /** Tells whether the server is running now. */
    public synchronized boolean isRunning() {
        return server != null;
    }
}
