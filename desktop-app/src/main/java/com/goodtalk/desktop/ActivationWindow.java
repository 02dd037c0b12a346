package com.goodtalk.desktop;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Starts JavaFX and shows the activation window on the class path, without an {@code Application} subclass. */
final class ActivationWindow {

    static final String TITLE = "GoodTalk activation";

    private ActivationWindow() {
    }

    /**
     * Opens the window with {@code serverUrl} in its server field, the protocol {@code options}
     * and {@code initial} selected, and blocks until the user closes it, then stops JavaFX.
     *
     * @throws WindowUnavailableException if JavaFX cannot start, as without a display or GTK 3
     */
    static void showAndWait(String serverUrl, List<ProtocolOption> options, Protocol initial)
            throws InterruptedException, WindowUnavailableException {
        CountDownLatch closed = new CountDownLatch(1);
        try {
            Platform.startup(() -> showFirstWindow(serverUrl, options, initial, closed));
        } catch (RuntimeException e) {
            // JavaFX reports a missing display or GTK library as an unchecked exception from startup.
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            throw new WindowUnavailableException("Could not open the window: " + reason
                    + (reason.endsWith(".") ? "" : ".") + " The window needs a graphical display (DISPLAY) and the GTK 3 library."
                    + " Use the activate subcommand to activate without a window.", e);
        }
        try {
            closed.await();
        } finally {
            Platform.exit();
        }
    }

    private static void showFirstWindow(String serverUrl, List<ProtocolOption> options, Protocol initial,
                                        CountDownLatch closed) {
        ActivationViewModel model = new ActivationViewModel(options, initial, serverUrl,
                ActivationViewModel.daemonThreads());
        Stage stage = new Stage();
        stage.setOnHidden(event -> closed.countDown());
        show(stage, model);
    }

    /** Puts a view of {@code model} on {@code stage} with the window's title and sizes, and shows it. */
    static void show(Stage stage, ActivationViewModel model) {
        Scene scene = new Scene(new ActivationView(model).root(), 960, 720);
        stage.setTitle(TITLE);
        stage.setMinWidth(ActivationView.MIN_WIDTH);
        stage.setMinHeight(ActivationView.MIN_HEIGHT);
        stage.setScene(scene);
        stage.show();
    }
}
