package com.goodtalk.desktop;

import com.goodtalk.desktop.license.LicensePane;
import com.goodtalk.desktop.license.LicenseViewModel;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
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
        showAndWait(serverUrl, options, initial, null);
    }

    /**
     * Opens the window like {@link #showAndWait(String, List, Protocol)}, with the stored license
     * pane on top when {@code licenses} is not null.
     *
     * @param licenses creates the license pane's model for the window's model, on the JavaFX thread
     */
    static void showAndWait(String serverUrl, List<ProtocolOption> options, Protocol initial,
                            Function<ActivationViewModel, LicenseViewModel> licenses)
            throws InterruptedException, WindowUnavailableException {
        CountDownLatch closed = new CountDownLatch(1);
        try {
            Platform.startup(() -> showFirstWindow(serverUrl, options, initial, licenses, closed));
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
                                        Function<ActivationViewModel, LicenseViewModel> licenses,
                                        CountDownLatch closed) {
        ActivationViewModel model = new ActivationViewModel(options, initial, serverUrl,
                ActivationViewModel.daemonThreads());
        Stage stage = new Stage();
        stage.setOnHidden(event -> closed.countDown());
        if (licenses == null) {
            show(stage, model);
        } else {
            show(stage, model, licenses.apply(model));
        }
    }

    /** Puts a view of {@code model} on {@code stage} with the window's title and sizes, and shows it. */
    static void show(Stage stage, ActivationViewModel model) {
        show(stage, new ActivationView(model).root());
    }

    /**
     * Shows the window with the stored license pane above the activation controls; each finished
     * activation updates the stored license, such as storing the certificate the server sent.
     */
    static void show(Stage stage, ActivationViewModel model, LicenseViewModel license) {
        Parent activation = new ActivationView(model).root();
        VBox root = new VBox(new LicensePane(license).root(), activation);
        VBox.setVgrow(activation, Priority.ALWAYS);
        model.traceProperty().addListener((property, before, now) -> license.exchangeFinished(now));
        show(stage, root);
    }

    private static void show(Stage stage, Parent root) {
        Scene scene = new Scene(root, 960, 720);
        stage.setTitle(TITLE);
        stage.setMinWidth(ActivationView.MIN_WIDTH);
        stage.setMinHeight(ActivationView.MIN_HEIGHT);
        stage.setScene(scene);
        stage.show();
    }
}
