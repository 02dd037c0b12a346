package com.goodtalk.testkit;

import java.util.Objects;
import java.util.Optional;

/**
 * One request through the {@link TamperingProxy} and the reply it returned, with the versions
 * in between, so a test can check that its edit really reached the wire.
 */
public final class Exchange {

    private final ProxiedRequest request;
    private final ProxiedRequest forwardedRequest;
    private final ProxiedReply upstreamReply;
    private final ProxiedReply reply;

    Exchange(ProxiedRequest request, ProxiedRequest forwardedRequest, ProxiedReply upstreamReply,
             ProxiedReply reply) {
        this.request = Objects.requireNonNull(request, "request");
        this.forwardedRequest = forwardedRequest;
        this.upstreamReply = upstreamReply;
        this.reply = Objects.requireNonNull(reply, "reply");
    }

    /** Returns the request as the client sent it, before any edit. */
    public ProxiedRequest request() {
        return request;
    }

    /**
     * Returns the request as sent to the upstream after the request edits. It is empty when the
     * proxy did not forward the request: a replayed reply was returned, or an edit failed.
     */
    public Optional<ProxiedRequest> forwardedRequest() {
        return Optional.ofNullable(forwardedRequest);
    }

    /**
     * Returns the reply as the upstream sent it, before any reply edit. It is empty when no
     * upstream reply arrived: the request was not forwarded or the upstream could not be reached.
     */
    public Optional<ProxiedReply> upstreamReply() {
        return Optional.ofNullable(upstreamReply);
    }

    /** Returns the reply the client received: edited, replayed, forged or a proxy error. */
    public ProxiedReply reply() {
        return reply;
    }

    @Override
    public String toString() {
        return request + " -> " + reply;
    }
}
