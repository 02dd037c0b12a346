package com.goodtalk.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProductKeysGenerateTest {

    private static final int SAMPLES = 5_000;

    @Test
    void generatedKeyHasNewFormat() throws Exception {
        for (int i = 0; i < 1_000; i++) {
            String key = ProductKeys.generate();

            assertThat(key).matches("[0-9A-HJKMNP-TV-Z]{6}(-[0-9A-HJKMNP-TV-Z]{6}){3}");
            assertThat(ProductKeys.normalize(key)).isEqualTo(key);
            assertThat(ProductKeys.check(key).outcome()).isEqualTo(KeyCheckResult.Outcome.NEW_FORMAT_VALID);
        }
    }

    /**
     * Decodes the 23 payload characters of many keys into 115 bits and checks that every bit
     * position takes both values. A stuck bit, a payload drawn from fewer symbols or a shorter
     * random source would fail. The chance of a false failure is about 115 * 2^-4999.
     */
    @Test
    void payloadCarries115RandomBits() {
        int bits = ProductKeys.PAYLOAD_LENGTH * 5;
        int[] ones = new int[bits];
        for (int i = 0; i < SAMPLES; i++) {
            String characters = ProductKeys.generate().replace("-", "");
            for (int c = 0; c < ProductKeys.PAYLOAD_LENGTH; c++) {
                int value = CrockfordBase32.valueOf(characters.charAt(c));
                for (int b = 0; b < 5; b++) {
                    ones[c * 5 + b] += (value >> b) & 1;
                }
            }
        }

        assertThat(bits).isEqualTo(115);
        for (int bit = 0; bit < bits; bit++) {
            assertThat(ones[bit]).as("number of keys with bit %d set", bit).isBetween(1, SAMPLES - 1);
        }
    }

    @Test
    void everyPayloadSymbolOccurs() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            for (char c : ProductKeys.generate().replace("-", "").substring(0, ProductKeys.PAYLOAD_LENGTH)
                    .toCharArray()) {
                seen.add(c);
            }
        }

        assertThat(seen).hasSize(32);
    }

    @Test
    void generatedKeysDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < SAMPLES; i++) {
            assertThat(seen.add(ProductKeys.generate())).isTrue();
        }
    }

    @Test
    void generatedKeyNeverHasZeroNextToZ() {
        for (int i = 0; i < SAMPLES; i++) {
            String characters = ProductKeys.generate().replace("-", "");

            assertThat(characters).doesNotContain("0Z").doesNotContain("Z0");
        }
    }
}
