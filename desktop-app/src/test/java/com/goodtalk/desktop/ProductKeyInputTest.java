package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goodtalk.protocol.keys.ProductKeys;
import org.junit.jupiter.api.Test;

class ProductKeyInputTest {

    @Test
    void tidyUpperCasesRemovesSpacesAndMapsDashLookAlikes() {
        assertThat(ProductKeyInput.tidy("ab c\u2013d\u00a0e\u2212f")).isEqualTo("ABC-DE-F");
    }

    @Test
    void tidyMapsFullWidthCharacters() {
        assertThat(ProductKeyInput.tidy("\uff41\uff11")).isEqualTo("A1");
    }

    @Test
    void tidyKeepsCharacterNoKeyContainsSoTheProblemCanNameIt() {
        assertThat(ProductKeyInput.tidy("ab#c")).isEqualTo("AB#C");
        assertThat(ProductKeyInput.problem("AB#C")).get().asString().contains("U+0023 NUMBER SIGN at position 3");
    }

    @Test
    void groupsCompleteNewFormatKeyTypedWithoutDashes() {
        String key = ProductKeys.generate();

        assertThat(ProductKeyInput.grouped(key.replace("-", ""))).isEqualTo(key);
        assertThat(ProductKeyInput.grouped(key.substring(0, 7) + key.substring(7).replace("-", ""))).isEqualTo(key);
    }

    @Test
    void leavesLegacyAndIncompleteKeysAlone() {
        assertThat(ProductKeyInput.grouped("APENL-4N9L1-2KA9D-3JX0-44LSK")).isEqualTo("APENL-4N9L1-2KA9D-3JX0-44LSK");
        assertThat(ProductKeyInput.grouped("ABCDEFGHJK")).isEqualTo("ABCDEFGHJK");
    }

    @Test
    void validNewFormatAndLegacyKeysHaveNoProblem() {
        assertThat(ProductKeyInput.problem(ProductKeys.generate())).isEmpty();
        assertThat(ProductKeyInput.problem("APENL-4N9L1-2KA9D-3JX0-44LSK")).isEmpty();
        assertThat(ProductKeyInput.problem("  ")).isEmpty();
    }

    @Test
    void mistypedCharacterIsReported() {
        String mistyped = mistype(ProductKeys.generate());

        assertThat(ProductKeyInput.problem(mistyped)).get().asString()
                .startsWith("Invalid product key: a character is mistyped").endsWith(".");
        assertThatThrownBy(() -> ProductKeyInput.toSend(mistyped)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mistyped");
    }

    @Test
    void letterThatNeverOccursInKeysIsNamed() {
        String key = ProductKeys.generate();
        String withU = "U" + key.substring(1);

        assertThat(ProductKeyInput.problem(withU)).get().asString().contains("the letter U (group 1, character 1)");
    }

    @Test
    void toSendNormalizesCrockfordAliases() {
        String key = ProductKeys.generate();
        String typed = key.toLowerCase().replace('1', 'l').replace('-', '\u2010');

        assertThat(ProductKeyInput.toSend(typed)).isEqualTo(key);
    }

    /** Returns {@code key} with its first character replaced by another Crockford character. */
    static String mistype(String key) {
        char replacement = key.charAt(0) == 'A' ? 'B' : 'A';
        return replacement + key.substring(1);
    }
}
