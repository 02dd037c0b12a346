package com.goodtalk.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyNormalizerTest {

    private static final String DEMO_KEY = "APENL-4N9L1-2KA9D-3JX0-44LSK";

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"2010", "2011", "2012", "2013", "2014", "2015", "2212", "FE58", "FE63", "FF0D"})
    void dashLookAlikeBecomesHyphenMinus(String hex) throws Exception {
        String dash = Character.toString(Integer.parseInt(hex, 16));

        assertThat(KeyNormalizer.normalize("ABCDE" + dash + "12345")).isEqualTo("ABCDE-12345");
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"0020", "0009", "000A", "000D", "00A0", "2007", "202F", "3000", "2028"})
    void whitespaceRemoved(String hex) throws Exception {
        String space = Character.toString(Integer.parseInt(hex, 16));

        assertThat(KeyNormalizer.normalize(space + "APENL-" + space + "4N9L1" + space)).isEqualTo("APENL-4N9L1");
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"200B", "200C", "200D", "2060", "FEFF", "00AD"})
    void zeroWidthInMiddleRemoved(String hex) throws Exception {
        String invisible = Character.toString(Integer.parseInt(hex, 16));

        assertThat(KeyNormalizer.normalize("APE" + invisible + "NL-4N9L1")).isEqualTo("APENL-4N9L1");
    }

    @Test
    void lowerCaseUpperCased() throws Exception {
        assertThat(KeyNormalizer.normalize("apenl-4n9l1-2ka9d-3jx0-44lsk")).isEqualTo(DEMO_KEY);
    }

    @Test
    void fullWidthBecomesAscii() throws Exception {
        String fullWidth = "ＡＰＥＮＬ－４Ｎ９Ｌ１－２ＫＡ９Ｄ－３ＪＸ０－４４ＬＳＫ";

        assertThat(KeyNormalizer.normalize(fullWidth)).isEqualTo(DEMO_KEY);
    }

    @Test
    void fullWidthLowerCaseBecomesAscii() throws Exception {
        assertThat(KeyNormalizer.normalize("ａｐｅｎｌ")).isEqualTo("APENL");
    }

    static Stream<Arguments> rejectedCharacters() {
        return Stream.of(
                Arguments.of("AB\u0410CD", 0x0410, 3, "U+0410 CYRILLIC CAPITAL LETTER A"),
                Arguments.of("ab\u0430cd", 0x0430, 3, "U+0430 CYRILLIC SMALL LETTER A"),
                Arguments.of("\u0421D-1", 0x0421, 1, "U+0421 CYRILLIC CAPITAL LETTER ES"),
                Arguments.of("AB-\u039F1", 0x039F, 4, "U+039F GREEK CAPITAL LETTER OMICRON"),
                Arguments.of("AB-\u03BF1", 0x03BF, 4, "U+03BF GREEK SMALL LETTER OMICRON"),
                Arguments.of("AB\uD83D\uDE00C", 0x1F600, 3, "U+1F600 GRINNING FACE"),
                Arguments.of("\u0130ABC", 0x0130, 1, "U+0130 LATIN CAPITAL LETTER I WITH DOT ABOVE"),
                Arguments.of("STRA\u00DFE", 0x00DF, 5, "U+00DF LATIN SMALL LETTER SHARP S"),
                Arguments.of("ABC_D", '_', 4, "U+005F LOW LINE"),
                Arguments.of("AB\u0000", 0, 3, "U+0000 NULL"),
                Arguments.of("A\u0301B", 0x0301, 2, "U+0301 COMBINING ACUTE ACCENT"),
                Arguments.of("AB\u0378", 0x0378, 3, "U+0378 (unassigned)"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("rejectedCharacters")
    void characterOutsideAlphabetRejected(String input, int codePoint, int position, String described) {
        InvalidProductKeyException e = assertThrows(InvalidProductKeyException.class,
                () -> KeyNormalizer.normalize(input));

        assertThat(e.getMessage()).isEqualTo("invalid key format: character " + described + " at position "
                + position + " is not allowed; product keys use A-Z, 0-9 and '-'");
        assertThat(e.codePoint()).hasValue(codePoint);
        assertThat(e.position()).hasValue(position);
    }

    @Test
    void positionCountsEmojiAsOneCharacter() {
        InvalidProductKeyException e = assertThrows(InvalidProductKeyException.class,
                () -> KeyNormalizer.normalize("\uD83D\uDE00A\u0410"));

        assertThat(e.position()).hasValue(1);
    }

    @Test
    void positionCountsRemovedSpaces() {
        InvalidProductKeyException e = assertThrows(InvalidProductKeyException.class,
                () -> KeyNormalizer.normalize("  A\u0410"));

        assertThat(e.position()).hasValue(4);
        assertThat(e.codePoint()).hasValue(0x0410);
    }

    @Test
    void turkishDotlessIBecomesCapitalI() throws Exception {
        assertThat(KeyNormalizer.normalize("\u0131ABC")).isEqualTo("IABC");
    }

    @Test
    void lowerCaseIUnderTurkishLocaleBecomesCapitalI() throws Exception {
        Locale original = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            assertThat("i".toUpperCase()).as("the Turkish locale maps i to İ").isEqualTo("\u0130");
            assertThat(KeyNormalizer.normalize("sdfk9-j4hul-1jk9i9")).isEqualTo("SDFK9-J4HUL-1JK9I9");
        } finally {
            Locale.setDefault(original);
        }
    }

    @Test
    void compatibilityFormsBecomeAscii() throws Exception {
        // NFKC maps the circled digit one, the Roman numeral one and the Kelvin sign to ASCII.
        assertThat(KeyNormalizer.normalize("\u2460\u2160\u212A")).isEqualTo("1IK");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "   ", "\u200B\uFEFF", "\t\n"})
    void emptyAfterNormalizationRejected(String input) {
        assertThatThrownBy(() -> KeyNormalizer.normalize(input))
                .isInstanceOf(InvalidProductKeyException.class)
                .hasMessage("invalid key format: the key is empty after removing spaces and invisible characters");
    }

    @Test
    void onlyDashesRejected() {
        assertThatThrownBy(() -> KeyNormalizer.normalize("- \u2013 -"))
                .isInstanceOf(InvalidProductKeyException.class)
                .hasMessageStartingWith("invalid key format: the key contains only '-'");
    }

    @Test
    void overlongInputRejected() {
        String input = "A".repeat(KeyNormalizer.MAX_INPUT_LENGTH + 1);

        InvalidProductKeyException e = assertThrows(InvalidProductKeyException.class,
                () -> KeyNormalizer.normalize(input));

        assertThat(e.getMessage()).startsWith("invalid key format: the input is 257 characters long");
        assertThat(e.position()).isEmpty();
    }

    @Test
    void inputOfMaxLengthAccepted() throws Exception {
        String input = "A".repeat(KeyNormalizer.MAX_INPUT_LENGTH);

        assertThat(KeyNormalizer.normalize(input)).isEqualTo(input);
    }
}
