package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.goodtalk.protocol.keys.ProductKeys;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The key field tidies what the user types and pastes, and a bad key never leaves the window. */
@ExtendWith(ApplicationExtension.class)
class ActivationWindowKeyEntryTest {

    private ActivationViewModel model;
    private WindowDriver window;
    private FxRobot robot;

    @Start
    void start(Stage stage) {
        ActivationClientFactory noRequests = server -> fail("no client may be created for " + server);
        model = new ActivationViewModel(noRequests, "status", "http://127.0.0.1:9", Runnable::run);
        ActivationWindow.show(stage, model);
    }

    @BeforeEach
    void driver(FxRobot robot) {
        this.robot = robot;
        window = new WindowDriver(robot, model);
    }

    private TextField keyField() {
        return robot.lookup("#keyField").queryAs(TextField.class);
    }

    @Test
    void typedKeyIsUpperCasedWithoutSpacesAndCaretStaysAtTheEnd() {
        robot.clickOn("#keyField").write("ab cd");

        assertThat(keyField().getText()).isEqualTo("ABCD");
        assertThat(keyField().getCaretPosition()).isEqualTo(4);
    }

    @Test
    void insertionInTheMiddleKeepsTheCaretAfterIt() {
        robot.clickOn("#keyField").write("abcd");
        robot.interact(() -> keyField().positionCaret(2));
        robot.write("x");

        assertThat(keyField().getText()).isEqualTo("ABXCD");
        assertThat(keyField().getCaretPosition()).isEqualTo(3);
    }

    @Test
    void pastedKeyWithoutDashesIsGroupedAndNormalized() {
        String key = ProductKeys.generate();

        window.pasteKey(" " + key.replace("-", "").toLowerCase() + "\n");

        assertThat(keyField().getText()).isEqualTo(key);
        assertThat(keyField().getCaretPosition()).isEqualTo(key.length());
        assertThat(model.keyProblemProperty().get()).isEmpty();
    }

    @Test
    void pastedKeyWithEnDashesGetsPlainDashes() {
        window.pasteKey("apenl\u20134n9l1\u20132ka9d\u20133jx0\u201344lsk");

        assertThat(keyField().getText()).isEqualTo("APENL-4N9L1-2KA9D-3JX0-44LSK");
    }

    @Test
    void mistypedKeyShowsProblemAndDisablesActivate() {
        window.pasteKey(ProductKeyInputTest.mistype(ProductKeys.generate()));
        WaitForAsyncUtils.waitForFxEvents();

        Label problem = robot.lookup("#keyProblem").queryAs(Label.class);
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).contains("a character is mistyped");
        assertThat(robot.lookup("#activateButton").queryButton().isDisabled()).isTrue();
        robot.clickOn("#keyField").type(javafx.scene.input.KeyCode.ENTER);
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.traceProperty().get()).isNull();
    }
}
