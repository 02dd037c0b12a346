package com.goodtalk.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Sends a {@link ProxiedRequest} to the upstream server with the JDK's {@link HttpClient} and
 * returns its reply. It forwards the method, path, query, {@code Content-Type} and body, and no
 * other header.
 */
final class UpstreamForwarder implements AutoCloseable {

    /** The reason no upstream reply arrived, with the HTTP status the proxy replies with instead. */
    static final class UpstreamException extends Exception {
        private static final long serialVersionUID = 1L;

        private final int status;

        UpstreamException(int status, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        /** Returns 502 for an unreachable or failing upstream, 504 for one that timed out. */
        int status() {
            return status;
        }
    }

    private final String upstreamBase;
    private final Duration timeout;
    private final ExecutorService executor;
    private volatile HttpClient client;

    UpstreamForwarder(URI upstream, Duration timeout, String threadNamePrefix) {
        String path = upstream.getRawPath() == null ? "" : upstream.getRawPath();
        this.upstreamBase = upstream.getScheme() + "://" + upstream.getRawAuthority()
                + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        this.timeout = timeout;
        this.executor = Executors.newCachedThreadPool(new NamedThreadFactory(threadNamePrefix));
        this.client = HttpClient.newBuilder()
                .executor(executor)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/1.1 sends what a plain client sends, without the headers of an h2c upgrade.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    ProxiedReply forward(ProxiedRequest request) throws UpstreamException {
        HttpClient current = client;
        if (current == null) {
            throw new UpstreamException(502, "the proxy is closed", null);
        }
        URI target = URI.create(upstreamBase + request.path() + request.query().map(query -> "?" + query).orElse(""));
        byte[] body = request.body();
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .method(request.method(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        request.contentType().ifPresent(type -> builder.header("Content-Type", type));
        try {
            HttpResponse<byte[]> response = current.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new ProxiedReply(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), response.body());
        } catch (HttpTimeoutException e) {
            throw new UpstreamException(504, "the upstream " + target + " did not reply within " + timeout, e);
        } catch (IOException e) {
            throw new UpstreamException(502, "the upstream " + target + " could not be reached: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(502, "forwarding to " + target + " was interrupted", e);
        } catch (IllegalArgumentException e) {
            // HttpClient rejects some methods (CONNECT) and restricted header values.
            throw new UpstreamException(502, "the request cannot be forwarded: " + e.getMessage(), e);
        }
    }

    /** Names the exception's class with the first message in its cause chain, as in "ConnectException (...)". */
    private static String describe(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank()) {
                return e.getClass().getSimpleName() + " (" + message + ")";
            }
        }
        return e.getClass().getSimpleName();
    }

    /**
     * Stops the forwarding threads. On Java 21 and later, where {@link HttpClient} has a
     * {@code close()} method, this also closes the client.
     */
    @Override
    public void close() throws InterruptedException {
        HttpClient current = client;
        client = null;
        // NOTE: on Java 17 HttpClient has no close(), so its selector thread ends only after the
        // client is garbage collected, which dropping the reference above allows.
        if (current instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not close the upstream HTTP client", e);
            }
        }
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
