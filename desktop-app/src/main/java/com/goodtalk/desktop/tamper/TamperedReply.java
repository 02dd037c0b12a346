package com.goodtalk.desktop.tamper;

import java.util.Objects;

/**
 * The reply the tamper proxy returns to the client, and one sentence describing what the attack
 * changed, or why it changed nothing.
 *
 * @param reply   the reply to return
 * @param change  what the proxy did to the server's reply, such as "Rewrote status ... to activated"
 * @param changed whether the reply differs from the server's
 */
record TamperedReply(RelayedReply reply, String change, boolean changed) {

    TamperedReply {
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(change, "change");
    }

    /** Returns a reply that the proxy changed as {@code change} describes. */
    static TamperedReply changed(RelayedReply reply, String change) {
        return new TamperedReply(reply, change, true);
    }

    /** Returns the server's reply unchanged, with the reason the attack did not apply to it. */
    static TamperedReply unchanged(RelayedReply reply, String reason) {
        return new TamperedReply(reply, reason, false);
    }
}
