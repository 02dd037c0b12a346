package com.goodtalk.server.v2;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/** Sends raw v2 request bodies over HTTP/1.1, including bodies that no real client sends. */
final class V2Http {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    private final URI base;

    V2Http(URI base) {
        this.base = base;
    }

    /** Posts {@code body} with a Content-Length header. */
    HttpResponse<byte[]> post(String path, byte[] body) {
        return send(builder(path).POST(BodyPublishers.ofByteArray(body)).build());
    }

    /** Posts {@code body} chunked, without a Content-Length header. */
    HttpResponse<byte[]> postChunked(String path, byte[] body) {
        BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
        return send(builder(path).POST(chunked).build());
    }

    /**
     * Declares a body of {@code declaredLength} bytes with {@code Expect: 100-continue} and sends
     * no body, as a client does until the server replies 100, and returns the raw reply. It uses a
     * socket, because the JDK 17 HttpClient waits forever when the reply to such a request is a
     * final status instead of 100.
     *
     * @return the status code and the body of the reply
     */
    RawReply declareExpectingContinue(String path, int declaredLength) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: "
                    + "application/jose\r\nContent-Length: " + declaredLength + "\r\nExpect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return RawReply.parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Raw HTTP request to " + base + path + " failed", e);
        }
    }

    /** An HTTP/1.1 reply read off a socket that the server closed after it. */
    record RawReply(int status, String headers, byte[] body) {

        static RawReply parse(byte[] reply) {
            String text = new String(reply, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new AssertionError("No complete HTTP reply: " + text);
            }
            int status = Integer.parseInt(text.substring(9, 12));
            byte[] body = Arrays.copyOfRange(reply, end + 4, reply.length);
            return new RawReply(status, text.substring(0, end), body);
        }
    }

    /** Sends a request without a body. */
    HttpResponse<byte[]> request(String method, String path) {
        return send(builder(path).method(method, BodyPublishers.noBody()).build());
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Content-Type", "application/jose");
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return client.send(request, BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("HTTP request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + request.uri(), e);
        }
    }
}
