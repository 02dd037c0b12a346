package com.goodtalk.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextTableTest {

    private static String print(TextTable table) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void columnsAlignToWidestCell() {
        TextTable table = new TextTable("ID", "NAME", "NOTE");
        table.addRow(1, "a", "first");
        table.addRow(100, "longer name", null);

        assertThat(print(table)).isEqualTo(
                "ID   NAME         NOTE\n"
                + "1    a            first\n"
                + "100  longer name  -\n");
    }

    @Test
    void controlCharactersCannotReachTerminal() {
        TextTable table = new TextTable("MACHINE");
        table.addRow("evil\u001b[2J\r\nline\u200bzero");

        assertThat(print(table)).isEqualTo("MACHINE\nevil?[2J??line?zero\n");
    }
}
