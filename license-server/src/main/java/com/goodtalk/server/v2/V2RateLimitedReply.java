package com.goodtalk.server.v2;

import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2ReplySigner;
import com.goodtalk.protocol.v2.V2SignedReply;
import com.goodtalk.protocol.v2.V2Status;
import com.goodtalk.server.http.RateLimitRejection;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The reply of the v2 endpoints to a rate-limited client: a signed {@code rate_limited} with HTTP
 * 429, like every v2 reply, whose {@code req} hashes the body received. It carries no
 * {@code req_jti}, because the request is rejected before its HMAC is checked.
 */
public final class V2RateLimitedReply implements RateLimitRejection {

    private final V2ReplySigner signer;

    public V2RateLimitedReply(V2ReplySigner signer) {
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    @Override
    public void rateLimited(HttpServerExchange exchange, byte[] body, long retryAfterSeconds) {
        V2SignedReply reply = signer.sign(body, null, V2Status.RATE_LIMITED, "This address sent more requests"
                + " than the server allows per minute. Try again in " + retryAfterSeconds + " s.", null);
        exchange.setStatusCode(reply.httpStatus());
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, V2Protocol.CONTENT_TYPE);
        exchange.getResponseSender().send(ByteBuffer.wrap(reply.body()));
    }
}
