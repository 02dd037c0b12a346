package com.goodtalk.desktop;

import com.goodtalk.desktop.license.LicensePane;
import com.goodtalk.desktop.license.LicenseState;
import com.goodtalk.desktop.license.LicenseViewModel;
import com.goodtalk.desktop.tamper.Attack;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts JavaFX and shows the activation window on the class path, without an {@code Application} subclass. */
final class ActivationWindow {

    static final String TITLE = "GoodTalk activation";

    /** The system property that names the file for the time the window was first shown. */
    static final String STARTUP_MARKER_PROPERTY = "goodtalk.startupMarker";

    private static final Logger LOG = LoggerFactory.getLogger(ActivationWindow.class);

    private static Boolean systemPrefersDark;

    private ActivationWindow() {
    }

    /**
     * Opens the window with {@code serverUrl} in its server field, the protocol {@code options}
     * and {@code initial} selected, and blocks until the user closes it, then stops JavaFX. The
     * server URL, protocol, theme and tamper demonstration are written to {@code settings} at each
     * activation and when the window closes.
     *
     * @param tamper the tamper demonstration's attack to start with, or null for off
     * @param delay  how long the tamper demonstration's delay attack delays a request
     *
     * @throws WindowUnavailableException if JavaFX cannot start, as without a display or GTK 3
     */
    static void showAndWait(String serverUrl, List<ProtocolOption> options, Protocol initial, Theme theme,
                            SettingsStore settings, Function<ActivationViewModel, LicenseViewModel> licenses,
                            Attack tamper, Duration delay)
            throws InterruptedException, WindowUnavailableException {
        CountDownLatch closed = new CountDownLatch(1);
        try {
            Platform.startup(() -> showFirstWindow(serverUrl, options, initial, theme, settings, licenses,
                    new TamperStart(tamper, delay), closed));
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
                                        Theme theme, SettingsStore settings,
                                        Function<ActivationViewModel, LicenseViewModel> licenses,
                                        TamperStart tamper, CountDownLatch closed) {
        ActivationViewModel model = new ActivationViewModel(options, initial, serverUrl,
                ActivationViewModel.daemonThreads());
        model.themeProperty().set(theme);
        model.tamperProperty().set(tamper.attack());
        model.setTamperDelay(tamper.delay());
        Stage stage = new Stage();
        rememberSettings(stage, model, settings);
        stage.setOnHidden(event -> closed.countDown());
        if (licenses == null) {
            show(stage, model);
        } else {
            show(stage, model, licenses.apply(model));
        }
    }

    /**
     * Writes the server URL, protocol, theme and tamper demonstration of {@code model} to
     * {@code settings} when an activation starts, when the theme or the tamper demonstration
     * changes and when {@code stage} is hidden.
     */
    static void rememberSettings(Stage stage, ActivationViewModel model, SettingsStore settings) {
        model.runningProperty().addListener((property, wasRunning, running) -> {
            if (running) {
                save(settings, model);
            }
        });
        model.themeProperty().addListener((property, before, now) -> save(settings, model));
        model.tamperProperty().addListener((property, before, now) -> save(settings, model));
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, event -> save(settings, model));
    }

    private static void save(SettingsStore settings, ActivationViewModel model) {
        try {
            settings.save(model.settings());
        } catch (IOException e) {
            LOG.warn("Could not save the settings to {}: {}", settings.file(), e.getMessage());
        }
    }

    /** Puts a view of {@code model} on {@code stage} with the window's title and sizes, and shows it. */
    static void show(Stage stage, ActivationViewModel model) {
        show(stage, model, TraceFileChooser.dialog());
    }

    /** Puts a view of {@code model} on {@code stage}, saving traces where {@code traceFiles} says, and shows it. */
    static void show(Stage stage, ActivationViewModel model, TraceFileChooser traceFiles) {
        show(stage, model, new ActivationView(model, traceFiles).root());
    }

    /**
     * Shows the window with the stored license pane above the activation controls; each finished
     * activation updates the stored license, such as storing the certificate the server sent. A
     * stored license past its re-validate-by time is validated online in the background once the
     * window shows.
     */
    static void show(Stage stage, ActivationViewModel model, LicenseViewModel license) {
        ActivationView view = new ActivationView(model);
        LicenseState stored = license.stateProperty().get();
        if (stored != null && stored.isLicensed() && !model.serverUrlProperty().get().isBlank()) {
            view.collapseSettings();
        }
        Parent activation = view.root();
        VBox content = new VBox(new LicensePane(license).root(), activation);
        VBox.setVgrow(activation, Priority.ALWAYS);
        // The license pane, the tamper warning and summary and open settings together are taller than
        // the default window, so a scroll bar keeps the trace and the bottom buttons reachable.
        ScrollPane root = new ScrollPane(content);
        root.setId("windowScroll");
        root.setFitToWidth(true);
        root.setFitToHeight(true);
        root.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        root.getStyleClass().add("edge-to-edge");
        model.traceProperty().addListener((property, before, now) ->
                license.exchangeFinished(now, model.sentKey()));
        show(stage, model, root);
        license.revalidateIfDue();
    }

    /**
     * Applies the model's theme and follows its changes, puts {@code root} on {@code stage} with
     * the window's title and sizes, and shows it. With the system property
     * {@value #STARTUP_MARKER_PROPERTY} set to a file, the time at which the window was first
     * shown is written there, in milliseconds since the epoch, for start-up measurements.
     */
    private static void show(Stage stage, ActivationViewModel model, Parent root) {
        ThemeApplier.apply(model.themeProperty().get(), ActivationWindow::systemPrefersDark);
        model.themeProperty().addListener((property, before, now) ->
                ThemeApplier.apply(now == null ? Theme.SYSTEM : now, ActivationWindow::systemPrefersDark));
        // Closing the window ends a request that the tamper demonstration delays.
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, event -> model.cancelTamperDemo());
        Scene scene = new Scene(root, 960, 720);
        stage.setTitle(TITLE);
        stage.setMinWidth(ActivationView.MIN_WIDTH);
        stage.setMinHeight(ActivationView.MIN_HEIGHT);
        stage.setScene(scene);
        StartupMarker.fromProperty(System.getProperty(STARTUP_MARKER_PROPERTY))
                .ifPresent(marker -> stage.setOnShown(event -> marker.write()));
        stage.show();
    }

    /** The tamper demonstration the window starts with: an attack or null for off, and the delay attack's delay. */
    private record TamperStart(Attack attack, Duration delay) {
    }

    /** Returns whether the system prefers dark windows, asking it once per run. */
    private static synchronized boolean systemPrefersDark() {
        if (systemPrefersDark == null) {
            systemPrefersDark = SystemColorScheme.prefersDark();
        }
        return systemPrefersDark;
    }
}
