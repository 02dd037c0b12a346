package com.goodtalk.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ProductKeysCheckPropertiesTest {

    private static final String ALPHABET = CrockfordBase32.ALPHABET;

    /**
     * Keys from {@link ProductKeys#generate()}, one per try. Arbitraries.create would be
     * generated exhaustively, which means a single try.
     */
    @Provide
    Arbitrary<String> generatedKeys() {
        return Arbitraries.randomValue(random -> ProductKeys.generate());
    }

    /** Keys from any payload, including payloads that generate() would redraw. */
    @Provide
    Arbitrary<String> anyPayloadKeys() {
        return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofLength(ProductKeys.PAYLOAD_LENGTH)
                .map(ProductKeys::withCheckCharacter);
    }

    @Property(tries = 300, generation = GenerationMode.RANDOMIZED)
    void everySubstitutionOfGeneratedKeyFails(@ForAll("generatedKeys") String key) {
        assertEverySubstitutionFails(key);
    }

    @Property(tries = 300, generation = GenerationMode.RANDOMIZED)
    void everyAdjacentSwapOfGeneratedKeyFails(@ForAll("generatedKeys") String key) {
        String characters = key.replace("-", "");
        for (int i = 0; i + 1 < characters.length(); i++) {
            if (characters.charAt(i) == characters.charAt(i + 1)) {
                continue;
            }
            String swapped = swap(characters, i);

            assertThat(ProductKeys.check(withDashes(swapped)).outcome())
                    .as("swap at %d of %s", i, key).isEqualTo(KeyCheckResult.Outcome.MISTYPED);
        }
    }

    @Property(tries = 300)
    void everySubstitutionOfAnyPayloadKeyFails(@ForAll("anyPayloadKeys") String key) {
        assertEverySubstitutionFails(key);
    }

    /** For any payload, a swap is missed only where generate() never leaves one: 0 next to Z. */
    @Property(tries = 1000)
    void onlyZeroZSwapIsMissed(@ForAll("anyPayloadKeys") String key) {
        String characters = key.replace("-", "");
        for (int i = 0; i + 1 < characters.length(); i++) {
            char first = characters.charAt(i);
            char second = characters.charAt(i + 1);
            if (first == second) {
                continue;
            }
            boolean zeroAndZ = (first == '0' && second == 'Z') || (first == 'Z' && second == '0');

            KeyCheckResult.Outcome outcome = ProductKeys.check(withDashes(swap(characters, i))).outcome();

            assertThat(outcome).as("swap at %d of %s", i, key).isEqualTo(
                    zeroAndZ ? KeyCheckResult.Outcome.NEW_FORMAT_VALID : KeyCheckResult.Outcome.MISTYPED);
        }
    }

    @Property(tries = 1000)
    void normalizeIsIdempotentOnKeys(@ForAll("anyPayloadKeys") String key) throws Exception {
        String lowerCase = key.toLowerCase();

        String once = ProductKeys.normalize(lowerCase);

        assertThat(ProductKeys.normalize(once)).isEqualTo(once);
        assertThat(once).isEqualTo(key);
    }

    private static void assertEverySubstitutionFails(String key) {
        String characters = key.replace("-", "");
        for (int i = 0; i < characters.length(); i++) {
            for (char replacement : ALPHABET.toCharArray()) {
                if (replacement == characters.charAt(i)) {
                    continue;
                }
                String typo = characters.substring(0, i) + replacement + characters.substring(i + 1);

                assertThat(ProductKeys.check(withDashes(typo)).outcome())
                        .as("%s at %d of %s", replacement, i, key).isEqualTo(KeyCheckResult.Outcome.MISTYPED);
            }
        }
    }

    private static String swap(String characters, int i) {
        char[] swapped = characters.toCharArray();
        swapped[i] = characters.charAt(i + 1);
        swapped[i + 1] = characters.charAt(i);
        return new String(swapped);
    }

    private static String withDashes(String characters) {
        return String.join("-", characters.substring(0, 6), characters.substring(6, 12),
                characters.substring(12, 18), characters.substring(18, 24));
    }
}
