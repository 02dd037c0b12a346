package com.goodtalk.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LuhnModNTest {

    private static final LuhnModN DECIMAL = new LuhnModN("0123456789");
    private static final LuhnModN CROCKFORD = new LuhnModN(CrockfordBase32.ALPHABET);

    @Test
    void decimalMatchesPublishedLuhnCheckDigit() {
        // The worked example of the decimal Luhn algorithm: 7992739871 gets check digit 3.
        assertThat(DECIMAL.checkCharacter("7992739871")).isEqualTo('3');
        assertThat(DECIMAL.isValid("79927398713")).isTrue();
    }

    @Test
    void decimalAcceptsPublishedCardTestNumbers() {
        // Test card numbers that payment providers publish. Each ends in a valid Luhn digit.
        assertThat(DECIMAL.isValid("4111111111111111")).isTrue();
        assertThat(DECIMAL.isValid("5555555555554444")).isTrue();
        assertThat(DECIMAL.isValid("378282246310005")).isTrue();
        assertThat(DECIMAL.isValid("4111111111111112")).isFalse();
    }

    @Test
    void crockfordCheckCharacterMakesTextValid() {
        String payload = "0123456789ABCDEFGHJKMNP";

        char check = CROCKFORD.checkCharacter(payload);

        assertThat(CROCKFORD.isValid(payload + check)).isTrue();
        for (char other : CrockfordBase32.ALPHABET.toCharArray()) {
            if (other != check) {
                assertThat(CROCKFORD.isValid(payload + other)).as("check character %s", other).isFalse();
            }
        }
    }

    @Test
    void crockfordMissesOnlySwapOfZeroAndZ() {
        List<String> missed = new ArrayList<>();
        for (char a : CrockfordBase32.ALPHABET.toCharArray()) {
            for (char b : CrockfordBase32.ALPHABET.toCharArray()) {
                if (CROCKFORD.missesSwapOf(a, b)) {
                    missed.add("" + a + b);
                }
            }
        }

        assertThat(missed).containsExactlyInAnyOrder("0Z", "Z0");
    }

    @Test
    void decimalMissesOnlySwapOfZeroAndNine() {
        assertThat(DECIMAL.missesSwapOf('0', '9')).isTrue();
        assertThat(DECIMAL.missesSwapOf('9', '0')).isTrue();
        assertThat(DECIMAL.missesSwapOf('1', '2')).isFalse();
        assertThat(DECIMAL.missesSwapOf('5', '5')).isFalse();
    }

    /** Cross-checks missesSwapOf against the check itself, at both positions of the doubling. */
    @Test
    void missesSwapOfAgreesWithCheck() {
        String alphabet = CrockfordBase32.ALPHABET;
        for (String prefix : List.of("", "7")) {
            for (char a : alphabet.toCharArray()) {
                for (char b : alphabet.toCharArray()) {
                    String payload = prefix + "QRST" + a + b + "VW";
                    String valid = payload + CROCKFORD.checkCharacter(payload);
                    String swapped = prefix + "QRST" + b + a + "VW" + valid.charAt(valid.length() - 1);

                    boolean detected = !CROCKFORD.isValid(swapped);

                    assertThat(detected).as("swap of %s%s after prefix '%s'", a, b, prefix)
                            .isEqualTo(a != b && !CROCKFORD.missesSwapOf(a, b));
                }
            }
        }
    }

    @Test
    void characterOutsideAlphabetRejected() {
        assertThatThrownBy(() -> CROCKFORD.checkCharacter("ABU"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'U' at index 2");
    }

    @Test
    void emptyTextIsNotValid() {
        assertThat(CROCKFORD.isValid("")).isFalse();
    }
}
