package com.goodtalk.server.admin;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table with aligned columns, for terminal output. Control characters in cells are
 * shown as {@code ?}, so text that a client sent (such as a machine fingerprint) cannot move the
 * cursor or change the terminal's colours.
 */
final class TextTable {

    private static final String GAP = "  ";

    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = headers.clone();
    }

    /** Adds a row; {@code null} cells print as {@code -}. */
    void addRow(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("A row has " + cells.length + " cells, but the table has "
                    + headers.length + " columns " + Arrays.toString(headers) + ".");
        }
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = cells[i] == null ? "-" : printable(cells[i].toString());
        }
        rows.add(row);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Prints the header and the rows, each column as wide as its widest cell; the last column is not padded. */
    void print(PrintStream out) {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = headers[i].length();
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        printRow(out, headers, widths);
        for (String[] row : rows) {
            printRow(out, row, widths);
        }
    }

    private static void printRow(PrintStream out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(GAP);
            }
            line.append(cells[i]);
            if (i < cells.length - 1) {
                line.append(" ".repeat(widths[i] - cells[i].length()));
            }
        }
        out.println(line);
    }

    /** Replaces control characters, line breaks included, with {@code ?}. */
    static String printable(String text) {
        StringBuilder result = new StringBuilder(text.length());
        text.codePoints().forEach(c -> result.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT ? '?' : c));
        return result.toString();
    }
}
