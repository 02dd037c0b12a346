package com.goodtalk.protocol.keys;

/**
 * The Luhn mod N check character over an alphabet of N symbols.
 *
 * <p>Working from the rightmost payload character leftwards, every other symbol value is
 * doubled (starting with the rightmost) and a doubled value {@code d} is folded to
 * {@code d / N + d % N}. The check character makes the folded sum of the whole string,
 * check character included, a multiple of N. With the alphabet {@code 0-9} this is the
 * decimal Luhn check digit of payment card numbers.
 *
 * <p>Folding is a permutation of the symbol values, so any single substituted character
 * changes the sum. A swap of two adjacent characters is missed only for the pair whose
 * values are 0 and N-1 (decimal Luhn misses "09" and "90" the same way).
 */
final class LuhnModN {

    private final String alphabet;
    private final int radix;

    LuhnModN(String alphabet) {
        if (alphabet.length() < 2) {
            throw new IllegalArgumentException("alphabet must have at least 2 symbols, got " + alphabet.length());
        }
        this.alphabet = alphabet;
        this.radix = alphabet.length();
    }

    /**
     * Returns the check character to append to {@code payload}.
     *
     * @throws IllegalArgumentException if a payload character is not in the alphabet
     */
    char checkCharacter(CharSequence payload) {
        int sum = foldedSum(payload, true);
        int remainder = sum % radix;
        return alphabet.charAt((radix - remainder) % radix);
    }

    /**
     * Tells whether the last character of {@code text} is the correct check character for
     * the characters before it.
     *
     * @throws IllegalArgumentException if a character is not in the alphabet
     */
    boolean isValid(CharSequence text) {
        return text.length() > 0 && foldedSum(text, false) % radix == 0;
    }

    /**
     * Tells whether swapping two adjacent symbols with these values leaves the sum unchanged,
     * so that the check cannot detect the swap.
     */
    boolean missesSwapOf(char first, char second) {
        int a = valueOf(first, 0);
        int b = valueOf(second, 1);
        return a != b && (fold(a * 2) + b) % radix == (fold(b * 2) + a) % radix;
    }

    private int foldedSum(CharSequence text, boolean doubleRightmost) {
        boolean doubleThis = doubleRightmost;
        int sum = 0;
        for (int i = text.length() - 1; i >= 0; i--) {
            int value = valueOf(text.charAt(i), i);
            sum += doubleThis ? fold(value * 2) : value;
            doubleThis = !doubleThis;
        }
        return sum;
    }

    private int fold(int doubled) {
        return doubled / radix + doubled % radix;
    }

    private int valueOf(char symbol, int index) {
        int value = alphabet.indexOf(symbol);
        if (value < 0) {
            throw new IllegalArgumentException(
                    "character '" + symbol + "' at index " + index + " is not in the alphabet " + alphabet);
        }
        return value;
    }
}
