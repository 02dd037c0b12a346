package com.goodtalk.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Sends each request to the handler registered for its exact path, and every other path to a
 * fallback.
 *
 * <p>Undertow's {@code PathHandler} also serves {@code /authenticate/} as {@code /authenticate},
 * but the reference server replies 404 there, and so does this router.
 */
public final class ExactPathRouter implements HttpHandler {

    private final Map<String, HttpHandler> routes = new LinkedHashMap<>();
    private final HttpHandler fallback;

    public ExactPathRouter(HttpHandler fallback) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /** Registers {@code handler} for requests whose path is exactly {@code path}, such as {@code /health}. */
    public ExactPathRouter route(String path, HttpHandler handler) {
        routes.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(handler, "handler"));
        return this;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        routes.getOrDefault(exchange.getRelativePath(), fallback).handleRequest(exchange);
    }
}
