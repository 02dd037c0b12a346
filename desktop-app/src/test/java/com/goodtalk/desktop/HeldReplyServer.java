package com.goodtalk.desktop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP server on 127.0.0.1 that replies to every request with one fixed reply, but only
 * after the test calls {@link #release()}, so a test can look at a client while its request is
 * in flight without waiting for a time.
 */
final class HeldReplyServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "held-reply-server");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch requestArrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String lastRequestBody = "";

    private HeldReplyServer(int status, String contentType, String body, boolean held) throws IOException {
        if (!held) {
            released.countDown();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> answer(exchange, status, contentType, bytes));
        server.setExecutor(workers);
        server.start();
    }

    /** Starts a server that holds each request until {@link #release()}, then sends the reply. */
    static HeldReplyServer holding(int status, String contentType, String body) throws IOException {
        return new HeldReplyServer(status, contentType, body, true);
    }

    /** Starts a server that sends the reply at once. */
    static HeldReplyServer answering(int status, String contentType, String body) throws IOException {
        return new HeldReplyServer(status, contentType, body, false);
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Waits until the first request has arrived; returns false after 10 seconds without one. */
    boolean awaitRequest() throws InterruptedException {
        return requestArrived.await(10, TimeUnit.SECONDS);
    }

    /** Lets every held and future request get its reply. */
    void release() {
        released.countDown();
    }

    /** Returns the body of the last request, or empty text before the first. */
    String lastRequestBody() {
        return lastRequestBody;
    }

    int requestCount() {
        return requests.get();
    }

    private void answer(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        try (exchange) {
            lastRequestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.incrementAndGet();
            requestArrived.countDown();
            try {
                // Bounded, so a test that never calls release() cannot leave a thread behind for long.
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        workers.shutdownNow();
    }
}
