package com.goodtalk.server.http;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;

/**
 * Sends the reply to a request body that {@link BoundedBodyHandler} cannot pass on, so that each
 * protocol can reply in its own format. The handler has already marked the connection to close.
 */
public interface BodyRejection {

    /**
     * Replies to a body over the limit.
     *
     * @param received the bytes that arrived before the handler stopped reading: the first
     *                 {@code maxBytes + 1}, or none when the client waited for {@code 100 Continue}
     * @param detail   how the size was found out, for the log
     */
    void tooLarge(HttpServerExchange exchange, byte[] received, String detail);

    /**
     * Replies to a body that broke off while the connection is still open.
     *
     * @param received the bytes that arrived before the read failed
     */
    void unreadable(HttpServerExchange exchange, byte[] received, IOException error);
}
