package com.goodtalk.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an exception that escapes the handlers into a logged 500 reply with a JSON body.
 *
 * <p>Every bad request has its own 4xx reply further in, so reaching this handler means a bug
 * in the server. Without it Undertow would send a 500 with an empty, non-JSON body.
 */
public final class ErrorMappingHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappingHandler.class);

    private final HttpHandler next;

    public ErrorMappingHandler(HttpHandler next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        try {
            next.handleRequest(exchange);
        } catch (Exception e) {
            String request = LogText.request(exchange);
            if (exchange.isResponseComplete()) {
                // Seen when the server stops while Undertow finishes an exchange whose reply is already sent.
                LOG.debug("Failed after the reply to {} was sent: {}", request, e.toString());
                return;
            }
            if (exchange.isResponseStarted()) {
                LOG.error("Failed while sending the reply to {}, closing the connection", request, e);
                exchange.setPersistent(false);
                exchange.endExchange();
                return;
            }
            LOG.error("Failed to handle {}, replying 500", request, e);
            exchange.setPersistent(false);
            JsonResponses.sendError(exchange, StatusCodes.INTERNAL_SERVER_ERROR, "Internal Server Error",
                    "The server failed to handle the request. The server log has the details.");
        }
    }
}
