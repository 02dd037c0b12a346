package com.goodtalk.server.http;

import io.undertow.server.HttpServerExchange;

/**
 * Sends the reply to a request that {@link RateLimitHandler} rejected, so that each protocol can
 * reply in its own format. The handler has already set the {@code Retry-After} header.
 */
@FunctionalInterface
public interface RateLimitRejection {

    /**
     * Replies to a rate-limited request.
     *
     * @param body              the request body, as {@link BoundedBodyHandler} read it
     * @param retryAfterSeconds whole seconds until the client may send again, at least 1
     */
    void rateLimited(HttpServerExchange exchange, byte[] body, long retryAfterSeconds);
}
