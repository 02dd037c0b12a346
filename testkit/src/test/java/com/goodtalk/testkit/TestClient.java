package com.goodtalk.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Sends test requests through the proxy; its threads are named {@code test-client-N}. */
final class TestClient {

    static final String THREAD_PREFIX = "test-client";

    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(new NamedThreadFactory(THREAD_PREFIX));
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .executor(EXECUTOR)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private TestClient() {
    }

    /** Creates the client now, so that its selector thread exists before a test counts threads. */
    static void warmUp() {
        CLIENT.version();
    }

    static HttpResponse<String> send(String method, URI uri, String contentType, String body)
            throws IOException, InterruptedException {
        return CLIENT.send(request(method, uri, contentType, body), HttpResponse.BodyHandlers.ofString());
    }

    static CompletableFuture<HttpResponse<String>> sendAsync(String method, URI uri, String contentType, String body) {
        return CLIENT.sendAsync(request(method, uri, contentType, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String method, URI uri, String contentType, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return builder.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }
}
