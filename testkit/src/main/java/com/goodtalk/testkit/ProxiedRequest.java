package com.goodtalk.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as the {@link TamperingProxy} saw or forwarded it. Immutable: the body is
 * copied on the way in and out.
 */
public final class ProxiedRequest {

    private final String method;
    private final String path;
    private final String query;
    private final String contentType;
    private final byte[] body;

    /**
     * Creates a request.
     *
     * @param method      the HTTP method, such as {@code POST}
     * @param path        the raw (still percent-encoded) path, such as {@code /authenticate}
     * @param query       the raw query without {@code ?}, or null if the request had none
     * @param contentType the {@code Content-Type} header, or null if the request had none
     * @param body        the body; empty if the request had none
     */
    public ProxiedRequest(String method, String path, String query, String contentType, byte[] body) {
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
        this.query = query;
        this.contentType = contentType;
        this.body = Objects.requireNonNull(body, "body").clone();
    }

    public String method() {
        return method;
    }

    /** Returns the raw path, such as {@code /authenticate}. */
    public String path() {
        return path;
    }

    /** Returns the raw query without {@code ?}, if the request had one. */
    public Optional<String> query() {
        return Optional.ofNullable(query);
    }

    /** Returns the {@code Content-Type} header, if the request had one. */
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

    /** Returns this request with another body. */
    ProxiedRequest withBody(byte[] newBody) {
        return new ProxiedRequest(method, path, query, contentType, newBody);
    }

    /** Prints method, path and body size only, because bodies carry product keys and MACs. */
    @Override
    public String toString() {
        return method + " " + path + (query != null ? "?" + query : "") + " (" + body.length + " bytes)";
    }
}
