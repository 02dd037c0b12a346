package com.goodtalk.server.v2;

import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2SignedReply;
import com.goodtalk.server.http.BodyRejection;
import com.goodtalk.server.http.BoundedBodyHandler;
import com.goodtalk.server.http.LogText;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one v2 endpoint, such as {@code POST /v2/activate}: lets {@link V2RequestProcessor}
 * decide the body that {@link BoundedBodyHandler} read, logs one line and sends the signed reply
 * with {@code Content-Type: application/jose}.
 *
 * <p>It is also the {@link BodyRejection} of its {@link BoundedBodyHandler}, so a body over 16 KiB
 * gets a signed {@code too_large} and a body that broke off a signed {@code malformed}. Their
 * {@code req} claim hashes the bytes that arrived: for an oversized body the first 16 KiB + 1,
 * and nothing when the client declared the size and waited for {@code 100 Continue}.
 */
public final class V2EndpointHandler implements HttpHandler, BodyRejection {

    private static final Logger LOG = LoggerFactory.getLogger(V2EndpointHandler.class);

    private final V2Operation operation;
    private final V2RequestProcessor processor;
    private final String replyKeyId;

    /**
     * Creates the handler.
     *
     * @param replyKeyId the id of the key that signs the replies, for the log
     */
    public V2EndpointHandler(V2Operation operation, V2RequestProcessor processor, String replyKeyId) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.processor = Objects.requireNonNull(processor, "processor");
        this.replyKeyId = Objects.requireNonNull(replyKeyId, "replyKeyId");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        send(exchange, processor.process(operation, BoundedBodyHandler.body(exchange)));
    }

    @Override
    public void tooLarge(HttpServerExchange exchange, byte[] received, String detail) {
        send(exchange, processor.tooLarge(received, detail));
    }

    @Override
    public void unreadable(HttpServerExchange exchange, byte[] received, IOException error) {
        LOG.debug("{}: the body broke off after {} bytes: {}", LogText.request(exchange), received.length,
                LogText.escape(error.toString(), 200));
        send(exchange, processor.unreadable(received));
    }

    private void send(HttpServerExchange exchange, V2Outcome outcome) {
        V2SignedReply reply = outcome.reply();
        // Logged before sending, so the line exists by the time the client has its reply.
        LOG.info("{}: {} {}, key {}, client kid {}, reply kid {}, {}", LogText.request(exchange), reply.httpStatus(),
                reply.status().word(), outcome.maskedKey(), outcome.clientKeyId(), replyKeyId, outcome.detail());
        exchange.setStatusCode(reply.httpStatus());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, V2Protocol.CONTENT_TYPE);
        exchange.getResponseSender().send(ByteBuffer.wrap(reply.body()));
    }

    @Override
    public String toString() {
        return "V2EndpointHandler[" + operation.path() + "]";
    }
}
