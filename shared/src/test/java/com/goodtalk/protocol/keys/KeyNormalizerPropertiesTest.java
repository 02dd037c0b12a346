package com.goodtalk.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class KeyNormalizerPropertiesTest {

    /**
     * Characters that users paste into key fields: key characters in both cases, dash and
     * space look-alikes, invisible characters, full-width forms, Cyrillic and Greek letters,
     * combining marks, Hangul jamo that compose, ligatures, and an emoji.
     */
    @Provide
    Arbitrary<String> pastedText() {
        Arbitrary<Character> common = Arbitraries.of(
                'A', 'b', 'I', 'i', 'l', 'O', 'o', 'U', 'Z', '0', '1', '9', '-', '-', ' ',
                '\u00A0', '\u2007', '\u202F', '\u3000', '\t',
                '\u2010', '\u2011', '\u2013', '\u2014', '\u2212', '\uFE58', '\uFE63', '\uFF0D',
                '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD',
                '\uFF21', '\uFF41', '\uFF10', '\u2460', '\u2160', '\u212A', '\uFB01', '\u017F', '\u0131',
                '\u0410', '\u0430', '\u039F', '\u03BF', '\u00DF', '\u0130',
                '\u0301', '\u0307', '\u0338', '\u1100', '\u1161', '\u11A8', '\u00B4', '\u00C5');
        Arbitrary<String> commonText = common.list().ofMaxSize(40)
                .map(list -> list.stream().map(String::valueOf).reduce("", String::concat));
        Arbitrary<String> withEmoji = commonText.map(text -> text + "\uD83D\uDE00");
        return Arbitraries.frequencyOf(
                Tuple.of(9, commonText),
                Tuple.of(1, withEmoji));
    }

    @Property(tries = 2000)
    void normalizeIsIdempotent(@ForAll("pastedText") String input) {
        String once = normalizeOrNull(input);
        if (once == null) {
            return;
        }

        assertThat(normalizeOrNull(once)).isEqualTo(once);
    }

    @Property(tries = 2000)
    void outputUsesOnlyKeyAlphabet(@ForAll("pastedText") String input) {
        String normalized = normalizeOrNull(input);
        if (normalized == null) {
            return;
        }

        assertThat(normalized).matches("[A-Z0-9-]+");
    }

    /**
     * Compares the normalizer, which applies NFKC per code point so that errors can name
     * positions, with a second implementation that applies NFKC to the whole text first. Both
     * must accept the same inputs with the same result.
     */
    @Property(tries = 5000)
    void perCodePointNfkcAgreesWithWholeText(@ForAll("pastedText") String input) {
        assertThat(normalizeOrNull(input)).isEqualTo(wholeTextReference(input));
    }

    /** Tests any string, mostly rejected ones, for the same agreement. */
    @Property(tries = 2000)
    void arbitraryTextAgreesWithWholeText(@ForAll String input) {
        assertThat(normalizeOrNull(input)).isEqualTo(wholeTextReference(input));
    }

    private static String normalizeOrNull(String input) {
        try {
            return KeyNormalizer.normalize(input);
        } catch (InvalidProductKeyException e) {
            assertThat(e.getMessage()).startsWith("invalid key format: ");
            return null;
        }
    }

    private static String wholeTextReference(String input) {
        if (input.length() > KeyNormalizer.MAX_INPUT_LENGTH) {
            return null;
        }
        String compatible = Normalizer.normalize(input, Normalizer.Form.NFKC);
        StringBuilder key = new StringBuilder();
        for (int codePoint : compatible.codePoints().toArray()) {
            boolean dash = (codePoint >= 0x2010 && codePoint <= 0x2015) || codePoint == 0x2212
                    || codePoint == 0xFE58 || codePoint == 0xFE63 || codePoint == 0xFF0D;
            boolean removed = Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                    || "\u200B\u200C\u200D\u2060\uFEFF\u00AD".indexOf(codePoint) >= 0;
            String upper = Character.toString(codePoint).toUpperCase(Locale.ROOT);
            if (dash) {
                key.append('-');
            } else if (removed) {
                continue;
            } else if (upper.matches("[A-Z0-9-]")) {
                key.append(upper);
            } else {
                return null;
            }
        }
        boolean hasLetterOrDigit = key.chars().anyMatch(c -> c != '-');
        return hasLetterOrDigit ? key.toString() : null;
    }
}
