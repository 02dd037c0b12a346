package com.goodtalk.protocol.keys;

/**
 * Douglas Crockford's base32 alphabet ({@code 0-9} and {@code A-Z} without I, L, O and U),
 * used for the characters of new-format product keys.
 *
 * <p>The alphabet leaves out I, L and O because they are easily read as 1 and 0, and U to
 * avoid accidental words. Crockford's decoding rules read O as 0 and I or L as 1, so a key
 * typed with those letters still means the intended characters.
 */
final class CrockfordBase32 {

    /** The 32 symbols in value order: the symbol at index {@code v} has the value {@code v}. */
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /** The number of symbols, which is also the modulus of the check character. */
    static final int RADIX = ALPHABET.length();

    private CrockfordBase32() {
    }

    /** Returns the value of an upper-case symbol, or -1 if the character is not in the alphabet. */
    static int valueOf(char symbol) {
        return ALPHABET.indexOf(symbol);
    }

    /** Returns the symbol of a value from 0 to 31. */
    static char symbolOf(int value) {
        return ALPHABET.charAt(value);
    }

    /** Replaces the decoding aliases in upper-case text: O becomes 0, I and L become 1. */
    static String applyDecodingAliases(String upperCaseText) {
        return upperCaseText.replace('O', '0').replace('I', '1').replace('L', '1');
    }
}
