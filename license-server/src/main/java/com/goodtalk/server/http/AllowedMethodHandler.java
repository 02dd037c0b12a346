package com.goodtalk.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Passes requests with one HTTP method to the next handler and rejects the others with 405. */
public final class AllowedMethodHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AllowedMethodHandler.class);

    private final HttpString method;
    private final HttpHandler next;

    public AllowedMethodHandler(HttpString method, HttpHandler next) {
        this.method = Objects.requireNonNull(method, "method");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (method.equals(exchange.getRequestMethod())) {
            next.handleRequest(exchange);
            return;
        }
        String path = LogText.escape(exchange.getRequestPath(), 200);
        String received = LogText.escape(exchange.getRequestMethod().toString(), 20);
        LOG.info("{}: 405, only {} is allowed", LogText.request(exchange), method);
        exchange.getResponseHeaders().put(Headers.ALLOW, method.toString());
        JsonResponses.sendError(exchange, StatusCodes.METHOD_NOT_ALLOWED, "Method Not Allowed",
                received + " is not allowed on " + path + ". Use " + method + ".");
    }
}
