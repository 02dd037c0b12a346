package com.goodtalk.server.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the address that a request came from, which the rate limit counts requests by.
 *
 * <p>The default, {@link #socket()}, is the peer address of the TCP connection, which a client
 * cannot forge. Behind a reverse proxy every request comes from the proxy, so
 * {@link #trustedHeader(String)} reads the address from a header that the proxy sets. Use it only
 * when every request passes through that proxy and the proxy overwrites or appends to the header:
 * otherwise a client writes any address it likes into the header and escapes the limit.
 *
 * <p>An IPv6 address counts with its whole {@code /64} network, such as {@code 2001:db8:1:2::/64}:
 * a single customer line usually gets a /64 and may pick any address in it, so counting each
 * address would let one client rotate through 2<sup>64</sup> fresh budgets.
 */
@FunctionalInterface
public interface ClientAddress {

    /**
     * Text that can only be an IPv6 literal: it contains a ':' and starts with a hex digit or ':'.
     * InetAddress (JDK 17) parses such text as a literal or rejects it, and never looks it up as a name.
     */
    Pattern IPV6_LITERAL = Pattern.compile("(?=[^:]*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    /** An address in brackets, with or without a port, such as {@code [2001:db8::1]:443}. */
    Pattern BRACKETED = Pattern.compile("\\[([^\\]]*)\\](?::[0-9]{1,5})?");

    /** An IPv4 address with a port, such as {@code 203.0.113.7:51000}. */
    Pattern IPV4_WITH_PORT = Pattern.compile("([0-9]{1,3}(?:\\.[0-9]{1,3}){3}):[0-9]{1,5}");

    /** Returns the client address of {@code exchange}, such as {@code 203.0.113.7}. */
    String of(HttpServerExchange exchange);

    /** Returns the source that uses the TCP peer address. */
    static ClientAddress socket() {
        return exchange -> {
            InetSocketAddress peer = exchange.getSourceAddress();
            if (peer == null) {
                return "unknown";
            }
            return peer.getAddress() != null ? counted(peer.getAddress()) : peer.getHostString();
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
            return last.isEmpty() ? fallback.of(exchange) : counted(last);
        };
    }

    /**
     * Returns what the limit counts for the address text {@code text}: the /64 network of an IPv6
     * literal, the address of an IPv4 one, and any other text as it is. A port, brackets and an IPv6
     * zone id are left out, so that a proxy which writes them does not give each connection or zone
     * a budget of its own.
     */
    static String counted(String text) {
        Matcher ipv4WithPort = IPV4_WITH_PORT.matcher(text);
        if (ipv4WithPort.matches()) {
            return ipv4WithPort.group(1);
        }
        Matcher bracketed = BRACKETED.matcher(text);
        String address = bracketed.matches() ? bracketed.group(1) : text;
        int zone = address.indexOf('%');
        String literal = zone >= 0 ? address.substring(0, zone) : address;
        // Only text that InetAddress reads as a literal is parsed, so no name is ever looked up.
        if (!IPV6_LITERAL.matcher(literal).matches()) {
            return text;
        }
        try {
            return counted(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return text;
        }
    }

    /** Returns what the limit counts for {@code address}: its /64 network if it is IPv6, else the address. */
    static String counted(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] network = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(network, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }
}
