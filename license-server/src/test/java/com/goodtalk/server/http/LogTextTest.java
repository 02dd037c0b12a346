package com.goodtalk.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void plainTextUnchanged() {
        assertThat(LogText.escape("POST /authenticate é", 100)).isEqualTo("POST /authenticate é");
    }

    @Test
    void lineBreaksEscaped() {
        assertThat(LogText.escape("a\nb\rc\u2028d\u2029e", 100)).isEqualTo("a\\u000ab\\u000dc\\u2028d\\u2029e");
    }

    @Test
    void controlAndFormatCharactersEscaped() {
        assertThat(LogText.escape("\u0000\u001b[31m\u007f\u202e\u200b", 100))
                .isEqualTo("\\u0000\\u001b[31m\\u007f\\u202e\\u200b");
    }

    @Test
    void backslashEscaped() {
        assertThat(LogText.escape("\\u000a", 100)).isEqualTo("\\u005cu000a");
    }

    @Test
    void loneSurrogateEscaped() {
        assertThat(LogText.escape("x\ud800y", 100)).isEqualTo("x\\ud800y");
    }

    @Test
    void longTextCut() {
        assertThat(LogText.escape("abcdefghij", 4)).isEqualTo("abcd...(10 chars)");
    }

    @Test
    void nullPrintedAsNull() {
        assertThat(LogText.escape(null, 4)).isEqualTo("null");
    }
}
