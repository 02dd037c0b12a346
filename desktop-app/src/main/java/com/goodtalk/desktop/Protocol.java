package com.goodtalk.desktop;

import java.util.Locale;

/** The license protocols the desktop app speaks; {@link #V2} is the default. */
public enum Protocol {

    /** The original protocol: JSON signed with a secret that client and server share. */
    V1("v1", "v1 (legacy, shared secret)"),

    /** The hardened protocol: JWS requests with HS256 and replies signed by a pinned Ed25519 server key. */
    V2("v2", "v2 (signed replies, recommended)");

    private final String word;
    private final String label;

    Protocol(String word, String label) {
        this.word = word;
        this.label = label;
    }

    /** Returns the word used on the command line and in traces: {@code v1} or {@code v2}. */
    public String word() {
        return word;
    }

    /** Returns the text the window's protocol choice shows. */
    public String label() {
        return label;
    }

    /**
     * Returns the protocol named {@code text}, ignoring case and surrounding whitespace.
     *
     * @throws IllegalArgumentException if it names no protocol, with a message that lists the choices
     */
    public static Protocol fromWord(String text) {
        String word = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (Protocol protocol : values()) {
            if (protocol.word.equals(word)) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("The protocol \"" + text + "\" is unknown. Use v2, or v1 for a server"
                + " that speaks only the original protocol.");
    }

    @Override
    public String toString() {
        return word;
    }
}
