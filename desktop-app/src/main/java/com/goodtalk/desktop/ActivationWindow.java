package com.goodtalk.desktop;

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
     * Opens the window with {@code serverUrl} in its server field and blocks until the user
     * closes it, then stops JavaFX.
     */
    static void showAndWait(String serverUrl, ConfiguredSecret secret) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Platform.startup(() -> {
            ActivationViewModel model = new ActivationViewModel(ClientFactories.v1(secret.secret(),
                    com.goodtalk.protocol.client.V1Client.DEFAULT_TIMEOUT), secret.statusText(), serverUrl,
                    ActivationViewModel.daemonThreads());
            Stage stage = new Stage();
            show(stage, model);
            stage.setOnHidden(event -> closed.countDown());
        });
        try {
            closed.await();
        } finally {
            Platform.exit();
        }
    }

    /** Puts a view of {@code model} on {@code stage} with the window's title and sizes, and shows it. */
    static void show(Stage stage, ActivationViewModel model) {
        Scene scene = new Scene(new ActivationView(model).root(), 900, 640);
        stage.setTitle(TITLE);
        stage.setMinWidth(ActivationView.MIN_WIDTH);
        stage.setMinHeight(ActivationView.MIN_HEIGHT);
        stage.setScene(scene);
        stage.show();
    }
}
