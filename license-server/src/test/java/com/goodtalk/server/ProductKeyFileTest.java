package com.goodtalk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductKeyFileTest {

    @TempDir
    Path directory;

    @Test
    void commentsBlanksAndWhitespaceSkipped() throws Exception {
        Path file = write("# keys sold in 2024\n"
                + "\n"
                + "  APENL-4N9L1-2KA9D-3JX0-44LSK  \n"
                + "\t# indented comment\n"
                + "   \t  \n"
                + "\tSDFK9-J4HUL-1JK9I9-923J-0069K\r\n"
                + "F423J-JS0AW-345JD-AA05K-NMF09");

        assertThat(ProductKeyFile.read(file)).containsExactly(
                "APENL-4N9L1-2KA9D-3JX0-44LSK", "SDFK9-J4HUL-1JK9I9-923J-0069K", "F423J-JS0AW-345JD-AA05K-NMF09");
    }

    @Test
    void repeatedKeyCountsOnce() throws Exception {
        Path file = write("KEY-1\nKEY-2\nKEY-1\n");

        assertThat(ProductKeyFile.read(file)).containsExactly("KEY-1", "KEY-2");
    }

    @Test
    void byteOrderMarkSkipped() throws Exception {
        Path file = write("\uFEFFKEY-1\n");

        assertThat(ProductKeyFile.read(file)).containsExactly("KEY-1");
    }

    @Test
    void nonAsciiKeyKeptAsWritten() throws Exception {
        Path file = write("CAFÉ-KEY-é\n");

        assertThat(ProductKeyFile.read(file)).containsExactly("CAFÉ-KEY-é");
    }

    @Test
    void inlineCommentRejectedWithLineNumber() throws Exception {
        Path file = write("# header\nSECRETKEY-1 # sold to Bob\n");

        assertThatThrownBy(() -> ProductKeyFile.read(file))
                .isInstanceOf(ProductKeyFile.InvalidKeyFileException.class)
                .hasMessageContaining(file.toString() + " line 2")
                .hasMessageContaining("whitespace")
                .hasMessageNotContaining("SECRETKEY");
    }

    @Test
    void controlCharacterInKeyRejected() throws Exception {
        Path file = write("KEY\u0000-1\n");

        assertThatThrownBy(() -> ProductKeyFile.read(file))
                .isInstanceOf(ProductKeyFile.InvalidKeyFileException.class)
                .hasMessageContaining("line 1");
    }

    @Test
    void emptyFileRejectedNamingPath() throws Exception {
        Path file = write("");

        assertThatThrownBy(() -> ProductKeyFile.read(file))
                .isInstanceOf(ProductKeyFile.InvalidKeyFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("no product keys");
    }

    @Test
    void onlyCommentsRejected() throws Exception {
        Path file = write("# nothing yet\n\n   \n");

        assertThatThrownBy(() -> ProductKeyFile.read(file))
                .isInstanceOf(ProductKeyFile.InvalidKeyFileException.class)
                .hasMessageContaining("no product keys");
    }

    @Test
    void missingFileRaisesNoSuchFile() {
        Path file = directory.resolve("absent.txt");

        assertThatThrownBy(() -> ProductKeyFile.read(file)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void invalidUtf8Raises() throws IOException {
        Path file = directory.resolve("latin1.txt");
        Files.write(file, "CAF\u00c9-KEY\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> ProductKeyFile.read(file)).isInstanceOf(MalformedInputException.class);
    }

    @Test
    void parseNamesSourceInErrors() {
        assertThatThrownBy(() -> ProductKeyFile.parse("inline list", List.of("#", "")))
                .hasMessageStartingWith("inline list contains no product keys");
    }

    private Path write(String content) throws IOException {
        Path file = directory.resolve("keys.txt");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
