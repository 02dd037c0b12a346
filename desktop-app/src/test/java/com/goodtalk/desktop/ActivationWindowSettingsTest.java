package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The settings pane: what the user sets there is stored, and the theme takes effect at once. */
@ExtendWith(ApplicationExtension.class)
class ActivationWindowSettingsTest {

    @TempDir
    static Path directory;

    private SettingsStore store;
    private ActivationViewModel model;
    private Stage stage;
    private FxRobot robot;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        store = new SettingsStore(directory.resolve("config-" + System.nanoTime()));
        ActivationClientFactory sendsNothing = server -> key -> {
            throw new IllegalArgumentException("The test client sends nothing.");
        };
        model = new ActivationViewModel(sendsNothing, "status", "http://127.0.0.1:8080",
                ActivationViewModel.daemonThreads());
        model.themeProperty().set(Theme.LIGHT);
        ActivationWindow.rememberSettings(stage, model, store);
        ActivationWindow.show(stage, model);
    }

    @BeforeEach
    void driver(FxRobot robot) {
        this.robot = robot;
    }

    @Test
    void choosingDarkThemeAppliesAndStoresIt() {
        robot.clickOn("#themeChoice");
        robot.clickOn(Theme.DARK.label());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(Application.getUserAgentStylesheet()).contains("primer-dark");
        assertThat(store.load().theme()).isEqualTo(Theme.DARK);
        robot.interact(() -> model.themeProperty().set(Theme.LIGHT));
        assertThat(Application.getUserAgentStylesheet()).contains("primer-light");
    }

    @Test
    void serverUrlIsStoredWhenActivationStartsAndWhenTheWindowCloses() throws Exception {
        robot.interact(() -> robot.lookup("#serverField").queryTextInputControl().setText("http://127.0.0.1:9123"));
        robot.interact(() -> model.productKeyProperty().set("APENL-4N9L1-2KA9D-3JX0-44LSK"));
        robot.clickOn("#activateButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.runningProperty().get());

        assertThat(store.load().serverUrl()).hasValue("http://127.0.0.1:9123");

        robot.interact(() -> robot.lookup("#serverField").queryTextInputControl().setText("http://127.0.0.1:9124"));
        robot.interact(() -> model.protocolProperty().set(Protocol.V1));
        robot.interact(stage::hide);

        assertThat(store.load().serverUrl()).hasValue("http://127.0.0.1:9124");
        assertThat(store.load().protocol()).hasValue(Protocol.V1);
    }

    @Test
    void aboutDialogNamesProductAndVersionAndEscapeClosesIt() {
        robot.clickOn("#aboutButton");
        WaitForAsyncUtils.waitForFxEvents();

        DialogPane about = robot.lookup("#aboutDialog").queryAs(DialogPane.class);
        assertThat(about.getHeaderText()).isEqualTo("GoodTalk Desktop " + AppVersion.version());
        assertThat(about.getContentText()).contains("Version " + AppVersion.version());
        Window dialog = about.getScene().getWindow();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialog.isShowing()).isFalse();
    }
}
