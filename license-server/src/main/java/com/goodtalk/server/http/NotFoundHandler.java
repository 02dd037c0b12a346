package com.goodtalk.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Replies 404 to a path that no endpoint serves, and lists the endpoints that exist. */
public final class NotFoundHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(NotFoundHandler.class);

    private final String endpoints;

    /** Creates the handler; {@code endpoints} lists the served endpoints, such as "POST /authenticate". */
    public NotFoundHandler(String endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        String path = LogText.escape(exchange.getRequestPath(), 200);
        LOG.info("{}: 404, no such endpoint", LogText.request(exchange));
        JsonResponses.sendError(exchange, StatusCodes.NOT_FOUND, "Not Found",
                "No endpoint at " + path + ". This server has " + endpoints + ".");
    }
}
