package com.goodtalk.testkit;

/**
 * Replaces a whole reply, status and content type included, given the request it replies to.
 * Use it to forge a reply, for example to turn a {@code 403} into a {@code 200} that echoes the
 * request. For body-only changes, {@link BodyEdit} is simpler.
 *
 * <p>Implementations must be safe to call from several threads at once.
 */
@FunctionalInterface
public interface ReplyRewrite {

    /**
     * Returns the reply to send to the client instead of {@code reply}.
     *
     * @param request the request as forwarded, after request edits
     * @param reply   the reply from the upstream, or the replayed reply
     */
    ProxiedReply rewrite(ProxiedRequest request, ProxiedReply reply);
}
