package com.goodtalk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Checks HKDF-SHA256 against RFC 5869 appendix A and the v2 key separation. */
class SecretHkdfTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String V2_INFO = "GoodTalk protocol v2 request HMAC-SHA256";

    @Test
    void rfc5869TestCase1() {
        byte[] ikm = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
        byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");

        byte[] okm = Secret.hkdfSha256(ikm, salt, info, 42);

        assertThat(HEX.formatHex(okm)).isEqualTo(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    @Test
    void rfc5869TestCase3ThroughPublicMethod() {
        // Test case 3 has an empty salt and empty info, the only case the public method can express.
        Secret ikm = Secret.ofBytes(HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"));

        Secret okm = ikm.deriveHkdfSha256("", 42);

        assertThat(HEX.formatHex(SecretTestAccess.bytesOf(okm))).isEqualTo(
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }

    @Test
    void publicMethodUsesEmptySaltAndAsciiInfo() {
        byte[] ikm = "client secret".getBytes(StandardCharsets.UTF_8);

        Secret derived = Secret.ofBytes(ikm).deriveHkdfSha256(V2_INFO, 32);

        byte[] expected = Secret.hkdfSha256(ikm, new byte[0], V2_INFO.getBytes(StandardCharsets.US_ASCII), 32);
        assertThat(SecretTestAccess.bytesOf(derived)).isEqualTo(expected);
    }

    @Test
    void v2KeyDiffersFromV1Secret() {
        Secret v1 = Secret.proofOfConceptDemo();

        Secret v2 = v1.deriveHkdfSha256(V2_INFO, 32);

        assertThat(v2).isNotEqualTo(v1);
        assertThat(v2.isProofOfConceptDemo()).isFalse();
        byte[] message = "same message".getBytes(StandardCharsets.UTF_8);
        assertThat(v2.hmacSha256(message)).isNotEqualTo(v1.hmacSha256(message));
    }

    @Test
    void differentInfoGivesUnrelatedKeys() {
        Secret secret = Secret.ofUtf8("client secret");

        byte[] a = SecretTestAccess.bytesOf(secret.deriveHkdfSha256(V2_INFO, 32));
        byte[] b = SecretTestAccess.bytesOf(secret.deriveHkdfSha256(V2_INFO + " ", 32));

        assertThat(Arrays.equals(a, b)).isFalse();
    }

    @Test
    void derivedSecretPrintsNoBytes() {
        Secret derived = Secret.ofUtf8("client secret").deriveHkdfSha256(V2_INFO, 32);

        assertThat(derived.toString()).isEqualTo("Secret[32 bytes]");
    }

    @Test
    void nonAsciiInfoRejected() {
        Secret secret = Secret.ofUtf8("client secret");

        assertThatThrownBy(() -> secret.deriveHkdfSha256("GoodTalk protocol v2 ü", 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-ASCII");
    }

    @Test
    void outputLengthOutOfRangeRejected() {
        Secret secret = Secret.ofUtf8("client secret");

        assertThatThrownBy(() -> secret.deriveHkdfSha256(V2_INFO, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 8160 bytes, got 0");
        assertThatThrownBy(() -> secret.deriveHkdfSha256(V2_INFO, 8161))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 8161");
        assertThat(SecretTestAccess.bytesOf(secret.deriveHkdfSha256(V2_INFO, 8160))).hasSize(8160);
    }
}
