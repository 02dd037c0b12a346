package com.goodtalk.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes a request on only while its client address has tokens in the {@link RateLimiter}, and
 * otherwise lets the endpoint's {@link RateLimitRejection} reply, with a {@code Retry-After}
 * header. It runs after {@link BoundedBodyHandler}, so that a v2 rejection can sign a reply that
 * names the body, and before the endpoint, so that a flood never reaches the replay caches or
 * the license store.
 *
 * <p>It logs one line when a client is first rejected and none for its later rejections until
 * it is allowed again, so a flood does not flood the log.
 */
public final class RateLimitHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitHandler.class);

    private final RateLimiter limiter;
    private final ClientAddress clientAddress;
    private final HttpHandler next;
    private final RateLimitRejection rejection;

    public RateLimitHandler(RateLimiter limiter, ClientAddress clientAddress, HttpHandler next,
                            RateLimitRejection rejection) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.clientAddress = Objects.requireNonNull(clientAddress, "clientAddress");
        this.next = Objects.requireNonNull(next, "next");
        this.rejection = Objects.requireNonNull(rejection, "rejection");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String client = clientAddress.of(exchange);
        RateLimiter.Decision decision = limiter.tryAcquire(client);
        if (decision.allowed()) {
            next.handleRequest(exchange);
            return;
        }
        if (decision.firstDenial()) {
            LOG.warn("{}: client {} is over the rate limit ({}); rejecting its requests for {} s, and logging no"
                    + " more of them until one is allowed", LogText.request(exchange),
                    LogText.escape(client, 64), limiter, decision.retryAfterSeconds());
        }
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        rejection.rateLimited(exchange, BoundedBodyHandler.body(exchange), decision.retryAfterSeconds());
    }
}
