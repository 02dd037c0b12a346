package com.goodtalk.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.AttachmentKey;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the request body into memory, up to a limit, and attaches it to the exchange for the
 * handlers further in. A larger body gets 413 and an unreadable one 400, as JSON unless a
 * {@link BodyRejection} sends them in another format.
 *
 * <p>The limit is counted while reading, so it holds for chunked bodies, which declare no
 * length. Undertow's own limit is not used, because in Undertow 2.3.27 the chunked decoder takes
 * its limit before any handler runs, and a chunked body over that limit closes the connection
 * without a reply. Before the 413 this handler reads and discards up to
 * {@value #MAX_DISCARDED_BYTES} more bytes, so that a client that sends its whole body before
 * reading receives the reply instead of a reset connection.
 *
 * <p>It uses blocking reads, so it must run on a worker thread.
 */
public final class BoundedBodyHandler implements HttpHandler {

    /** The attachment that carries the body read by this handler to the handlers further in. */
    public static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);

    /** The maximum number of bytes discarded after an oversized body, before the 413 is sent. */
    static final int MAX_DISCARDED_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(BoundedBodyHandler.class);

    private final int maxBytes;
    private final HttpHandler next;
    private final BodyRejection rejection;

    /**
     * Creates the handler with JSON error replies.
     *
     * @param maxBytes the largest body accepted, in bytes
     * @throws IllegalArgumentException if {@code maxBytes} is below 1
     */
    public BoundedBodyHandler(int maxBytes, HttpHandler next) {
        this(maxBytes, next, null);
    }

    /**
     * Creates the handler.
     *
     * @param maxBytes  the largest body accepted, in bytes
     * @param rejection sends the 413 and 400 replies; null sends them as JSON
     * @throws IllegalArgumentException if {@code maxBytes} is below 1
     */
    public BoundedBodyHandler(int maxBytes, HttpHandler next, BodyRejection rejection) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.next = Objects.requireNonNull(next, "next");
        this.rejection = rejection != null ? rejection : new JsonRejection(maxBytes);
    }

    /**
     * Returns the body that this handler attached.
     *
     * @throws IllegalStateException if the exchange did not pass through this handler
     */
    public static byte[] body(HttpServerExchange exchange) {
        byte[] body = exchange.getAttachment(BODY);
        if (body == null) {
            throw new IllegalStateException("No request body attached: the handler chain lacks a BoundedBodyHandler");
        }
        return body;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long declaredLength = exchange.getRequestContentLength();
        if (declaredLength > maxBytes) {
            if (HttpContinue.requiresContinueResponse(exchange)) {
                // The client waits for a 100 Continue before it sends the body, so none needs discarding.
                rejectTooLarge(exchange, new byte[0], "declared Content-Length " + declaredLength + ", body not sent");
            } else {
                byte[] received = readPrefix(exchange);
                discardRest(exchange);
                rejectTooLarge(exchange, received, "declared Content-Length " + declaredLength);
            }
            return;
        }

        BodyBuffer body = new BodyBuffer(maxBytes + 1);
        try {
            body.readFrom(exchange.getInputStream());
        } catch (IOException e) {
            rejectUnreadable(exchange, body.received(), e);
            return;
        }
        if (body.length > maxBytes) {
            discardRest(exchange);
            rejectTooLarge(exchange, body.received(), "body without a declared length read past the limit");
            return;
        }

        exchange.putAttachment(BODY, body.received());
        next.handleRequest(exchange);
    }

    private void rejectTooLarge(HttpServerExchange exchange, byte[] received, String detail) {
        // Unread body bytes would be parsed as the next request, so the connection must close.
        exchange.setPersistent(false);
        rejection.tooLarge(exchange, received, detail);
    }

    private void rejectUnreadable(HttpServerExchange exchange, byte[] received, IOException error) {
        if (exchange.isResponseStarted() || !exchange.getConnection().isOpen()) {
            // NOTE: a read timeout lands here, because Undertow closes the connection as it times out a
            // read, so that client gets no reply at all.
            LOG.info("{}: connection closed while reading the body: {}", LogText.request(exchange),
                    LogText.escape(error.toString(), 200));
            exchange.endExchange();
            return;
        }
        exchange.setPersistent(false);
        rejection.unreadable(exchange, received, error);
    }

    /** Reads up to {@code maxBytes + 1} bytes of a body declared too large, for a reply that hashes them. */
    private byte[] readPrefix(HttpServerExchange exchange) {
        BodyBuffer prefix = new BodyBuffer(maxBytes + 1);
        try {
            prefix.readFrom(exchange.getInputStream());
        } catch (IOException e) {
            // The body is too large whatever arrived, so the reply stays the same.
            LOG.debug("Stopped reading an oversized body after {} bytes: {}", prefix.length, e.toString());
        }
        return prefix.received();
    }

    /** A fixed-size buffer that keeps what arrived even when a read fails halfway. */
    private static final class BodyBuffer {
        private final byte[] bytes;
        private int length;

        BodyBuffer(int capacity) {
            this.bytes = new byte[capacity];
        }

        /** Reads until the buffer is full or the body ends. */
        void readFrom(InputStream in) throws IOException {
            int read;
            while (length < bytes.length && (read = in.read(bytes, length, bytes.length - length)) >= 0) {
                length += read;
            }
        }

        byte[] received() {
            return Arrays.copyOf(bytes, length);
        }
    }

    /** The JSON 413 and 400 replies, for endpoints whose protocol has no error format of its own. */
    private static final class JsonRejection implements BodyRejection {
        private final int maxBytes;

        JsonRejection(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public void tooLarge(HttpServerExchange exchange, byte[] received, String detail) {
            LOG.info("{}: 413, request body over {} bytes ({})", LogText.request(exchange), maxBytes, detail);
            JsonResponses.sendError(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "Content Too Large",
                    "The request body is larger than " + maxBytes + " bytes, the limit of this server."
                            + " v1 requests are a few hundred bytes, so check what the client sends.");
        }

        @Override
        public void unreadable(HttpServerExchange exchange, byte[] received, IOException error) {
            LOG.info("{}: 400, the request body could not be read: {}", LogText.request(exchange),
                    LogText.escape(error.toString(), 200));
            JsonResponses.sendError(exchange, StatusCodes.BAD_REQUEST, "Bad Request",
                    "The request body could not be read completely. Send the whole body and try again.");
        }
    }

    private static void discardRest(HttpServerExchange exchange) {
        byte[] buffer = new byte[8192];
        long discarded = 0;
        try {
            InputStream in = exchange.getInputStream();
            while (discarded < MAX_DISCARDED_BYTES) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, MAX_DISCARDED_BYTES - discarded));
                if (read < 0) {
                    return;
                }
                discarded += read;
            }
        } catch (IOException e) {
            // The client may have stopped sending or closed its side, but the 413 is still worth trying.
            LOG.debug("Stopped discarding an oversized body after {} bytes: {}", discarded, e.toString());
        }
    }
}
