package com.goodtalk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoncesTest {

    @Test
    void clientNonceCarries128BitsInUrlSafeAlphabet() {
        String nonce = Nonces.clientNonce();

        assertThat(nonce).matches("[A-Za-z0-9_-]{22}");
        assertThat(Base64.getUrlDecoder().decode(nonce)).hasSize(16);
    }

    @Test
    void clientNoncesDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(Nonces.clientNonce())).isTrue();
        }
    }

    @Test
    void zeroByteCountRejected() {
        assertThatThrownBy(() -> Nonces.randomUrlSafe(0)).hasMessageContaining("got 0");
    }
}
