package com.goodtalk.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small HTTP/1.1 client for tests that send bodies a real client would never send. */
final class TestHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    private final URI base;

    TestHttp(URI base) {
        this.base = base;
    }

    /** Sends {@code body} with a Content-Length header. */
    HttpResponse<String> post(String path, byte[] body) {
        return send("POST", path, BodyPublishers.ofByteArray(body));
    }

    /** Sends {@code body} as UTF-8 with a Content-Length header. */
    HttpResponse<String> post(String path, String body) {
        return post(path, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code body} chunked, without a Content-Length header, because its length is unknown up front. */
    HttpResponse<String> postChunked(String path, byte[] body) {
        return send("POST", path, BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    /** Sends a request without a body. */
    HttpResponse<String> request(String method, String path) {
        return send(method, path, BodyPublishers.noBody());
    }

    /** Sends {@code request} as built by the caller, relative paths resolved against the server. */
    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("HTTP request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + request.uri(), e);
        }
    }

    /** Returns a request builder for {@code path} on the server. */
    HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    }

    private HttpResponse<String> send(String method, String path, BodyPublisher body) {
        return send(builder(path).method(method, body).header("Content-Type", "application/json").build());
    }
}
