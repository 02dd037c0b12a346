package com.goodtalk.testkit;

/**
 * The tampering a {@link TamperingProxy} applies, as one immutable value, so that each request
 * reads a consistent set even while a test changes them from another thread.
 *
 * @param requestEdit  the edit of request bodies, or null
 * @param requestPath  the only path whose requests {@code requestEdit} changes, or null for every path
 * @param replyEdit    the edit of reply bodies, or null
 * @param replyPath    the only path whose replies {@code replyEdit} changes, or null for every path
 * @param replyRewrite the rewrite of whole replies, or null
 * @param replay       whether to reply from the record instead of forwarding
 * @param replayReply  the reply to replay; null with {@code replay} set means the first recorded one
 */
record ProxyHooks(BodyEdit requestEdit, String requestPath, BodyEdit replyEdit, String replyPath,
                  ReplyRewrite replyRewrite, boolean replay, ProxiedReply replayReply) {

    /** Plain forwarding. */
    static final ProxyHooks NONE = new ProxyHooks(null, null, null, null, null, false, null);

    ProxyHooks withRequestEdit(String path, BodyEdit edit) {
        return new ProxyHooks(edit, path, replyEdit, replyPath, replyRewrite, replay, replayReply);
    }

    ProxyHooks withReplyEdit(String path, BodyEdit edit) {
        return new ProxyHooks(requestEdit, requestPath, edit, path, replyRewrite, replay, replayReply);
    }

    ProxyHooks withReplyRewrite(ReplyRewrite rewrite) {
        return new ProxyHooks(requestEdit, requestPath, replyEdit, replyPath, rewrite, replay, replayReply);
    }

    ProxyHooks withReplay(ProxiedReply reply) {
        return new ProxyHooks(requestEdit, requestPath, replyEdit, replyPath, replyRewrite, true, reply);
    }

    boolean editsRequest(String path) {
        return requestEdit != null && (requestPath == null || requestPath.equals(path));
    }

    boolean editsReply(String path) {
        return replyEdit != null && (replyPath == null || replyPath.equals(path));
    }
}
