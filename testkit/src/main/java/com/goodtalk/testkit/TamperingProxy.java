package com.goodtalk.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A man in the middle for tests: a real HTTP server on {@code 127.0.0.1} that forwards each
 * request to an upstream server and can change, drop, forge or replay what passes through.
 *
 * <pre>{@code
 * try (TamperingProxy proxy = TamperingProxy.start(server.baseUri())) {
 *     proxy.editReplies(JsonEdits.set("serverNonce", "AAAAAAAAAAAAAAAAAAAAAA"));
 *     VerificationTrace trace = V1Client.builder().server(proxy.baseUri()).secret(secret).build()
 *             .activate(key);
 *     // trace.verdict() must now be a verification failure
 * }
 * }</pre>
 *
 * <p>The proxy forwards method, path, query, {@code Content-Type} and body, and returns the
 * upstream's status, {@code Content-Type} and body. It works on bytes and parses no protocol,
 * so it serves JSON and JWS bodies alike. For each request it:
 * <ol>
 *   <li>applies the request edit ({@link #editRequests}) to the body;</li>
 *   <li>forwards the request, or with {@link #replayReplies()} takes a recorded reply instead;</li>
 *   <li>applies the reply rewrite ({@link #rewriteReplies}), then the reply edit ({@link #editReplies});</li>
 *   <li>records the {@link Exchange} and returns the reply.</li>
 * </ol>
 * Each setter replaces the earlier hook of its kind and keeps the others; {@link #reset()}
 * removes them all.
 *
 * <p>When the proxy itself fails (the upstream is down or timed out, an edit does not fit the
 * body, nothing is recorded to replay) it replies {@code 502} or {@code 504} with the body
 * <code>{"proxyError": "..."}</code>, so a test can tell a proxy error from a server reply.
 *
 * <p>All methods are thread-safe, and requests are served in parallel.
 */
public final class TamperingProxy implements AutoCloseable {

    /** The member of the JSON body of the proxy's own error replies. */
    public static final String PROXY_ERROR_MEMBER = "proxyError";

    /** How long the proxy waits for the upstream before it replies 504. */
    public static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(TamperingProxy.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final int HANDLER_THREADS = 16;

    /** The JDK property that makes {@link HttpServer} set TCP_NODELAY on its connections. */
    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        // HttpServer writes the reply headers and body in two writes. Without TCP_NODELAY, Nagle's
        // algorithm holds the body until the client's delayed ACK of the headers, about 40 ms on
        // Linux, which made every proxied exchange several times slower than a direct one. The JDK
        // reads the property once, when the first HttpServer of the JVM starts, so a test that
        // starts another HttpServer earlier keeps the delay.
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
    }

    private final URI upstream;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final UpstreamForwarder forwarder;
    private final URI baseUri;
    private final AtomicReference<ProxyHooks> hooks = new AtomicReference<>(ProxyHooks.NONE);
    private final List<Exchange> exchanges = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private TamperingProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        String threadPrefix = "tampering-proxy-" + INSTANCES.incrementAndGet();
        this.handlers = Executors.newFixedThreadPool(HANDLER_THREADS, new NamedThreadFactory(threadPrefix + "-handler"));
        this.forwarder = new UpstreamForwarder(upstream, UPSTREAM_TIMEOUT, threadPrefix + "-client");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
        this.baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Starts a proxy on a free port of {@code 127.0.0.1} that forwards to {@code upstream}.
     *
     * @param upstream the base URL of the upstream server, such as {@code http://127.0.0.1:41234};
     *                 a path in it is put before each request path
     * @throws IllegalArgumentException if the URL is not http or https, has no host, or has a query or fragment
     * @throws UncheckedIOException     if the proxy cannot listen
     */
    public static TamperingProxy start(URI upstream) {
        Objects.requireNonNull(upstream, "upstream");
        String scheme = upstream.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("The upstream URL \"" + upstream
                    + "\" must start with http:// or https://, for example http://127.0.0.1:8080");
        }
        if (upstream.getHost() == null) {
            throw new IllegalArgumentException("The upstream URL \"" + upstream
                    + "\" has no host. Use a URL such as http://127.0.0.1:8080");
        }
        if (upstream.getRawQuery() != null || upstream.getRawFragment() != null) {
            throw new IllegalArgumentException("The upstream URL \"" + upstream
                    + "\" has a query or fragment. Give the server's base URL only.");
        }
        try {
            TamperingProxy proxy = new TamperingProxy(upstream);
            LOG.info("Tampering proxy listening on {}, forwarding to {}", proxy.baseUri, upstream);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the tampering proxy on 127.0.0.1", e);
        }
    }

    /** Returns the proxy's base URL, such as {@code http://127.0.0.1:41235}, without a trailing slash. */
    public URI baseUri() {
        return baseUri;
    }

    /** Returns the upstream base URL given to {@link #start(URI)}. */
    public URI upstream() {
        return upstream;
    }

    /** From now on, applies {@code edit} to the body of every request before forwarding it. */
    public void editRequests(BodyEdit edit) {
        Objects.requireNonNull(edit, "edit");
        hooks.updateAndGet(current -> current.withRequestEdit(null, edit));
    }

    /** From now on, applies {@code edit} to the body of each request for {@code path}, such as {@code /authenticate}. */
    public void editRequests(String path, BodyEdit edit) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(edit, "edit");
        hooks.updateAndGet(current -> current.withRequestEdit(path, edit));
    }

    /** From now on, applies {@code edit} to the body of every reply before returning it. */
    public void editReplies(BodyEdit edit) {
        Objects.requireNonNull(edit, "edit");
        hooks.updateAndGet(current -> current.withReplyEdit(null, edit));
    }

    /** From now on, applies {@code edit} to the body of each reply to a request for {@code path}. */
    public void editReplies(String path, BodyEdit edit) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(edit, "edit");
        hooks.updateAndGet(current -> current.withReplyEdit(path, edit));
    }

    /** From now on, replaces every reply, status and content type included, with what {@code rewrite} returns. */
    public void rewriteReplies(ReplyRewrite rewrite) {
        Objects.requireNonNull(rewrite, "rewrite");
        hooks.updateAndGet(current -> current.withReplyRewrite(rewrite));
    }

    /**
     * From now on, replies to each request without forwarding it, with the first upstream reply
     * recorded for the same method and path (status, content type and body), as an attacker
     * replays a genuine server reply. A request for which nothing is recorded gets a 502.
     */
    public void replayReplies() {
        hooks.updateAndGet(current -> current.withReplay(null));
    }

    /** From now on, replies to each request with {@code reply} without forwarding it. */
    public void replayReplies(ProxiedReply reply) {
        Objects.requireNonNull(reply, "reply");
        hooks.updateAndGet(current -> current.withReplay(reply));
    }

    /** Returns the exchanges so far, oldest first. */
    public List<Exchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    /** Removes every edit, rewrite and replay and clears the recorded exchanges, so the proxy forwards plainly again. */
    public void reset() {
        hooks.set(ProxyHooks.NONE);
        synchronized (exchanges) {
            exchanges.clear();
        }
    }

    /** Stops the server and its threads, cutting off requests in flight. Calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        handlers.shutdownNow();
        try {
            handlers.awaitTermination(10, TimeUnit.SECONDS);
            forwarder.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Tampering proxy on {} stopped", baseUri);
    }

    private void handle(HttpExchange http) throws IOException {
        try (http) {
            ProxiedRequest request = read(http);
            Exchange exchange = process(request, hooks.get());
            record(exchange);
            LOG.debug("{} -> {}", exchange.request(), exchange.reply());
            send(http, request.method(), exchange.reply());
        }
    }

    private Exchange process(ProxiedRequest request, ProxyHooks active) {
        ProxiedRequest edited = request;
        if (active.editsRequest(request.path())) {
            try {
                edited = request.withBody(active.requestEdit().apply(request.body()));
            } catch (RuntimeException e) {
                return new Exchange(request, null, null, editFailed("request edit", e));
            }
        }

        ProxiedRequest forwarded = null;
        ProxiedReply upstreamReply = null;
        ProxiedReply reply;
        if (active.replay()) {
            reply = active.replayReply() != null ? active.replayReply() : firstUpstreamReply(request);
            if (reply == null) {
                return new Exchange(request, null, null, proxyError(502, "no reply to " + request.method() + " "
                        + request.path() + " is recorded yet, so there is nothing to replay"));
            }
        } else {
            forwarded = edited;
            try {
                upstreamReply = forwarder.forward(edited);
            } catch (UpstreamForwarder.UpstreamException e) {
                LOG.info("Could not forward {}: {}", request, e.getMessage());
                return new Exchange(request, forwarded, null, proxyError(e.status(), e.getMessage()));
            }
            reply = upstreamReply;
        }

        try {
            if (active.replyRewrite() != null) {
                reply = Objects.requireNonNull(active.replyRewrite().rewrite(edited, reply), "rewritten reply");
            }
            if (active.editsReply(request.path())) {
                reply = reply.withBody(active.replyEdit().apply(reply.body()));
            }
        } catch (RuntimeException e) {
            return new Exchange(request, forwarded, upstreamReply, editFailed("reply edit", e));
        }
        return new Exchange(request, forwarded, upstreamReply, reply);
    }

    private ProxiedReply firstUpstreamReply(ProxiedRequest request) {
        synchronized (exchanges) {
            for (Exchange earlier : exchanges) {
                if (earlier.request().method().equals(request.method())
                        && earlier.request().path().equals(request.path())
                        && earlier.upstreamReply().isPresent()) {
                    return earlier.upstreamReply().get();
                }
            }
        }
        return null;
    }

    private void record(Exchange exchange) {
        synchronized (exchanges) {
            exchanges.add(exchange);
        }
    }

    private static ProxiedReply editFailed(String what, RuntimeException e) {
        // A failed edit is a bug in the test, so it is logged loudly and never hidden by forwarding the body unchanged.
        LOG.warn("The {} failed, so the proxy answers 502: {}", what, e.toString());
        return proxyError(502, "the " + what + " failed: " + e.getMessage());
    }

    private static ProxiedReply proxyError(int status, String message) {
        String body = "{" + PythonJsonString.quote(PROXY_ERROR_MEMBER) + ": " + PythonJsonString.quote(message) + "}";
        return ProxiedReply.of(status, "application/json", body);
    }

    private static ProxiedRequest read(HttpExchange http) throws IOException {
        URI uri = http.getRequestURI();
        byte[] body;
        try (InputStream in = http.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new ProxiedRequest(http.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                http.getRequestHeaders().getFirst("Content-Type"), body);
    }

    private static void send(HttpExchange http, String method, ProxiedReply reply) throws IOException {
        reply.contentType().ifPresent(type -> http.getResponseHeaders().set("Content-Type", type));
        byte[] body = reply.body();
        boolean bodyless = body.length == 0 || "HEAD".equals(method) || reply.status() == 204 || reply.status() == 304;
        // HttpServer sends no body at all for a length of -1, while 0 would mean chunked encoding.
        http.sendResponseHeaders(reply.status(), bodyless ? -1 : body.length);
        if (!bodyless) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Prints the addresses only. */
    @Override
    public String toString() {
        return "TamperingProxy[" + baseUri + " -> " + upstream + "]";
    }
}
