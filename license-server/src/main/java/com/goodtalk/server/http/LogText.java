package com.goodtalk.server.http;

import io.undertow.server.HttpServerExchange;
import java.net.InetSocketAddress;

/**
 * Makes client-controlled text safe to put in a one-line log message.
 *
 * <p>Control, format and line-separator characters become {@code \\uXXXX} escapes, so a client
 * cannot start a fake log line or hide text behind bidirectional overrides, and long text is
 * cut to a maximum length.
 */
public final class LogText {

    private LogText() {
    }

    /**
     * Escapes {@code text} and cuts it to at most {@code maxChars} characters of input.
     * A cut text ends with {@code ...(N chars)}, where N is the original length.
     */
    public static String escape(String text, int maxChars) {
        if (text == null) {
            return "null";
        }
        StringBuilder escaped = new StringBuilder(Math.min(text.length(), maxChars) + 16);
        int index = 0;
        while (index < text.length() && index < maxChars) {
            int codePoint = text.codePointAt(index);
            if (needsEscape(codePoint)) {
                for (char unit : Character.toChars(codePoint)) {
                    escaped.append(String.format("\\u%04x", (int) unit));
                }
            } else {
                escaped.appendCodePoint(codePoint);
            }
            index += Character.charCount(codePoint);
        }
        if (index < text.length()) {
            escaped.append("...(").append(text.length()).append(" chars)");
        }
        return escaped.toString();
    }

    /** Describes a request for a log line, such as {@code POST /authenticate from 127.0.0.1:50312}. */
    public static String request(HttpServerExchange exchange) {
        InetSocketAddress client = exchange.getSourceAddress();
        String from = client == null ? "an unknown address" : client.getHostString() + ":" + client.getPort();
        return escape(exchange.getRequestMethod().toString(), 20) + " " + escape(exchange.getRequestPath(), 200)
                + " from " + from;
    }

    private static boolean needsEscape(int codePoint) {
        if (codePoint == '\\') {
            // Escaping the backslash keeps a received "\\u000a" apart from an escaped line feed.
            return true;
        }
        switch (Character.getType(codePoint)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SURROGATE:
            case Character.UNASSIGNED:
                return true;
            default:
                return false;
        }
    }
}
