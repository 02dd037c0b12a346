package com.goodtalk.server.admin;

import com.goodtalk.server.store.StoreLimits;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A file of legacy product keys to import: UTF-8, one key per line, surrounding whitespace
 * trimmed, blank lines and lines starting with {@code #} ignored. Lines that cannot be a key are
 * skipped with a reason instead of failing the whole file.
 *
 * @param keys the keys to import, with their line numbers, in file order
 * @param skipped the lines that are not imported and why, in file order
 */
record LegacyKeyFile(List<Line> keys, List<Line> skipped) {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /**
     * One numbered line: a key to import, or a skipped line's reason.
     *
     * @param number the line number, from 1
     * @param text the key, or the reason the line is skipped; never a full key
     */
    record Line(int number, String text) {
    }

    /**
     * Reads and sorts the lines of {@code file}.
     *
     * @throws AdminException if the file is not UTF-8 text
     * @throws IOException if the file cannot be read
     */
    static LegacyKeyFile read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new AdminException(ExitCode.DATA_ERROR, "The key file " + file + " is not UTF-8 text. Save it as"
                    + " UTF-8 and try again.");
        } catch (IOException e) {
            throw new IOException("Cannot read the key file " + file + " (" + e + "). Check the path and its"
                    + " permissions.", e);
        }
        return parse(lines);
    }

    static LegacyKeyFile parse(List<String> lines) {
        List<Line> keys = new ArrayList<>();
        List<Line> skipped = new ArrayList<>();
        Map<String, Integer> firstLineOfKey = new HashMap<>();
        for (int index = 0; index < lines.size(); index++) {
            int number = index + 1;
            String line = lines.get(index);
            if (index == 0 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
                // Some Windows editors start UTF-8 files with a byte order mark, which is not part of the key.
                line = line.substring(1);
            }
            String key = line.strip();
            if (key.isEmpty() || key.startsWith("#")) {
                continue;
            }
            if (key.codePoints().anyMatch(LegacyKeyFile::isWhitespaceOrControl)) {
                skipped.add(new Line(number, "contains whitespace or a control character inside the key; write one"
                        + " key per line and put comments on lines of their own starting with #"));
            } else if (key.length() > StoreLimits.MAX_KEY_LENGTH) {
                skipped.add(new Line(number, "has " + key.length() + " characters, more than a key may have ("
                        + StoreLimits.MAX_KEY_LENGTH + ")"));
            } else if (firstLineOfKey.containsKey(key)) {
                skipped.add(new Line(number, "repeats the key of line " + firstLineOfKey.get(key)));
            } else {
                firstLineOfKey.put(key, number);
                keys.add(new Line(number, key));
            }
        }
        return new LegacyKeyFile(List.copyOf(keys), List.copyOf(skipped));
    }

    private static boolean isWhitespaceOrControl(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                || Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.FORMAT;
    }
}
