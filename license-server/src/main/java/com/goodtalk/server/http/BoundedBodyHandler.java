package com.goodtalk.server.http;

import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.AttachmentKey;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Reads the request body into memory, up to a limit and a deadline, attaches it to the exchange
 * and hands the exchange to a worker thread for the handlers further in. A larger body gets 413,
 * and an unreadable body or one not complete by the deadline gets 400, as JSON unless a
 * {@link BodyRejection} sends them in another format.
 *
 * <p>The body is read with Undertow's non-blocking receiver on the I/O thread, so a client that
 * sends its body a byte at a time holds no worker thread, and the deadline counts from the start
 * of the body, so trickling bytes do not extend it. The limit is counted while reading, so it
 * holds for chunked bodies, which declare no length. Undertow's own limit is not used, because in
 * Undertow 2.3.27 the chunked decoder takes its limit before any handler runs, and a chunked body
 * over that limit closes the connection without a reply. Before the 413 this handler reads and
 * discards up to {@value #MAX_DISCARDED_BYTES} more bytes, so that a client that sends its whole
 * body before reading receives the reply instead of a reset connection.
 *
 * <p>It must run on the I/O thread, with no blocking handler in front of it.
 */
public final class BoundedBodyHandler implements HttpHandler {

    /** The attachment that carries the body read by this handler to the handlers further in. */
    public static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);

    /** The maximum number of bytes discarded after an oversized body, before the 413 is sent. */
    static final int MAX_DISCARDED_BYTES = 1024 * 1024;

    /** The time a client has to send a whole body unless the constructor sets another. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);

    /** The time a reply after the body deadline has to go out before the connection is closed. */
    private static final long CLOSE_AFTER_TIMEOUT_MILLIS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(BoundedBodyHandler.class);

    private final int maxBytes;
    private final long timeoutMillis;
    private final HttpHandler next;
    private final BodyRejection rejection;

    /**
     * Creates the handler with JSON error replies and the default body deadline.
     *
     * @param maxBytes the largest body accepted, in bytes
     * @throws IllegalArgumentException if {@code maxBytes} is below 1
     */
    public BoundedBodyHandler(int maxBytes, HttpHandler next) {
        this(maxBytes, DEFAULT_BODY_TIMEOUT, next, null);
    }

    /**
     * Creates the handler with the default body deadline.
     *
     * @param maxBytes  the largest body accepted, in bytes
     * @param rejection sends the 413 and 400 replies; null sends them as JSON
     * @throws IllegalArgumentException if {@code maxBytes} is below 1
     */
    public BoundedBodyHandler(int maxBytes, HttpHandler next, BodyRejection rejection) {
        this(maxBytes, DEFAULT_BODY_TIMEOUT, next, rejection);
    }

    /**
     * Creates the handler.
     *
     * @param maxBytes  the largest body accepted, in bytes
     * @param timeout   the time a client has to send the whole body
     * @param next      the handler that gets the exchange, on a worker thread, once the body is read
     * @param rejection sends the 413 and 400 replies; null sends them as JSON
     * @throws IllegalArgumentException if {@code maxBytes} is below 1 or {@code timeout} below 1 ms
     */
    public BoundedBodyHandler(int maxBytes, Duration timeout, HttpHandler next, BodyRejection rejection) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, got " + maxBytes);
        }
        if (timeout.toMillis() < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 ms, got " + timeout);
        }
        this.maxBytes = maxBytes;
        this.timeoutMillis = timeout.toMillis();
        // Exceptions on the worker thread no longer pass the outer error handler, so this one maps them.
        this.next = new ErrorMappingHandler(Objects.requireNonNull(next, "next"));
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
    public void handleRequest(HttpServerExchange exchange) {
        long declaredLength = exchange.getRequestContentLength();
        if (declaredLength > maxBytes && HttpContinue.requiresContinueResponse(exchange)) {
            // The client waits for a 100 Continue before it sends the body, so none needs discarding.
            exchange.setPersistent(false);
            exchange.dispatch(ex -> rejection.tooLarge(ex, new byte[0],
                    "declared Content-Length " + declaredLength + ", body not sent"));
            return;
        }
        new Reception(exchange, declaredLength).start();
    }

    /**
     * The reading of one body. Every method runs on the connection's I/O thread, the receiver's
     * callbacks and the deadline alike, so the fields need no locking.
     */
    private final class Reception {
        private final HttpServerExchange exchange;
        private final long declaredLength;
        private final byte[] bytes = new byte[maxBytes + 1];
        private int length;
        private long discarded;
        private boolean finished;
        private XnioExecutor.Key deadline;

        Reception(HttpServerExchange exchange, long declaredLength) {
            this.exchange = exchange;
            this.declaredLength = declaredLength;
        }

        void start() {
            deadline = exchange.getIoThread().executeAfter(this::timedOut, timeoutMillis, TimeUnit.MILLISECONDS);
            exchange.getRequestReceiver().receivePartialBytes(this::received, this::failed);
        }

        private boolean tooLarge() {
            return length > maxBytes;
        }

        private void received(HttpServerExchange ignored, byte[] chunk, boolean last) {
            if (finished) {
                return;
            }
            int kept = Math.min(chunk.length, bytes.length - length);
            System.arraycopy(chunk, 0, bytes, length, kept);
            length += kept;
            discarded += chunk.length - kept;
            if (tooLarge() && (last || discarded >= MAX_DISCARDED_BYTES)) {
                finish();
                rejectTooLarge();
            } else if (last) {
                finish();
                exchange.putAttachment(BODY, received());
                exchange.dispatch(next);
            }
        }

        private void failed(HttpServerExchange ignored, IOException error) {
            if (finished) {
                return;
            }
            finish();
            if (tooLarge()) {
                // The body is too large whatever arrived, so the reply stays the same.
                LOG.debug("Stopped reading an oversized body after {} bytes: {}", length + discarded, error.toString());
                rejectTooLarge();
            } else {
                rejectUnreadable(error);
            }
        }

        private void timedOut() {
            if (finished) {
                return;
            }
            finished = true;
            exchange.getRequestReceiver().pause();
            LOG.info("{}: request body not complete after {} ms ({} bytes received), closing the connection",
                    LogText.request(exchange), timeoutMillis, length + discarded);
            // The deadline fires outside any handler, so the reply needs a handler context of its own.
            Connectors.executeRootHandler(ex -> {
                if (tooLarge()) {
                    rejectTooLarge();
                } else {
                    rejectUnreadable(new SocketTimeoutException("The request body was not complete after "
                            + timeoutMillis + " ms."));
                }
            }, exchange);
            // A client that does not read its reply must not keep the connection open either.
            exchange.getIoThread().executeAfter(() -> IoUtils.safeClose(exchange.getConnection()),
                    CLOSE_AFTER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        }

        private void finish() {
            finished = true;
            deadline.remove();
            exchange.getRequestReceiver().pause();
        }

        private void rejectTooLarge() {
            // Unread body bytes would be parsed as the next request, so the connection must close.
            exchange.setPersistent(false);
            String detail = declaredLength > maxBytes ? "declared Content-Length " + declaredLength
                    : "body without a declared length read past the limit";
            byte[] prefix = received();
            exchange.dispatch(ex -> rejection.tooLarge(ex, prefix, detail));
        }

        private void rejectUnreadable(IOException error) {
            if (exchange.isResponseStarted() || !exchange.getConnection().isOpen()) {
                LOG.info("{}: connection closed while reading the body: {}", LogText.request(exchange),
                        LogText.escape(error.toString(), 200));
                exchange.endExchange();
                return;
            }
            exchange.setPersistent(false);
            byte[] prefix = received();
            exchange.dispatch(ex -> rejection.unreadable(ex, prefix, error));
        }

        private byte[] received() {
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
}
