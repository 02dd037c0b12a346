package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProtocolTest {

    @Test
    void fromWordIgnoresCaseAndWhitespace() {
        assertThat(Protocol.fromWord("v2")).isEqualTo(Protocol.V2);
        assertThat(Protocol.fromWord(" V1 ")).isEqualTo(Protocol.V1);
    }

    @Test
    void unknownWordListsChoices() {
        assertThatThrownBy(() -> Protocol.fromWord("v3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"v3\"")
                .hasMessageContaining("Use v2, or v1");
        assertThatThrownBy(() -> Protocol.fromWord(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wordIsCommandLineSpelling() {
        assertThat(Protocol.V2.word()).isEqualTo("v2");
        assertThat(Protocol.V2).hasToString("v2");
        assertThat(Protocol.V2.label()).startsWith("v2");
    }
}
