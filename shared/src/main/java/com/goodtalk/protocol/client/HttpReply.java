package com.goodtalk.protocol.client;

import java.nio.charset.StandardCharsets;

/** An HTTP reply whose body was read in full within the size limit. */
record HttpReply(int status, String contentType, byte[] body) {

    /** Returns the body as text for display, cut to {@code maxChars} characters. */
    String bodyForDisplay(int maxChars) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= maxChars ? text : text.substring(0, maxChars) + " ... (" + body.length + " bytes in all)";
    }
}
