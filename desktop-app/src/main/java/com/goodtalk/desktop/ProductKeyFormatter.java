package com.goodtalk.desktop;

import java.util.function.UnaryOperator;
import javafx.scene.control.TextFormatter;

/**
 * The key field's formatter: every insertion, typed or pasted, goes through
 * {@link ProductKeyInput#tidy(String)}, and a complete new-format key typed at the end is shown
 * in groups of six. The caret stays after the inserted text.
 */
final class ProductKeyFormatter {

    private ProductKeyFormatter() {
    }

    /** Returns a new formatter for one key field. */
    static TextFormatter<String> create() {
        return new TextFormatter<>(filter());
    }

    /** Returns the change filter, separate from the control so it can be tested. */
    static UnaryOperator<TextFormatter.Change> filter() {
        return change -> {
            if (!change.isContentChange()) {
                return change;
            }
            String inserted = change.getText();
            String tidied = ProductKeyInput.tidy(inserted);
            if (!tidied.equals(inserted)) {
                change.setText(tidied);
            }
            int insertionEnd = change.getRangeStart() + tidied.length();
            String after = change.getControlNewText();
            String grouped = ProductKeyInput.grouped(after);
            if (insertionEnd == after.length() && !grouped.equals(after)) {
                // Typed or pasted at the end: regroup the whole key and keep the caret at its end.
                change.setRange(0, change.getControlText().length());
                change.setText(grouped);
                insertionEnd = grouped.length();
            }
            change.setCaretPosition(insertionEnd);
            change.setAnchor(insertionEnd);
            return change;
        };
    }
}
