package com.goodtalk.protocol.keys;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The character rules of {@link ProductKeys#normalize(String)}: compatibility normalization,
 * dash look-alikes, removed whitespace and invisible characters, upper case, and the
 * allowed alphabet.
 *
 * <p>NFKC is applied to one input code point at a time, so an error can name the position
 * of the character the user typed. The result is the same as with NFKC of the whole text.
 * The two differ only where NFKC composes a base character with a combining mark or with
 * Hangul jamo, and text containing either is rejected both ways. Only the character named
 * in the error can differ.
 */
final class KeyNormalizer {

    /** The maximum input length in UTF-16 units, spaces included. */
    static final int MAX_INPUT_LENGTH = 256;

    private static final String ALLOWED = "A-Z, 0-9 and '-'";

    private KeyNormalizer() {
    }

    /** Returns the normalized key, without Crockford aliases applied. */
    static String normalize(String input) throws InvalidProductKeyException {
        if (input.length() > MAX_INPUT_LENGTH) {
            throw new InvalidProductKeyException("invalid key format: the input is " + input.length()
                    + " characters long, more than the " + MAX_INPUT_LENGTH
                    + " allowed; paste only the product key");
        }

        StringBuilder key = new StringBuilder(input.length());
        int position = 0;
        for (int offset = 0; offset < input.length(); ) {
            int typed = input.codePointAt(offset);
            offset += Character.charCount(typed);
            position++;
            appendNormalized(typed, position, key);
        }

        if (key.length() == 0) {
            throw new InvalidProductKeyException(
                    "invalid key format: the key is empty after removing spaces and invisible characters");
        }
        if (key.chars().allMatch(c -> c == '-')) {
            throw new InvalidProductKeyException(
                    "invalid key format: the key contains only '-'; product keys use " + ALLOWED);
        }
        return key.toString();
    }

    private static void appendNormalized(int typed, int position, StringBuilder key)
            throws InvalidProductKeyException {
        String compatible = Normalizer.normalize(Character.toString(typed), Normalizer.Form.NFKC);
        for (int offset = 0; offset < compatible.length(); ) {
            int codePoint = compatible.codePointAt(offset);
            offset += Character.charCount(codePoint);

            if (isDashLookAlike(codePoint)) {
                key.append('-');
            } else if (!isRemoved(codePoint)) {
                key.append(toKeyCharacter(codePoint, typed, position));
            }
        }
    }

    /**
     * Upper-cases one character with {@link Locale#ROOT}, so a Turkish default locale cannot
     * turn {@code i} into {@code İ}. The root locale maps the Turkish dotless {@code ı} to
     * {@code I}, which is what a Turkish keyboard types as the lower case of I, so it is
     * accepted. A character whose upper case is several characters ({@code ß} becomes
     * {@code SS}) is rejected, so the key length never changes silently.
     */
    private static char toKeyCharacter(int codePoint, int typed, int position) throws InvalidProductKeyException {
        String upper = Character.toString(codePoint).toUpperCase(Locale.ROOT);
        if (upper.length() == 1 && isKeyCharacter(upper.charAt(0))) {
            return upper.charAt(0);
        }
        throw notAllowed(typed, position);
    }

    private static boolean isKeyCharacter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    }

    /**
     * Tells whether a character (after NFKC) is a dash that users paste in place of '-':
     * hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus sign,
     * and the small and full-width forms. NFKC already maps some of them, but listing them
     * keeps the rule independent of the Unicode version.
     */
    private static boolean isDashLookAlike(int codePoint) {
        return (codePoint >= 0x2010 && codePoint <= 0x2015)
                || codePoint == 0x2212
                || codePoint == 0xFE58
                || codePoint == 0xFE63
                || codePoint == 0xFF0D;
    }

    /** Tells whether a character is whitespace or an invisible character that copying adds. */
    private static boolean isRemoved(int codePoint) {
        return Character.isWhitespace(codePoint)
                || Character.isSpaceChar(codePoint)
                || codePoint == 0x200B // zero width space
                || codePoint == 0x200C // zero width non-joiner
                || codePoint == 0x200D // zero width joiner
                || codePoint == 0x2060 // word joiner
                || codePoint == 0xFEFF // zero width no-break space (byte order mark)
                || codePoint == 0x00AD; // soft hyphen
    }

    private static InvalidProductKeyException notAllowed(int typed, int position) {
        String name = Character.getName(typed);
        String described = String.format(Locale.ROOT, "U+%04X %s", typed, name == null ? "(unassigned)" : name);
        return new InvalidProductKeyException("invalid key format: character " + described + " at position "
                + position + " is not allowed; product keys use " + ALLOWED, typed, position);
    }
}
