package com.goodtalk.benchmarks.load;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The check that keeps the load run on this machine: it accepts only an IP literal of a
 * loopback address ({@code 127.0.0.0/8} or {@code ::1}). Host names are rejected without a DNS
 * lookup, because a name could resolve to another host.
 */
final class LoopbackAddress {

    private static final Pattern IPV4_LITERAL = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private LoopbackAddress() {
    }

    /**
     * Returns {@code host} as an address if it is a loopback IP literal, such as {@code 127.0.0.1},
     * {@code ::1} or {@code [::1]}.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones otherwise
     */
    static InetAddress require(String host) {
        Objects.requireNonNull(host, "host");
        String literal = host.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        InetAddress address = parseLiteral(host, literal);
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("The host \"" + host + "\" is not a loopback address. The load run"
                    + " only targets this machine: use 127.0.0.1 (or another 127.x.y.z address) or ::1.");
        }
        return address;
    }

    private static InetAddress parseLiteral(String host, String literal) {
        try {
            Matcher ipv4 = IPV4_LITERAL.matcher(literal);
            if (ipv4.matches()) {
                byte[] octets = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(ipv4.group(i + 1));
                    if (octet > 255) {
                        throw new IllegalArgumentException("The host \"" + host + "\" is not a valid IPv4 address:"
                                + " " + octet + " is above 255. Use a loopback address such as 127.0.0.1.");
                    }
                    octets[i] = (byte) octet;
                }
                return InetAddress.getByAddress(octets);
            }
            if (IPV6_LITERAL.matcher(literal).matches()) {
                // In brackets, the JDK parses the text as an IPv6 literal and never looks it up.
                return InetAddress.getByName("[" + literal + "]");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("The host \"" + host + "\" is not a valid IP address. Use a loopback"
                    + " address such as 127.0.0.1 or ::1.", e);
        }
        throw new IllegalArgumentException("The host \"" + host + "\" is not an IP address. The load run only"
                + " targets this machine: use a loopback address such as 127.0.0.1 or ::1.");
    }
}
