package com.goodtalk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyEditsTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void flipByteInvertsAllBits() {
        byte[] edited = BodyEdits.flipByte(1).apply(new byte[] {0x41, 0x41, 0x41});

        assertThat(edited).containsExactly(0x41, 0xBE, 0x41);
    }

    @Test
    void flipBitFlipsOneBit() {
        assertThat(BodyEdits.flipBit(0, 0).apply(bytes("A"))).isEqualTo(bytes("@"));
        assertThat(BodyEdits.flipBit(0, 7).apply(new byte[] {0x01})).containsExactly(0x81);
    }

    @Test
    void flipLeavesInputUnchanged() {
        byte[] body = bytes("abc");

        BodyEdits.flipByte(0).apply(body);

        assertThat(body).isEqualTo(bytes("abc"));
    }

    @Test
    void flipPastEndFails() {
        BodyEdit edit = BodyEdits.flipByte(3);

        assertThatThrownBy(() -> edit.apply(bytes("abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot change byte 3: the body has only 3 bytes.");
    }

    @Test
    void flipRejectsBadArguments() {
        assertThatThrownBy(() -> BodyEdits.flipByte(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> BodyEdits.flipBit(0, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from 0 to 7, got 8");
    }

    @Test
    void replaceChangesEveryOccurrence() {
        byte[] edited = BodyEdits.replace("aa", "b").apply(bytes("aaa-aa-a"));

        assertThat(new String(edited, StandardCharsets.UTF_8)).isEqualTo("ba-b-a");
    }

    @Test
    void replaceWithLongerText() {
        byte[] edited = BodyEdits.replace("\"200\"", "\"\u00e9t\u00e9\"").apply(bytes("{\"s\": \"200\"}"));

        assertThat(new String(edited, StandardCharsets.UTF_8)).isEqualTo("{\"s\": \"\u00e9t\u00e9\"}");
    }

    @Test
    void replaceOfAbsentTextFails() {
        BodyEdit edit = BodyEdits.replace("zz", "y");

        assertThatThrownBy(() -> edit.apply(bytes("abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not contain \"zz\"");
    }

    @Test
    void replaceRejectsEmptyText() {
        assertThatThrownBy(() -> BodyEdits.replace("", "y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void andThenAppliesInOrder() {
        BodyEdit edit = BodyEdits.replace("a", "b").andThen(BodyEdits.replace("b", "c"));

        assertThat(edit.apply(bytes("a"))).isEqualTo(bytes("c"));
    }
}
