package com.goodtalk.desktop;

import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.protocol.client.VerificationTrace;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the activation window the way a user does and reads what it shows. */
final class WindowDriver {

    private final FxRobot robot;
    private final ActivationViewModel model;

    WindowDriver(FxRobot robot, ActivationViewModel model) {
        this.robot = robot;
        this.model = model;
    }

    /** Pastes {@code key} into the key field, which is faster than typing it character by character. */
    WindowDriver pasteKey(String key) {
        robot.interact(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(key);
            Clipboard.getSystemClipboard().setContent(content);
        });
        robot.clickOn("#keyField").press(KeyCode.SHORTCUT, KeyCode.A).release(KeyCode.A, KeyCode.SHORTCUT);
        robot.press(KeyCode.SHORTCUT, KeyCode.V).release(KeyCode.V, KeyCode.SHORTCUT);
        return this;
    }

    /** Replaces the server field's text. */
    WindowDriver serverUrl(String url) {
        robot.interact(() -> robot.lookup("#serverField").queryTextInputControl().setText(url));
        return this;
    }

    /** Clicks Activate and waits until a new trace is shown. */
    WindowDriver activateAndWait() throws TimeoutException {
        VerificationTrace before = model.traceProperty().get();
        robot.clickOn("#activateButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
            VerificationTrace now = model.traceProperty().get();
            return now != null && now != before && !model.runningProperty().get();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return this;
    }

    /** Opens the protocol choice and picks {@code protocol} with the mouse. */
    WindowDriver chooseProtocol(Protocol protocol) {
        robot.clickOn("#protocolChoice");
        robot.clickOn(protocol.label());
        WaitForAsyncUtils.waitForFxEvents();
        return this;
    }

    /** Returns the text of the request and reply pane. */
    String exchangeDetails() {
        return exchangeArea().getText();
    }

    TextArea stepArea() {
        return robot.lookup("#stepDetails").queryAs(TextArea.class);
    }

    /** Runs {@code action} on the JavaFX thread and waits for it. */
    void interact(Runnable action) {
        robot.interact(action);
    }

    TextArea exchangeArea() {
        return robot.lookup("#exchangeDetails").queryAs(TextArea.class);
    }

    Label banner() {
        return robot.lookup("#banner").queryAs(Label.class);
    }

    @SuppressWarnings("unchecked")
    List<TraceStep> rows() {
        return List.copyOf(robot.lookup("#traceList").queryAs(ListView.class).getItems());
    }

    /** Returns the texts of the rendered trace rows: mark, title and summary, in display order. */
    List<String> renderedRows() {
        return robot.lookup(".trace-row").queryAllAs(TraceStepCell.class).stream()
                .filter(cell -> cell.getItem() != null)
                .sorted(java.util.Comparator.comparingInt(TraceStepCell::getIndex))
                .map(cell -> robot.from(cell).lookup(".step-mark").queryAs(Label.class).getText() + " "
                        + robot.from(cell).lookup(".step-title").queryAs(Label.class).getText() + ": "
                        + robot.from(cell).lookup(".step-summary").queryAs(Label.class).getText())
                .toList();
    }

    /** Returns the rendered row of the step with {@code id}, waiting up to 10 seconds for the list to lay it out. */
    private TraceStepCell rowOf(String stepId) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> findRow(stepId) != null);
        } catch (TimeoutException e) {
            throw new AssertionError("no row for the step " + stepId, e);
        }
        return findRow(stepId);
    }

    private TraceStepCell findRow(String stepId) {
        return robot.lookup(".trace-row").queryAllAs(TraceStepCell.class).stream()
                .filter(cell -> cell.getItem() != null && cell.getItem().id().equals(stepId))
                .findFirst()
                .orElse(null);
    }

    /** Returns the explanation shown in the row of the step with {@code id}, or empty text when none is shown. */
    String meaningOf(String stepId) {
        TraceStepCell row = rowOf(stepId);
        Label meaning = robot.from(row).lookup(".step-meaning").queryAs(Label.class);
        return meaning.isVisible() ? meaning.getText() : "";
    }

    /** Clicks the row of the step with {@code id} and returns the detail pane's text. */
    String detailsOf(String stepId) {
        TraceStepCell row = rowOf(stepId);
        robot.clickOn(row);
        return robot.lookup("#stepDetails").queryAs(TextArea.class).getText();
    }
}
