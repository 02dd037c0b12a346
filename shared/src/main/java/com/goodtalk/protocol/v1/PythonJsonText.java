package com.goodtalk.protocol.v1;

/**
 * Writes JSON text exactly as Python's {@code json.dumps} does with its default settings,
 * which is what the v1 reference code signs.
 *
 * <p>Those defaults are: {@code ", "} between members, {@code ": "} between a name and its
 * value, and {@code ensure_ascii=True}, so every UTF-16 code unit from U+007F upwards is
 * written as a lower-case {@code \\uXXXX} escape (an astral character becomes its surrogate
 * pair). The result is plain ASCII.
 */
final class PythonJsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder text = new StringBuilder("{");
    private boolean empty = true;

    /** Appends one member whose value is a string. */
    PythonJsonText member(String name, String value) {
        if (!empty) {
            text.append(", ");
        }
        empty = false;
        appendString(name);
        text.append(": ");
        appendString(value);
        return this;
    }

    /** Closes the object and returns its text. */
    String close() {
        return text.append('}').toString();
    }

    private void appendString(String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            appendChar(value.charAt(i));
        }
        text.append('"');
    }

    private void appendChar(char c) {
        switch (c) {
            case '"' -> text.append("\\\"");
            case '\\' -> text.append("\\\\");
            case '\n' -> text.append("\\n");
            case '\r' -> text.append("\\r");
            case '\t' -> text.append("\\t");
            case '\b' -> text.append("\\b");
            case '\f' -> text.append("\\f");
            default -> {
                if (c < 0x20 || c >= 0x7f) {
                    text.append("\\u")
                            .append(HEX[(c >> 12) & 0xf])
                            .append(HEX[(c >> 8) & 0xf])
                            .append(HEX[(c >> 4) & 0xf])
                            .append(HEX[c & 0xf]);
                } else {
                    text.append(c);
                }
            }
        }
    }
}
