package com.goodtalk.server.v1;

import com.goodtalk.server.http.BoundedBodyHandler;
import com.goodtalk.server.http.JsonResponses;
import com.goodtalk.server.http.LogText;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code POST /authenticate}: lets {@link V1Authenticator} decide on the body that
 * {@link BoundedBodyHandler} read, logs the outcome in one line and sends the reply.
 */
public final class V1AuthenticateHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(V1AuthenticateHandler.class);

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
}
