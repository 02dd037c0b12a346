package com.goodtalk.desktop;

import com.goodtalk.protocol.client.TraceStep;
import java.util.Optional;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A row of the trace list: the outcome mark, the step title, its one-line summary and, for a
 * failed step, what the failure means for the user.
 */
final class TraceStepCell extends ListCell<TraceStep> {

    private static final String[] OUTCOME_CLASSES = {"mark-passed", "mark-failed", "mark-skipped"};

    private final Label mark = new Label();
    private final Label title = new Label();
    private final Label summary = new Label();
    private final Label meaning = new Label();
    private final Function<TraceStep, Optional<String>> explanations;
    private final HBox row;

    TraceStepCell(Function<TraceStep, Optional<String>> explanations) {
        this.explanations = explanations;
        mark.getStyleClass().add("step-mark");
        mark.setMinWidth(USE_PREF_SIZE);
        title.getStyleClass().add("step-title");
        title.setWrapText(true);
        summary.getStyleClass().add("step-summary");
        summary.setWrapText(true);
        meaning.getStyleClass().add("step-meaning");
        meaning.setWrapText(true);
        meaning.managedProperty().bind(meaning.visibleProperty());
        VBox text = new VBox(2, title, summary, meaning);
        HBox.setHgrow(text, Priority.ALWAYS);
        row = new HBox(10, mark, text);
        row.setAlignment(Pos.TOP_LEFT);
        getStyleClass().add("trace-row");
        // Let the summary wrap to the list's width instead of widening the row.
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(TraceStep step, boolean empty) {
        super.updateItem(step, empty);
        mark.getStyleClass().removeAll(OUTCOME_CLASSES);
        if (empty || step == null) {
            setGraphic(null);
            setText(null);
            setAccessibleText(null);
            return;
        }
        mark.setText(TraceTextRenderer.mark(step.outcome()));
        mark.getStyleClass().add("mark-" + step.outcome().name().toLowerCase());
        title.setText(step.title());
        summary.setText(step.summary());
        Optional<String> explanation = explanations.apply(step);
        meaning.setText(explanation.orElse(""));
        meaning.setVisible(explanation.isPresent());
        setText(null);
        setGraphic(row);
        setAccessibleText(step.title() + ", " + step.outcome().name().toLowerCase() + ". " + step.summary()
                + explanation.map(text -> " " + text).orElse(""));
    }
}
