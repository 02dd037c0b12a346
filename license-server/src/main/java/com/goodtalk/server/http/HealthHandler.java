package com.goodtalk.server.http;

import com.goodtalk.protocol.v1.V1Protocol;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Replies to {@code GET /health} with the reference body, {@code {"status": "Still Alive"}}. */
public final class HealthHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(HealthHandler.class);

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        // DEBUG rather than INFO, because monitors call this every few seconds.
        LOG.debug("{}: 200", LogText.request(exchange));
        JsonResponses.send(exchange, StatusCodes.OK, V1Protocol.healthBody());
    }
}
