package com.goodtalk.server;

import java.util.List;

/**
 * The three product keys published with the proof of concept.
 *
 * <p>Anyone can read them, so a server that accepts them proves the protocol works and
 * nothing more. Their group lengths are irregular (5-5-5-4-5, 5-5-6-4-5, 5-5-5-5-5), so
 * code that handles keys must take them as they are rather than check a pattern.
 */
public final class DemoKeys {

    /** The published demo keys, in their published order. */
    public static final List<String> KEYS = List.of(
            "APENL-4N9L1-2KA9D-3JX0-44LSK",
            "SDFK9-J4HUL-1JK9I9-923J-0069K",
            "F423J-JS0AW-345JD-AA05K-NMF09");

    private DemoKeys() {
    }
}
