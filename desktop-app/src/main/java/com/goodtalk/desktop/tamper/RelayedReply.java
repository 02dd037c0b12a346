package com.goodtalk.desktop.tamper;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An HTTP reply as the tamper proxy passes it on: status, content type and body bytes.
 *
 * @param status      the HTTP status code
 * @param contentType the {@code Content-Type} header, or empty text when the reply has none
 * @param body        the body bytes; the record does not copy them, so callers must not change them
 */
record RelayedReply(int status, String contentType, byte[] body) {

    RelayedReply {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    /** Returns this reply with {@code text} as its body, encoded as UTF-8. */
    RelayedReply withBody(String text) {
        return new RelayedReply(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the body decoded as UTF-8. */
    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
