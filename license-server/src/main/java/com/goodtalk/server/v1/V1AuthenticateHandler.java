package com.goodtalk.server.v1;

import com.goodtalk.server.http.BoundedBodyHandler;
import com.goodtalk.server.http.JsonResponses;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.server.http.LogText;
import com.goodtalk.server.http.RateLimitRejection;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code POST /authenticate}: lets {@link V1Authenticator} decide on the body that
 * {@link BoundedBodyHandler} read, logs the outcome in one line and sends the reply.
 *
 * <p>It is also the {@link RateLimitRejection} of its endpoint: a rate-limited client gets 403
 * {@code {"error": "rate_limited"}}, the error v1 already sends when the replay cache is full.
 */
public final class V1AuthenticateHandler implements HttpHandler, RateLimitRejection {

    private static final Logger LOG = LoggerFactory.getLogger(V1AuthenticateHandler.class);

    /** The status of every v1 rejection, as in the reference server. */
    private static final int FORBIDDEN = 403;

    private final V1Authenticator authenticator;

    public V1AuthenticateHandler(V1Authenticator authenticator) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        byte[] body = BoundedBodyHandler.body(exchange);
        V1Decision decision = authenticator.authenticate(body);
        // Logged before sending, so the line exists by the time the client has its reply.
        LOG.info("{}: {}, {}", LogText.request(exchange), decision.status(), decision.logDetail());
        JsonResponses.send(exchange, decision.status(), decision.body());
    }

    @Override
    public void rateLimited(HttpServerExchange exchange, byte[] body, long retryAfterSeconds) {
        // RateLimitHandler logs the first rejection of a client; one line per request would let a flood flood the log.
        JsonResponses.send(exchange, FORBIDDEN, V1Protocol.errorBody(V1Authenticator.ERROR_RATE_LIMITED));
    }
}
