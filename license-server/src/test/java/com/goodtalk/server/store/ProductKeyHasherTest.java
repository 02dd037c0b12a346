package com.goodtalk.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goodtalk.protocol.Secret;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ProductKeyHasherTest {

    private static final Secret PEPPER = Secret.ofUtf8("pepper for hasher tests");
    private static final ProductKeyHasher HASHER = new ProductKeyHasher(PEPPER, StoreConfig.BASIC_KEY_NORMALIZER);

    @ParameterizedTest
    @CsvSource({
        "GT7Q-M2XK-9PLA-4RTZ, GT7Q-****",
        "ABCDEFGHIJKL,        ABCD****",
        "abc123,              ab****",
        "AB-CDEFG,            AB-****",
        "ABCDEFGH-IJ,         ABC****",
        "x,                   ****"
    })
    void maskShowsFirstGroupAtMostAThird(String key, String masked) {
        assertThat(ProductKeyHasher.mask(key)).isEqualTo(masked);
    }

    @Test
    void hashDependsOnPepper() {
        ProductKeyHasher other = new ProductKeyHasher(Secret.ofUtf8("another pepper"), StoreConfig.BASIC_KEY_NORMALIZER);

        String hash = HASHER.forIssue(TestLicenses.KEY).hash();

        assertThat(hash).hasSize(64).matches("[0-9a-f]+").doesNotContain("GT7Q");
        assertThat(other.forIssue(TestLicenses.KEY).hash()).isNotEqualTo(hash);
        assertThat(HASHER.forIssue(" gt7q-m2xk-9pla-4rtz ").hash()).isEqualTo(hash);
    }

    @Test
    void lookupTriesImportedFormBeforeNormalisedForm() {
        String typed = "old-key-0042";

        assertThat(HASHER.lookupHashes(typed))
                .containsExactly(HASHER.forImport(typed).hash(), HASHER.forIssue(typed).hash());
        assertThat(HASHER.lookupHashes("ALREADY-UPPER")).hasSize(1);
        assertThat(HASHER.lookupHashes(" ")).isEmpty();
        assertThat(HASHER.lookupHashes("K".repeat(StoreLimits.MAX_KEY_LENGTH + 1))).isEmpty();
    }

    @Test
    void rejectingNormaliserLeavesOnlyImportedForm() {
        UnaryOperator<String> strict = key -> {
            throw new IllegalArgumentException("not a GoodTalk key");
        };
        ProductKeyHasher hasher = new ProductKeyHasher(PEPPER, strict);

        assertThat(hasher.lookupHashes("legacy")).containsExactly(hasher.forImport("legacy").hash());
        assertThatThrownBy(() -> hasher.forIssue("legacy")).hasMessage("not a GoodTalk key");
    }

    @Test
    void blankNormalisedKeyIsRejected() {
        ProductKeyHasher hasher = new ProductKeyHasher(PEPPER, key -> "");

        assertThatThrownBy(() -> hasher.forIssue("something"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty after normalisation");
    }
}
