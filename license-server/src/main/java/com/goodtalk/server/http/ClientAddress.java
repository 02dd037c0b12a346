package com.goodtalk.server.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Finds the address that a request came from, which the rate limit counts requests by.
 *
 * <p>The default, {@link #socket()}, is the peer address of the TCP connection, which a client
 * cannot forge. Behind a reverse proxy every request comes from the proxy, so
 * {@link #trustedHeader(String)} reads the address from a header that the proxy sets. Use it only
 * when every request passes through that proxy and the proxy overwrites or appends to the header:
 * otherwise a client writes any address it likes into the header and escapes the limit.
 */
@FunctionalInterface
public interface ClientAddress {

    /** Returns the client address of {@code exchange}, such as {@code 203.0.113.7}. */
    String of(HttpServerExchange exchange);

    /** Returns the source that uses the TCP peer address. */
    static ClientAddress socket() {
        return exchange -> {
            InetSocketAddress peer = exchange.getSourceAddress();
            if (peer == null) {
                return "unknown";
            }
            return peer.getAddress() != null ? peer.getAddress().getHostAddress() : peer.getHostString();
        };
    }

    /**
     * Returns the source that reads the last comma-separated entry of {@code headerName}, which is
     * the one the nearest proxy wrote, such as the last entry of {@code X-Forwarded-For}. A request
     * without the header counts under its TCP peer address.
     *
     * @throws IllegalArgumentException if the header name is blank or has characters other than
     *                                  letters, digits and '-'
     */
    static ClientAddress trustedHeader(String headerName) {
        Objects.requireNonNull(headerName, "headerName");
        if (!headerName.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("Invalid client address header name '" + headerName + "'. Use"
                    + " letters, digits and '-', such as X-Real-IP.");
        }
        HttpString header = HttpString.tryFromString(headerName);
        ClientAddress fallback = socket();
        return exchange -> {
            String value = exchange.getRequestHeaders().getLast(header);
            if (value == null) {
                return fallback.of(exchange);
            }
            String last = value.substring(value.lastIndexOf(',') + 1).strip();
            return last.isEmpty() ? fallback.of(exchange) : last;
        };
    }
}
