package com.goodtalk.testkit;

/**
 * Writes a JSON string literal as Python's {@code json.dumps} does by default
 * ({@code ensure_ascii=True}): short escapes for quote, backslash and the five usual controls,
 * <code>&#92;u00XX</code> for other controls, and a lower-case <code>&#92;uXXXX</code> for every UTF-16 code unit
 * from U+007F upwards. The result is plain ASCII.
 */
final class PythonJsonString {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private PythonJsonString() {
    }

    /** Returns {@code value} as a quoted JSON string literal. */
    static String quote(String value) {
        StringBuilder text = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
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
        return text.append('"').toString();
    }
}
