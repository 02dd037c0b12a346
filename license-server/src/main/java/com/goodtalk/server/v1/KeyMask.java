package com.goodtalk.server.v1;

import com.goodtalk.server.http.LogText;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shortens product keys for logs, so that a log reader can tell keys apart without learning one.
 *
 * <p>A key with a {@code -} shows its first group ({@code APENL-*****}); a key without one shows
 * its first 4 characters ({@code KKKK*}). Neither shows more than half of the key, so a short
 * key is never printed whole. Control characters in the shown part are escaped.
 */
public final class KeyMask {

    private static final int PREFIX_WITHOUT_GROUP = 4;

    /** A single-quoted token, as Jackson quotes parts of the input in its error messages. */
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private KeyMask() {
    }

    /** Returns the masked form of {@code key}, such as {@code APENL-*****}, escaped for a log line. */
    public static String mask(String key) {
        return LogText.escape(maskUnescaped(key), Integer.MAX_VALUE);
    }

    /**
     * Masks every single-quoted token in a parser message, such as the field name in
     * {@code Duplicate field 'APENL-4N9L1-2KA9D'}, and escapes the result for a log line.
     * The JSON literals and one-character tokens stay, because they make the message precise.
     *
     * <p>NOTE: a token that itself contains an apostrophe ends the match early, so the rest of
     * that token stays unmasked. Product keys with apostrophes would need another approach.
     */
    public static String maskQuotedTokens(String message, int maxChars) {
        Matcher matcher = QUOTED.matcher(message);
        StringBuilder masked = new StringBuilder();
        while (matcher.find()) {
            String token = matcher.group(1);
            String shown = isHarmless(token) ? token : maskUnescaped(token);
            matcher.appendReplacement(masked, Matcher.quoteReplacement("'" + shown + "'"));
        }
        matcher.appendTail(masked);
        return LogText.escape(masked.toString(), maxChars);
    }

    private static String maskUnescaped(String key) {
        if (key.isEmpty()) {
            return "(empty)";
        }
        int length = key.codePointCount(0, key.length());
        int dash = key.indexOf('-');
        boolean grouped = dash >= 0;
        int wanted = grouped ? key.codePointCount(0, dash) : PREFIX_WITHOUT_GROUP;
        int shown = Math.min(wanted, length / 2);
        String prefix = key.substring(0, key.offsetByCodePoints(0, shown));
        if (grouped && shown == wanted) {
            return prefix + "-*****";
        }
        return prefix + "*";
    }

    private static boolean isHarmless(String token) {
        return token.codePointCount(0, token.length()) <= 1
                || token.equals("null") || token.equals("true") || token.equals("false");
    }
}
