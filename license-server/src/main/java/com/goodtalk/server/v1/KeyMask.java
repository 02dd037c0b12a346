package com.goodtalk.server.v1;

import com.goodtalk.server.http.LogText;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shortens product keys for logs, so that a log reader can tell keys apart without learning one.
 *
 * <p>A key with a {@code -} shows its first group ({@code APENL-*****}), and a key without one
 * shows its first 4 characters ({@code KKKK*}). Neither shows more than half of the key, so a short
 * key is never printed whole. Control characters in the shown part are escaped.
 */
public final class KeyMask {

    private static final int PREFIX_WITHOUT_GROUP = 4;

    /** A single-quoted token, as Jackson quotes parts of the input in its error messages. */
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    /** Tokens that carry no client data: the JSON literals and the v1 member names. */
    private static final Set<String> HARMLESS_TOKENS =
            Set.of("null", "true", "false", "key", "nonce", "version", "hmac");

    private KeyMask() {
    }

    /** Returns the masked form of {@code key}, such as {@code APENL-*****}, escaped for a log line. */
    public static String mask(String key) {
        return LogText.escape(maskUnescaped(key), Integer.MAX_VALUE);
    }

    /**
     * Masks every single-quoted token in a parser message, such as the field name in
     * {@code Duplicate field 'APENL-4N9L1-2KA9D'}, and escapes the result for a log line.
     * The JSON literals, the v1 member names and one-character tokens stay, because they make the
     * message precise.
     *
     * <p>NOTE: a token that itself contains an apostrophe ends the match early, so the rest of
     * that token stays unmasked. Product keys with apostrophes would need another approach.
     */
    public static String maskQuotedTokens(String message, int maxChars) {
        Matcher matcher = QUOTED.matcher(message);
        StringBuilder masked = new StringBuilder();
        while (matcher.find()) {
            String token = matcher.group(1);
            String replacement = isHarmless(token) ? token : maskUnescaped(token);
            matcher.appendReplacement(masked, Matcher.quoteReplacement("'" + replacement + "'"));
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
        int fullPrefixLength = grouped ? key.codePointCount(0, dash) : PREFIX_WITHOUT_GROUP;
        int prefixLength = Math.min(fullPrefixLength, length / 2);
        String prefix = key.substring(0, key.offsetByCodePoints(0, prefixLength));
        if (grouped && prefixLength == fullPrefixLength) {
            return prefix + "-*****";
        }
        return prefix + "*";
    }

    private static boolean isHarmless(String token) {
        return token.codePointCount(0, token.length()) <= 1 || HARMLESS_TOKENS.contains(token);
    }
}
