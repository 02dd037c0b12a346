package com.goodtalk.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProductKeysTest {

    /** A valid new-format key: the payload 0123456789ABCDEFGHJKMNP with its check character. */
    private static final String NEW_KEY = ProductKeys.withCheckCharacter("0123456789ABCDEFGHJKMNP");

    @ParameterizedTest
    @ValueSource(strings = {"APENL-4N9L1-2KA9D-3JX0-44LSK", "SDFK9-J4HUL-1JK9I9-923J-0069K",
            "F423J-JS0AW-345JD-AA05K-NMF09"})
    void demoKeyNormalizesToItselfAndIsLegacy(String demoKey) throws Exception {
        String normalized = ProductKeys.normalize(demoKey);

        assertThat(normalized).isEqualTo(demoKey);
        assertThat(ProductKeys.check(normalized).outcome()).isEqualTo(KeyCheckResult.Outcome.LEGACY);
        assertThat(ProductKeys.check(normalized).isAccepted()).isTrue();
    }

    @Test
    void demoKeyKeepsLettersIAndL() throws Exception {
        assertThat(ProductKeys.normalize("sdfk9-j4hul-1jk9i9-923j-0069k")).isEqualTo("SDFK9-J4HUL-1JK9I9-923J-0069K");
    }

    @Test
    void newFormatKeyAppliesCrockfordAliases() throws Exception {
        assertThat(ProductKeys.normalize("OIL0il-ABCDEF-GHJKMN-PQRSTo")).isEqualTo("011011-ABCDEF-GHJKMN-PQRST0");
    }

    @Test
    void newFormatKeyTypedWithAliasesPassesCheck() throws Exception {
        // NEW_KEY starts with 0 and 1, which a user may type as O and l.
        String typed = "Ol" + NEW_KEY.substring(2).toLowerCase();

        String normalized = ProductKeys.normalize(typed);

        assertThat(normalized).isEqualTo(NEW_KEY);
        assertThat(ProductKeys.check(normalized).outcome()).isEqualTo(KeyCheckResult.Outcome.NEW_FORMAT_VALID);
    }

    @Test
    void greekOmicronInNewFormatKeyRejected() {
        InvalidProductKeyException e = assertThrows(InvalidProductKeyException.class,
                () -> ProductKeys.normalize("\u039F12345-ABCDEF-GHJKMN-PQRST0"));

        assertThat(e.getMessage()).contains("U+039F GREEK CAPITAL LETTER OMICRON at position 1");
    }

    @Test
    void cyrillicInDemoKeyRejected() {
        InvalidProductKeyException e = assertThrows(InvalidProductKeyException.class,
                () -> ProductKeys.normalize("AP\u0415NL-4N9L1-2KA9D-3JX0-44LSK"));

        assertThat(e.getMessage()).isEqualTo("invalid key format: character U+0415 CYRILLIC CAPITAL LETTER IE "
                + "at position 3 is not allowed; product keys use A-Z, 0-9 and '-'");
    }

    @Test
    void pastedNewFormatKeyNormalizes() throws Exception {
        String pasted = " " + NEW_KEY.toLowerCase().replace('-', '\u2013') + "\u200B\n";

        assertThat(ProductKeys.normalize(pasted)).isEqualTo(NEW_KEY);
    }

    @Test
    void validNewFormatKeyPassesCheck() {
        KeyCheckResult result = ProductKeys.check(NEW_KEY);

        assertThat(result.outcome()).isEqualTo(KeyCheckResult.Outcome.NEW_FORMAT_VALID);
        assertThat(result.isAccepted()).isTrue();
    }

    @Test
    void wrongCheckCharacterReportedAsMistyped() {
        char check = NEW_KEY.charAt(NEW_KEY.length() - 1);
        char wrong = check == 'A' ? 'B' : 'A';
        String mistyped = NEW_KEY.substring(0, NEW_KEY.length() - 1) + wrong;

        KeyCheckResult result = ProductKeys.check(mistyped);

        assertThat(result.outcome()).isEqualTo(KeyCheckResult.Outcome.MISTYPED);
        assertThat(result.isAccepted()).isFalse();
        assertThat(result.message()).contains("a character is mistyped");
        assertThat(result.message()).contains("copy the key again");
        assertThat(result.message()).doesNotContain(mistyped.substring(7));
    }

    @Test
    void letterUInNewFormatKeyReportedAsMistyped() {
        String withU = NEW_KEY.substring(0, 9) + "U" + NEW_KEY.substring(10);

        KeyCheckResult result = ProductKeys.check(withU);

        assertThat(result.outcome()).isEqualTo(KeyCheckResult.Outcome.MISTYPED);
        assertThat(result.message()).contains("the letter U (group 2, character 3)");
        assertThat(result.message()).contains("copy the key again");
    }

    @Test
    void otherShapesAreLegacy() {
        assertThat(ProductKeys.check("ABCDEF-GHJKMN-PQRSTV").outcome()).isEqualTo(KeyCheckResult.Outcome.LEGACY);
        assertThat(ProductKeys.check("ABCDEFGHJKMNPQRSTVWXYZ01").outcome()).isEqualTo(KeyCheckResult.Outcome.LEGACY);
        assertThat(ProductKeys.check("ABCDE-FGHJKMN-PQRSTV-WXYZ01").outcome())
                .isEqualTo(KeyCheckResult.Outcome.LEGACY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"apenl-4n9l1", " APENL", "APENL\u0410", "", "OIL0IL-ABCDEF-GHJKMN-PQRST0"})
    void checkRejectsKeyThatIsNotNormalized(String key) {
        assertThatThrownBy(() -> ProductKeys.check(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not normalized")
                .hasMessageContaining("ProductKeys.normalize");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "APENL-4N9L1-2KA9D-3JX0-44LSK | APENL-****",
            "ABCDEF-GHJKMN-PQRSTV-WXYZ01  | ABCDEF-****",
            "ABCDEFGHJKMN                 | ABCD****",
            "ABCDEF                       | ABC****",
            "AB                           | A****",
            "A                            | ****",
            "-ABC                         | -****",
            "ABC-D                        | AB-****"})
    void maskShowsOnlyFirstGroup(String key, String masked) {
        assertThat(ProductKeys.mask(key)).isEqualTo(masked);
    }

    @Test
    void maskReplacesControlCharacters() {
        assertThat(ProductKeys.mask("AB\nCD-EFGH-IJKL")).isEqualTo("AB?CD-****");
    }

    @Test
    void maskOfEmptyKeyShowsNothing() {
        assertThat(ProductKeys.mask("")).isEqualTo("****");
    }
}
