package com.goodtalk.server;

import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v2.InMemoryReplayCache;
import com.goodtalk.protocol.v2.ReplayCache;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2ReplySigner;
import com.goodtalk.protocol.v2.V2RequestVerifier;
import com.goodtalk.server.http.AllowedMethodHandler;
import com.goodtalk.server.http.BoundedBodyHandler;
import com.goodtalk.server.http.ErrorMappingHandler;
import com.goodtalk.server.http.ExactPathRouter;
import com.goodtalk.server.http.HealthHandler;
import com.goodtalk.server.http.NotFoundHandler;
import com.goodtalk.server.http.RateLimitHandler;
import com.goodtalk.server.http.RateLimiter;
import com.goodtalk.server.v1.V1AuthenticateHandler;
import com.goodtalk.server.v1.V1Authenticator;
import com.goodtalk.server.v1.V1ReplayCache;
import com.goodtalk.server.v2.JwksHandler;
import com.goodtalk.server.v2.StoreReplayCache;
import com.goodtalk.server.v2.V2EndpointHandler;
import com.goodtalk.server.v2.V2RateLimitedReply;
import com.goodtalk.server.v2.V2RequestProcessor;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import io.undertow.util.Methods;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

/**
 * The license server: an Undertow HTTP server with the v2 endpoints {@code POST /v2/activate},
 * {@code /v2/validate}, {@code /v2/deactivate} and {@code GET /v2/keys}, the v1 endpoint
 * {@code POST /authenticate} unless turned off, and {@code GET /health}.
 *
 * <pre>{@code
 * try (LicenseServer server = LicenseServer.start(config)) {
 *     URI base = server.baseUri();   // such as http://127.0.0.1:41234
 *     ...
 * }
 * }</pre>
 *
 * <p>Every v2 endpoint reply, errors and 413 included, is a signed JWS ({@code application/jose});
 * the key set is JSON ({@code application/jwk-set+json}); every other reply is JSON. Bodies over
 * {@value #MAX_BODY_BYTES} bytes get 413, other methods 405, other paths 404, and every v1
 * rejection 403. A bug that throws gets a logged 500 outside the v2 endpoints, and a signed
 * {@code rate_limited} reply on them.
 */
public final class LicenseServer implements AutoCloseable {

    /** The largest request body accepted, in bytes. A v1 request with a normal key is under 300 bytes. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(LicenseServer.class);

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
        LOG.info("License server listening on {} (mode: {}, v1 {})", server.baseUri,
                config.demoMode() ? "demo" : "production", v1Summary(config));
        if (config.v2Enabled()) {
            LOG.info("v2 replies signed by kid {}{}; published kids: {}; v2 client key ids: {}; skew {} s; replay"
                            + " cache {}; license service {}", config.signingKeys().activeKeyId(),
                    config.signingKeyGenerated() ? " (generated in memory for this run)" : "",
                    String.join(", ", config.signingKeys().keyIds()), String.join(", ", config.clientKeys().keySet()),
                    config.skew().getSeconds(), config.licenseStore().isPresent() ? "in the license store"
                            : config.replayCacheSize() + " entries in memory", config.licenseService());
        } else {
            LOG.info("v2 is off: no client key and no signing key are configured");
        }
        LOG.info("Rate limit: {}", config.rateLimitPerMinute() == 0 ? "off"
                : config.rateLimitPerMinute() + " protocol requests per minute per client address");
        return server;
    }

    /**
     * Composes the request handlers, outermost first. Each one does one job: turn a stray exception
     * into a 500, send {@code 100 Continue} to a client that expects it once the body is read, route
     * by exact path, then per endpoint read the body up to the size limit and deadline without
     * blocking, and dispatch to a worker thread, and check the method. v1 paths read the body before the method check, as the v1 server
     * always did. v2 endpoints check the method first, so that their size limit can reply with a
     * signed JWS. Unless the rate limit is off, a {@link RateLimitHandler} sits just in front of
     * each protocol endpoint, after the body is read, so that its rejection can name the body.
     */
    static HttpHandler handlerChain(ServerConfig config) {
        List<String> endpoints = new ArrayList<>();
        Map<String, HttpHandler> routes = new LinkedHashMap<>();
        // One limiter for both protocols, so a client cannot double its share by switching protocol.
        Optional<RateLimiter> limiter = config.rateLimitPerMinute() == 0 ? Optional.empty()
                : Optional.of(new RateLimiter(config.rateLimitPerMinute(), RateLimiter.DEFAULT_MAX_CLIENTS,
                        config.clock()));
        if (config.v2Enabled()) {
            addV2Routes(config, limiter, routes, endpoints);
        }
        if (config.v1Enabled()) {
            addV1Route(config, limiter, routes, endpoints);
        }
        routes.put(V1Protocol.HEALTH_PATH,
                withBodyLimit(config, new AllowedMethodHandler(Methods.GET, new HealthHandler())));
        endpoints.add("GET " + V1Protocol.HEALTH_PATH);

        ExactPathRouter router = new ExactPathRouter(withBodyLimit(config, new NotFoundHandler(listed(endpoints))));
        routes.forEach(router::route);
        HttpHandler continueSent = new HttpContinueReadHandler(router);
        // This chain runs on the I/O thread. Each BoundedBodyHandler reads its body without blocking and
        // only then hands the exchange to a worker, so slow bodies cannot take every worker thread.
        return new ErrorMappingHandler(continueSent);
    }

    private static void addV1Route(ServerConfig config, Optional<RateLimiter> limiter, Map<String, HttpHandler> routes,
                                   List<String> endpoints) {
        Optional<V1ReplayCache> replayCache = !config.v1ReplayCheck() ? Optional.empty()
                : Optional.of(config.licenseStore()
                        .map(store -> new V1ReplayCache(store, config.replayCacheSize(), config.skew(),
                                config.clock()))
                        .orElseGet(() -> new V1ReplayCache(config.replayCacheSize(), config.skew(), config.clock())));
        // ServerConfig requires the store while v1 is on.
        V1Authenticator authenticator = new V1Authenticator(config.v1Secret(), config.licenseStore().orElseThrow(),
                config.acceptedVersions(), config.serverNonces(), replayCache);
        V1AuthenticateHandler endpoint = new V1AuthenticateHandler(authenticator);
        HttpHandler limited = limiter.<HttpHandler>map(rates -> new RateLimitHandler(rates, config.clientAddress(),
                endpoint, endpoint)).orElse(endpoint);
        routes.put(V1Protocol.AUTHENTICATE_PATH, withBodyLimit(config, new AllowedMethodHandler(Methods.POST, limited)));
        endpoints.add("POST " + V1Protocol.AUTHENTICATE_PATH);
    }

    private static void addV2Routes(ServerConfig config, Optional<RateLimiter> limiter, Map<String, HttpHandler> routes,
                                    List<String> endpoints) {
        V2RequestProcessor processor = v2Processor(config);
        V2RateLimitedReply rateLimited = new V2RateLimitedReply(new V2ReplySigner(config.signingKeys().active(),
                config.clock()));
        for (V2Operation operation : V2Operation.values()) {
            V2EndpointHandler endpoint = new V2EndpointHandler(operation, processor,
                    config.signingKeys().activeKeyId());
            HttpHandler limited = limiter.<HttpHandler>map(rates -> new RateLimitHandler(rates, config.clientAddress(),
                    endpoint, rateLimited)).orElse(endpoint);
            routes.put(operation.path(), new AllowedMethodHandler(Methods.POST,
                    new BoundedBodyHandler(MAX_BODY_BYTES, config.bodyTimeout(), limited, endpoint)));
            endpoints.add("POST " + operation.path());
        }
        routes.put(V2Protocol.KEYS_PATH, withBodyLimit(config,
                new AllowedMethodHandler(Methods.GET, new JwksHandler(config.signingKeys().jwks()))));
        endpoints.add("GET " + V2Protocol.KEYS_PATH);
    }

    /** Joins {@code items} as a sentence does: "A", "A and B", "A, B and C". */
    private static String listed(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static HttpHandler withBodyLimit(ServerConfig config, HttpHandler next) {
        return new BoundedBodyHandler(MAX_BODY_BYTES, config.bodyTimeout(), next, null);
    }

    private static V2RequestProcessor v2Processor(ServerConfig config) {
        if (config.licenseService() == null) {
            throw new IllegalStateException("v2 is on but the configuration has no license logic. Set"
                    + " licenseStore(...) to serve the licenses of a license store.");
        }
        V2RequestVerifier.Builder verifier = V2RequestVerifier.builder()
                .clock(config.clock())
                .allowedSkew(config.skew());
        config.clientKeys().forEach(verifier::clientKey);
        ReplayCache replayCache = config.licenseStore()
                .<ReplayCache>map(store -> new StoreReplayCache(store, config.replayCacheSize(), config.skew(),
                        config.clock()))
                .orElseGet(() -> new InMemoryReplayCache(config.replayCacheSize(), config.skew(), config.clock()));
        return new V2RequestProcessor(verifier.build(), replayCache,
                new V2ReplySigner(config.signingKeys().active(), config.clock()),
                config.licenseService(), config.signingKeys().jwks(), config.clock());
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

    /**
     * Returns how the start line describes v1: "off", or its path, replay check and accepted client
     * versions. The versions are left out when v1 is off, because no request is checked against them.
     */
    private static String v1Summary(ServerConfig config) {
        if (!config.v1Enabled()) {
            return "off";
        }
        return "on at " + V1Protocol.AUTHENTICATE_PATH
                + (config.v1ReplayCheck() ? " with replay check" : " without replay check")
                + ", accepted v1 client versions: " + String.join(", ", config.acceptedVersions());
    }

    private static String rootCauseMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
