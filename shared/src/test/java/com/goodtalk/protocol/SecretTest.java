package com.goodtalk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void hmacMatchesRfc4231TestCase2() {
        Secret secret = Secret.ofUtf8("Jefe");

        byte[] mac = secret.hmacSha256("what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));

        assertThat(HexFormat.of().formatHex(mac))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void toStringHidesBytes() {
        Secret secret = Secret.ofUtf8("super-secret-value");

        assertThat(secret.toString()).doesNotContain("super").contains("18 bytes");
    }

    @Test
    void emptySecretRejectedWithFix() {
        assertThatThrownBy(() -> Secret.ofUtf8(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void ofBytesCopiesInput() {
        byte[] bytes = "abc".getBytes(StandardCharsets.US_ASCII);
        Secret secret = Secret.ofBytes(bytes);
        byte[] before = secret.hmacSha256(new byte[0]);

        bytes[0] = 'z';

        assertThat(secret.hmacSha256(new byte[0])).isEqualTo(before);
    }

    @Test
    void verifyRejectsAnyChangedByte() {
        Secret secret = Secret.ofUtf8("k");
        byte[] message = "message".getBytes(StandardCharsets.US_ASCII);
        byte[] mac = secret.hmacSha256(message);

        for (int i = 0; i < mac.length; i++) {
            byte[] changed = mac.clone();
            changed[i] ^= 0x01;
            assertThat(secret.verifyHmacSha256(message, changed)).as("byte %d flipped", i).isFalse();
        }
        assertThat(secret.verifyHmacSha256(message, mac)).isTrue();
    }

    @Test
    void proofOfConceptSecretIsFlaggedEvenWhenLoadedAsText() {
        assertThat(Secret.proofOfConceptDemo().isProofOfConceptDemo()).isTrue();
        assertThat(Secret.ofUtf8("PleaseDontFindMe!").isProofOfConceptDemo()).isTrue();
        assertThat(Secret.ofUtf8("another secret").isProofOfConceptDemo()).isFalse();
    }
}
