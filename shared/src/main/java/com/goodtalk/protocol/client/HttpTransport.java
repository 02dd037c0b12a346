package com.goodtalk.protocol.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one POST and reads the whole reply within a deadline and a size limit, so a server
 * that stalls or sends garbage can neither freeze the client nor exhaust its memory.
 */
final class HttpTransport {

    /** The reason an exchange produced no usable reply, phrased for the user. */
    static final class TransportException extends Exception {
        private static final long serialVersionUID = 1L;

        private final boolean serverReached;

        TransportException(String message, boolean serverReached, Throwable cause) {
            super(message, cause);
            this.serverReached = serverReached;
        }

        /** Tells whether bytes came back from the server, as with a reply that is too large. */
        boolean serverReached() {
            return serverReached;
        }
    }

    private final HttpClient client;
    private final Duration timeout;
    private final int maxReplyBytes;

    HttpTransport(Duration timeout, int maxReplyBytes) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.timeout = timeout;
        this.maxReplyBytes = maxReplyBytes;
    }

    HttpReply post(URI uri, String contentType, byte[] body) throws TransportException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(request, responseInfo -> new LimitedBodySubscriber(maxReplyBytes));
        try {
            HttpResponse<byte[]> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String replyType = response.headers().firstValue("Content-Type").orElse("(none)");
            return new HttpReply(response.statusCode(), replyType, response.body());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new TransportException("The server at " + uri + " did not reply within " + describe(timeout)
                    + ". Check that the server is running, then try again or raise the timeout.", false, e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new TransportException("The request to " + uri + " was cancelled.", false, e);
        } catch (ExecutionException e) {
            throw classify(uri, e.getCause());
        }
    }

    private TransportException classify(URI uri, Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && !(root instanceof LimitedBodySubscriber.ReplyTooLargeException)) {
            root = root.getCause();
        }
        if (root instanceof LimitedBodySubscriber.ReplyTooLargeException) {
            return new TransportException(root.getMessage(), true, cause);
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new TransportException("Connecting to " + uri + " timed out after " + describe(timeout)
                    + ". Check the server URL and that the server is running.", false, cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new TransportException("The server at " + uri + " did not reply within " + describe(timeout)
                    + ". Try again later or raise the timeout.", false, cause);
        }
        if (cause instanceof ConnectException || root instanceof ConnectException) {
            return new TransportException("Could not connect to " + uri + " (connection refused)."
                    + " Check that the server is running and that the URL is right.", false, cause);
        }
        String detail = root.getMessage() == null || root.getMessage().isBlank()
                ? root.getClass().getSimpleName() : root.getMessage();
        String hint = cause instanceof IOException ? " Check the server URL and your network." : "";
        return new TransportException("The exchange with " + uri + " failed: " + detail + "." + hint, false, cause);
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }
}
