package com.goodtalk.desktop.tamper;

import com.goodtalk.desktop.Protocol;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tamper demonstration's man in the middle: an HTTP server on a free port of
 * {@code 127.0.0.1} that forwards each request to the license server and applies one
 * {@link Attack} to the exchange.
 *
 * <p>It starts in recording mode, in which it forwards plainly and keeps the last genuine
 * reply; {@link #arm} switches it to the attack, which may use that recorded reply. It is meant
 * for one demonstration and must be closed after it; {@link #close()} also ends a request that
 * {@link Attack#DELAY_REQUEST} is holding.
 */
public final class TamperProxy implements AutoCloseable {

    /** How long the proxy waits for the license server's reply. */
    static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(TamperProxy.class);

    /** The JDK property that makes {@link HttpServer} set TCP_NODELAY on its connections. */
    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        // HttpServer writes a reply's headers and body separately. Without TCP_NODELAY, Nagle's
        // algorithm delays the body until the client acknowledges the headers, which Linux postpones by
        // about 40 ms. The JDK reads the property when the first HttpServer of the JVM starts.
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
    }

    private final URI upstream;
    private final Protocol protocol;
    private final Consumer<String> progress;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ExecutorService clientThreads;
    private final HttpClient client;
    private final URI baseUri;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<String> changes = new ArrayList<>();
    private Attack attack;
    private Duration delay = Duration.ZERO;
    private RelayedReply recorded;
    private boolean tampered;

    private TamperProxy(URI upstream, Protocol protocol, Consumer<String> progress) throws IOException {
        this.upstream = upstream;
        this.protocol = protocol;
        this.progress = progress;
        this.handlers = Executors.newFixedThreadPool(2, daemon("goodtalk-tamper-proxy"));
        this.clientThreads = Executors.newFixedThreadPool(2, daemon("goodtalk-tamper-client"));
        this.client = HttpClient.newBuilder().connectTimeout(UPSTREAM_TIMEOUT).executor(clientThreads)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
        this.baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Starts a proxy in recording mode that forwards to {@code upstream}, a base URL that
     * {@code ServerUrl} has checked.
     *
     * @param protocol the protocol the client speaks, which decides how the attack edits replies
     * @param progress receives a sentence when the proxy starts holding a request, on the proxy's thread
     * @throws UncheckedIOException if no port of 127.0.0.1 is free
     */
    public static TamperProxy start(URI upstream, Protocol protocol, Consumer<String> progress) {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(progress, "progress");
        try {
            TamperProxy proxy = new TamperProxy(upstream, protocol, progress);
            LOG.info("Tamper demonstration proxy listening on {}, forwarding to {}", proxy.baseUri, upstream);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the tamper demonstration proxy on 127.0.0.1", e);
        }
    }

    /** Returns the proxy's base URL, such as {@code http://127.0.0.1:41235}, for the client to use. */
    public URI baseUri() {
        return baseUri;
    }

    /** Returns the address the proxy's socket is bound to. */
    InetSocketAddress boundAddress() {
        return server.getAddress();
    }

    /** Returns the port the proxy listens on. */
    public int port() {
        return baseUri.getPort();
    }

    /** From now on, applies {@code chosen} to each exchange; {@code holdFor} is the delay of {@link Attack#DELAY_REQUEST}. */
    public synchronized void arm(Attack chosen, Duration holdFor) {
        this.attack = Objects.requireNonNull(chosen, "chosen");
        this.delay = Objects.requireNonNull(holdFor, "holdFor");
    }

    /** Returns the last genuine reply forwarded in recording mode, if there was one. */
    synchronized Optional<RelayedReply> recordedReply() {
        return Optional.ofNullable(recorded);
    }

    /** Returns what the armed attack did, one sentence per action, oldest first. */
    public synchronized List<String> changes() {
        return List.copyOf(changes);
    }

    /** Tells whether the armed attack held a request or changed a reply. */
    public synchronized boolean tampered() {
        return tampered;
    }

    /** Stops listening and ends a held request, which then gets no reply. Calling it again does nothing. */
    @Override
    public void close() {
        if (closing.getCount() == 0) {
            return;
        }
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
        clientThreads.shutdownNow();
        try {
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Tamper demonstration proxy on {} stopped", baseUri);
    }

    private void handle(HttpExchange http) throws IOException {
        try (http) {
            byte[] requestBody;
            try (InputStream in = http.getRequestBody()) {
                requestBody = in.readAllBytes();
            }
            Attack active;
            Duration holdFor;
            synchronized (this) {
                active = attack;
                holdFor = delay;
            }
            if (active == Attack.DELAY_REQUEST && !hold(holdFor)) {
                return;
            }
            String path = http.getRequestURI().getRawPath();
            RelayedReply reply;
            try {
                reply = forward(http, path, requestBody);
            } catch (IOException e) {
                LOG.warn("The tamper proxy could not forward {} to {}: {}", path, upstream, e.toString());
                reply = proxyError("The tamper proxy could not reach the license server at " + upstream + ": "
                        + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            send(http, active == null ? record(reply) : tamper(active, path, requestBody, reply));
        }
    }

    /** Holds the request for {@code holdFor}; returns false if the proxy was closed meanwhile. */
    private boolean hold(Duration holdFor) {
        progress.accept("The tamper proxy is holding the request for " + holdFor.toSeconds()
                + " s before it forwards it to the server.");
        try {
            if (closing.await(holdFor.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        synchronized (this) {
            tampered = true;
        }
        addChange("Held the request for " + holdFor.toSeconds() + " s, then forwarded it to the server unchanged.");
        return true;
    }

    private synchronized RelayedReply record(RelayedReply reply) {
        recorded = reply;
        return reply;
    }

    private RelayedReply tamper(Attack active, String path, byte[] requestBody, RelayedReply reply) {
        RelayedReply earlier = recordedReply().orElse(null);
        TamperedReply result = switch (active) {
            case FORGE_SUCCESS -> protocol == Protocol.V1
                    ? V1ReplyEdits.forgeSuccess(requestBody, reply) : V2ReplyEdits.forgeSuccess(path, reply);
            case REPLAY_REPLY -> earlier == null
                    ? TamperedReply.unchanged(reply, "No reply was recorded, so the proxy had nothing to replay.")
                    : TamperedReply.changed(earlier, "Returned the genuine reply recorded from the earlier exchange"
                            + " instead of the server's reply to this request.");
            case SWAP_SIGNATURE -> earlier == null
                    ? TamperedReply.unchanged(reply, "No reply was recorded, so the proxy had no signature to swap.")
                    : protocol == Protocol.V1
                    ? V1ReplyEdits.swapSignature(reply, earlier) : V2ReplyEdits.swapSignature(reply, earlier);
            case STRIP_FIELD -> protocol == Protocol.V1
                    ? V1ReplyEdits.stripField(reply) : V2ReplyEdits.stripField(reply);
            case DELAY_REQUEST -> TamperedReply.unchanged(reply, "Passed the server's reply on unchanged.");
        };
        synchronized (this) {
            tampered |= result.changed();
        }
        addChange(result.change());
        return result.reply();
    }

    private RelayedReply forward(HttpExchange http, String path, byte[] body) throws IOException, InterruptedException {
        String base = upstream.toString().replaceAll("/+$", "");
        String query = http.getRequestURI().getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path + (query == null ? "" : "?" + query)))
                .timeout(UPSTREAM_TIMEOUT)
                .method(http.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        String contentType = http.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new RelayedReply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private synchronized void addChange(String change) {
        changes.add(change);
    }

    private RelayedReply proxyError(String message) {
        addChange(message);
        return new RelayedReply(502, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange http, RelayedReply reply) throws IOException {
        if (!reply.contentType().isEmpty()) {
            http.getResponseHeaders().set("Content-Type", reply.contentType());
        }
        byte[] body = reply.body();
        // HttpServer sends no body for a length of -1, while 0 would mean chunked encoding.
        http.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String toString() {
        return "TamperProxy[" + baseUri + " -> " + upstream + "]";
    }
}
