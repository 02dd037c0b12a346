package com.goodtalk.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the accepted product keys from a text file.
 *
 * <p>The file is UTF-8 with one key per line. Surrounding whitespace is trimmed, blank lines and
 * lines that start with {@code #} are skipped, and a repeated key counts once. Comments must be
 * on lines of their own: a line with whitespace inside the key is rejected rather than read as
 * a key that no client could ever send.
 *
 * <pre>{@code
 * # keys sold in 2024
 * APENL-4N9L1-2KA9D-3JX0-44LSK
 * }</pre>
 */
public final class ProductKeyFile {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private ProductKeyFile() {
    }

    /** Thrown when a keys file can be read but its content is invalid. The message names file and line. */
    public static final class InvalidKeyFileException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidKeyFileException(String message) {
            super(message);
        }
    }

    /**
     * Reads the keys of {@code file} in file order, without repeats.
     *
     * @throws IOException             if the file is missing, unreadable or not UTF-8
     * @throws InvalidKeyFileException if a line is not a valid key, or the file has no keys
     */
    public static List<String> read(Path file) throws IOException, InvalidKeyFileException {
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses the lines of a keys file. {@code source} names the file in error messages.
     *
     * @throws InvalidKeyFileException if a line is not a valid key, or there are no keys
     */
    public static List<String> parse(String source, List<String> lines) throws InvalidKeyFileException {
        Set<String> keys = new LinkedHashSet<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            if (index == 0 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
                // Some Windows editors start UTF-8 files with a byte order mark, which is not part of the key.
                line = line.substring(1);
            }
            String key = line.strip();
            if (key.isEmpty() || key.startsWith("#")) {
                continue;
            }
            if (key.codePoints().anyMatch(ProductKeyFile::isWhitespaceOrControl)) {
                // The message leaves the key out, so it cannot end up in a log that collects stderr.
                throw new InvalidKeyFileException(source + " line " + (index + 1) + ": the key contains whitespace or"
                        + " a control character. Write one key per line and put comments on lines of their own"
                        + " starting with #.");
            }
            keys.add(key);
        }
        if (keys.isEmpty()) {
            throw new InvalidKeyFileException(source + " contains no product keys: every line is blank or a comment."
                    + " Add one key per line.");
        }
        return new ArrayList<>(keys);
    }

    private static boolean isWhitespaceOrControl(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                || Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.FORMAT;
    }
}
