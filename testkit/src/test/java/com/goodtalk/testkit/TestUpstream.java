package com.goodtalk.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real HTTP server on 127.0.0.1 for the proxy's tests. Its paths:
 * {@code /echo} returns the request body with the request's content type, {@code /describe}
 * returns the request's method, path, query and content type as JSON, {@code /teapot} returns
 * 418 as plain text, {@code /counter} returns a count that grows with each call, and
 * {@code /empty} returns 204. It records every request body it receives.
 */
final class TestUpstream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger counter = new AtomicInteger();
    private final List<String> receivedBodies = new ArrayList<>();

    private TestUpstream() throws IOException {
        executor = Executors.newFixedThreadPool(8, new NamedThreadFactory("test-upstream"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static TestUpstream start() throws IOException {
        return new TestUpstream();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Returns the request bodies received so far, as UTF-8 text, oldest first. */
    List<String> receivedBodies() {
        synchronized (receivedBodies) {
            return List.copyOf(receivedBodies);
        }
    }

    void clear() {
        synchronized (receivedBodies) {
            receivedBodies.clear();
        }
    }

    private void handle(HttpExchange http) throws IOException {
        try (http; InputStream in = http.getRequestBody()) {
            byte[] body = in.readAllBytes();
            synchronized (receivedBodies) {
                receivedBodies.add(new String(body, StandardCharsets.UTF_8));
            }
            String contentType = http.getRequestHeaders().getFirst("Content-Type");
            switch (http.getRequestURI().getPath()) {
                case "/echo" -> reply(http, 200, contentType, body);
                case "/describe" -> {
                    ObjectNode description = JSON.createObjectNode()
                            .put("method", http.getRequestMethod())
                            .put("path", http.getRequestURI().getRawPath())
                            .put("query", http.getRequestURI().getRawQuery())
                            .put("contentType", contentType);
                    reply(http, 200, "application/json", JSON.writeValueAsBytes(description));
                }
                case "/teapot" -> reply(http, 418, "text/plain", "short and stout".getBytes(StandardCharsets.UTF_8));
                case "/counter" -> reply(http, 200, "application/json",
                        ("{\"count\": \"" + counter.incrementAndGet() + "\"}").getBytes(StandardCharsets.UTF_8));
                case "/empty" -> reply(http, 204, null, new byte[0]);
                default -> reply(http, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void reply(HttpExchange http, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            http.getResponseHeaders().set("Content-Type", contentType);
        }
        http.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
