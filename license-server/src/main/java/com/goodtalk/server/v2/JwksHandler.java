package com.goodtalk.server.v2;

import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.server.http.LogText;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /v2/keys}: the public reply signing keys as a JWKS (RFC 7517), with
 * {@code Content-Type: application/jwk-set+json}.
 *
 * <p>The document is for operators and tools that build a client's pinned key set. A client must
 * never trust a key fetched from here at run time, because a man in the middle can serve his own.
 */
public final class JwksHandler implements HttpHandler {

    /** The media type of a JWKS (RFC 7517 section 8.5). */
    public static final String CONTENT_TYPE = "application/jwk-set+json";

    private static final Logger LOG = LoggerFactory.getLogger(JwksHandler.class);

    private final byte[] body;

    public JwksHandler(JsonWebKeySet keys) {
        this.body = Objects.requireNonNull(keys, "keys").toJson().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        // DEBUG rather than INFO, because tools may fetch the keys often.
        LOG.debug("{}: 200", LogText.request(exchange));
        exchange.setStatusCode(StatusCodes.OK);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
        exchange.getResponseSender().send(ByteBuffer.wrap(body.clone()));
    }
}
