package com.goodtalk.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP reply as the {@link TamperingProxy} received or returned it: status, content type and
 * body. Immutable: the body is copied on the way in and out. Tests also build replies with it
 * to forge one through {@link TamperingProxy#rewriteReplies(ReplyRewrite)}.
 */
public final class ProxiedReply {

    private final int status;
    private final String contentType;
    private final byte[] body;

    /**
     * Creates a reply.
     *
     * @param status      the HTTP status code, from 100 to 599
     * @param contentType the {@code Content-Type} header, or null to send none
     * @param body        the body; empty for none
     * @throws IllegalArgumentException if the status is outside 100 to 599
     */
    public ProxiedReply(int status, String contentType, byte[] body) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("The HTTP status must be from 100 to 599, got " + status);
        }
        this.status = status;
        this.contentType = contentType;
        this.body = Objects.requireNonNull(body, "body").clone();
    }

    /** Creates a reply whose body is the UTF-8 bytes of {@code body}. */
    public static ProxiedReply of(int status, String contentType, String body) {
        return new ProxiedReply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public int status() {
        return status;
    }

    /** Returns the {@code Content-Type} header, if the reply has one. */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /** Returns a copy of the body. */
    public byte[] body() {
        return body.clone();
    }

    /** Returns the body decoded as UTF-8, with invalid bytes replaced by U+FFFD. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Returns this reply with another body. */
    ProxiedReply withBody(byte[] newBody) {
        return new ProxiedReply(status, contentType, newBody);
    }

    /** Prints status and body size only, because bodies carry product keys and MACs. */
    @Override
    public String toString() {
        return "HTTP " + status + " (" + body.length + " bytes)";
    }
}
