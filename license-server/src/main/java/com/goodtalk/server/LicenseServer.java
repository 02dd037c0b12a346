package com.goodtalk.server;

import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.server.http.AllowedMethodHandler;
import com.goodtalk.server.http.BoundedBodyHandler;
import com.goodtalk.server.http.ErrorMappingHandler;
import com.goodtalk.server.http.ExactPathRouter;
import com.goodtalk.server.http.HealthHandler;
import com.goodtalk.server.http.NotFoundHandler;
import com.goodtalk.server.v1.V1AuthenticateHandler;
import com.goodtalk.server.v1.V1Authenticator;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import io.undertow.util.Methods;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

/**
 * The license server: an Undertow HTTP server with the v1 endpoints {@code POST /authenticate}
 * and {@code GET /health}.
 *
 * <pre>{@code
 * try (LicenseServer server = LicenseServer.start(config)) {
 *     URI base = server.baseUri();   // such as http://127.0.0.1:41234
 *     ...
 * }
 * }</pre>
 *
 * <p>Every reply is JSON. Bodies over {@value #MAX_BODY_BYTES} bytes get 413, other methods 405,
 * other paths 404, and every v1 rejection 403. A bug that throws gets a logged 500.
 */
public final class LicenseServer implements AutoCloseable {

    /** The largest request body accepted, in bytes. A v1 request with a normal key is under 300 bytes. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(LicenseServer.class);

    private static final String ENDPOINTS = "POST " + V1Protocol.AUTHENTICATE_PATH + " and GET " + V1Protocol.HEALTH_PATH;

    /** Time a client has to send the request headers, in milliseconds. */
    private static final int REQUEST_PARSE_TIMEOUT_MILLIS = 10_000;

    /** Time a connection waits for the next bytes from its client, in milliseconds. It bounds slow clients. */
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    /** Time that closing waits for requests in progress, in milliseconds. */
    private static final long SHUTDOWN_GRACE_MILLIS = 5_000;

    private final Undertow undertow;
    private final GracefulShutdownHandler shutdownHandler;
    private final URI baseUri;
    private final int port;
    private boolean closed;

    private LicenseServer(Undertow undertow, GracefulShutdownHandler shutdownHandler, String host, int port) {
        this.undertow = undertow;
        this.shutdownHandler = shutdownHandler;
        this.port = port;
        String uriHost = host.contains(":") ? "[" + host + "]" : host;
        this.baseUri = URI.create("http://" + uriHost + ":" + port);
    }

    /**
     * Starts a server and returns once it is listening.
     *
     * @throws IllegalStateException if the server cannot listen, for example because the port is in use
     */
    public static LicenseServer start(ServerConfig config) {
        Objects.requireNonNull(config, "config");
        GracefulShutdownHandler shutdownHandler = Handlers.gracefulShutdown(handlerChain(config));
        Undertow undertow = Undertow.builder()
                .addHttpListener(config.port(), config.bindHost())
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, REQUEST_PARSE_TIMEOUT_MILLIS)
                .setSocketOption(Options.READ_TIMEOUT, READ_TIMEOUT_MILLIS)
                .setHandler(shutdownHandler)
                .build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot listen on " + config.bindHost() + ":" + config.port() + ": "
                    + rootCauseMessage(e) + ". Choose another port or stop the program that uses it.", e);
        }

        InetSocketAddress address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
        LicenseServer server = new LicenseServer(undertow, shutdownHandler, config.bindHost(), address.getPort());
        LOG.info("License server listening on {} (mode: {}, {} product keys, accepted client versions: {})",
                server.baseUri, config.demoMode() ? "demo" : "production", config.productKeys().size(),
                String.join(", ", config.acceptedVersions()));
        return server;
    }

    /**
     * Composes the request handlers, outermost first. Each one does one job: dispatch to a worker
     * thread, turn a stray exception into a 500, send {@code 100 Continue} to a client that expects
     * it once the body is read, read the body up to the size limit, route by path, check the method.
     */
    static HttpHandler handlerChain(ServerConfig config) {
        V1Authenticator authenticator = new V1Authenticator(config.v1Secret(), config.productKeys(),
                config.acceptedVersions(), config.serverNonces());

        HttpHandler routes = new ExactPathRouter(new NotFoundHandler(ENDPOINTS))
                .route(V1Protocol.AUTHENTICATE_PATH,
                        new AllowedMethodHandler(Methods.POST, new V1AuthenticateHandler(authenticator)))
                .route(V1Protocol.HEALTH_PATH,
                        new AllowedMethodHandler(Methods.GET, new HealthHandler()));
        HttpHandler bodyRead = new BoundedBodyHandler(MAX_BODY_BYTES, routes);
        HttpHandler continueSent = new HttpContinueReadHandler(bodyRead);
        HttpHandler errorMapped = new ErrorMappingHandler(continueSent);
        // Blocking reads must not run on an I/O thread, so everything below here runs on a worker.
        return new BlockingHandler(errorMapped);
    }

    /** Returns the server's base URI, such as {@code http://127.0.0.1:41234}, without a trailing slash. */
    public URI baseUri() {
        return baseUri;
    }

    /** Returns the port the server listens on, also when it was started with port 0. */
    public int port() {
        return port;
    }

    /**
     * Stops accepting requests, waits up to 5 seconds for requests in progress and stops the
     * server. Calling it again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        shutdownHandler.shutdown();
        try {
            if (!shutdownHandler.awaitShutdown(SHUTDOWN_GRACE_MILLIS)) {
                LOG.warn("Requests still in progress after {} ms, stopping the server anyway", SHUTDOWN_GRACE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
        LOG.info("License server on {} stopped", baseUri);
    }

    private static String rootCauseMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
