package com.goodtalk.desktop;

import com.goodtalk.desktop.tamper.Attack;
import com.goodtalk.desktop.tamper.TamperDemo;
import com.goodtalk.desktop.tamper.TamperResult;
import com.goodtalk.protocol.client.ActivationClient;
import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.VerificationTrace;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state and actions of the activation window, without any control, so tests can drive it
 * without a window.
 *
 * <p>It offers one or more protocols, each as a {@link ProtocolOption}. The selected one signs
 * the next activation. A selected protocol that cannot run disables Activate and sets
 * {@link #protocolProblemProperty()} to the reason.
 *
 * <p>Use it on the JavaFX application thread only. {@link #activate()} runs the network call in
 * a {@link Task} on the given executor and publishes the result back on the JavaFX thread.
 */
public final class ActivationViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ActivationViewModel.class);

    private final Map<Protocol, ProtocolOption> options = new LinkedHashMap<>();
    private final Executor executor;

    private final StringProperty productKey = new SimpleStringProperty(this, "productKey", "");
    private final StringProperty serverUrl = new SimpleStringProperty(this, "serverUrl", "");
    private final ObjectProperty<Protocol> protocol = new SimpleObjectProperty<>(this, "protocol");
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.SYSTEM);
    private final ObjectBinding<ProtocolOption> selectedOption;
    private final StringBinding protocolProblem;
    private final StringBinding status;
    private final StringBinding keyProblem;
    private final ReadOnlyStringWrapper serverUrlProblem = new ReadOnlyStringWrapper(this, "serverUrlProblem", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final BooleanBinding activateDisabled;
    private final ReadOnlyObjectWrapper<ResultBanner> banner =
            new ReadOnlyObjectWrapper<>(this, "banner", ResultBanner.none());
    private final ReadOnlyObjectWrapper<VerificationTrace> trace = new ReadOnlyObjectWrapper<>(this, "trace");
    /** The normalized key that the latest activation sent, which the key field may no longer show. */
    private String sentKey = "";
    private final ObservableList<TraceStep> steps = FXCollections.observableArrayList();
    private final ObservableList<TraceStep> readOnlySteps = FXCollections.unmodifiableObservableList(steps);
    private final ObjectProperty<TraceStep> selectedStep = new SimpleObjectProperty<>(this, "selectedStep");
    private final StringBinding selectedStepDetails;
    private final StringBinding exchangeDetails;
    private final ObjectProperty<Attack> tamper = new SimpleObjectProperty<>(this, "tamper");
    private final StringBinding tamperWarning;
    private final ReadOnlyStringWrapper tamperProgress = new ReadOnlyStringWrapper(this, "tamperProgress", "");
    private final ReadOnlyObjectWrapper<TamperResult> tamperResult = new ReadOnlyObjectWrapper<>(this, "tamperResult");
    private final StringBinding tamperSummary;
    private Duration tamperDelay = TamperDemo.DEFAULT_DELAY;
    private TamperDemo runningDemo;

    /**
     * Creates a view model that offers the given protocols.
     *
     * @param options   the protocols offered, in the order the choice lists them, each at most once
     * @param initial   the protocol selected at first, one of {@code options}
     * @param serverUrl the initial text of the server URL field
     * @param executor  runs the activation tasks, off the JavaFX thread
     * @throws IllegalArgumentException if {@code options} is empty, repeats a protocol or lacks {@code initial}
     */
    public ActivationViewModel(List<ProtocolOption> options, Protocol initial, String serverUrl, Executor executor) {
        Objects.requireNonNull(options, "options");
        for (ProtocolOption option : options) {
            if (this.options.putIfAbsent(option.protocol(), option) != null) {
                throw new IllegalArgumentException("The protocol " + option.protocol() + " is offered twice;"
                        + " offer each protocol once.");
            }
        }
        if (!this.options.containsKey(Objects.requireNonNull(initial, "initial"))) {
            throw new IllegalArgumentException("The initial protocol " + initial + " is not among the offered "
                    + this.options.keySet() + ".");
        }
        this.executor = Objects.requireNonNull(executor, "executor");
        this.serverUrl.set(Objects.requireNonNull(serverUrl, "serverUrl"));
        this.protocol.set(initial);

        this.serverUrl.addListener((property, before, now) -> serverUrlProblem.set(""));
        keyProblem = Bindings.createStringBinding(
                () -> ProductKeyInput.problem(productKey.get() == null ? "" : productKey.get()).orElse(""), productKey);
        selectedOption = Bindings.createObjectBinding(() -> optionFor(protocol.get()), protocol);
        protocolProblem = Bindings.createStringBinding(() -> selectedOption.get().problem(), selectedOption);
        status = Bindings.createStringBinding(() -> selectedOption.get().statusText(), selectedOption);
        activateDisabled = Bindings.createBooleanBinding(
                () -> running.get() || productKey.get() == null || productKey.get().isBlank()
                        || !keyProblem.get().isEmpty() || !selectedOption.get().isAvailable(),
                running, productKey, keyProblem, selectedOption);
        selectedStepDetails = Bindings.createStringBinding(() -> describe(selectedStep.get()), selectedStep, trace);
        exchangeDetails = Bindings.createStringBinding(() -> ExchangeDetails.describe(trace.get()), trace);
        tamperWarning = Bindings.createStringBinding(() -> tamperWarningText(tamper.get(), protocol.get()),
                tamper, protocol);
        tamperSummary = Bindings.createStringBinding(
                () -> tamperResult.get() == null ? "" : tamperResult.get().paragraph(), tamperResult);
    }

    /**
     * Creates a view model that offers protocol v1 only.
     *
     * @param clients      creates the client for the server URL the user entered
     * @param secretStatus one line that names the secret that signs the requests
     * @param serverUrl    the initial text of the server URL field
     * @param executor     runs the activation tasks, off the JavaFX thread
     */
    public ActivationViewModel(ActivationClientFactory clients, String secretStatus, String serverUrl,
                               Executor executor) {
        this(List.of(ProtocolOption.available(Protocol.V1, clients, secretStatus)), Protocol.V1, serverUrl, executor);
    }

    /** Returns an executor that runs each task on a new daemon thread, so an open request never holds up exit. */
    public static Executor daemonThreads() {
        return task -> {
            Thread thread = new Thread(task, "goodtalk-activation");
            thread.setDaemon(true);
            thread.start();
        };
    }

    /**
     * Starts an activation with the normalized product key, unless one is running or the key is
     * blank. A key that {@link #keyProblemProperty()} reports, or an invalid server URL (which
     * sets {@link #serverUrlProblemProperty()}), sends nothing.
     *
     * @return whether a request was started
     */
    public boolean activate() {
        if (activateDisabled.get()) {
            return false;
        }
        if (!keyProblem.get().isEmpty()) {
            return false;
        }
        String key = ProductKeyInput.toSend(productKey.get());
        productKey.set(key);
        URI server;
        try {
            server = ServerUrl.parse(serverUrl.get());
        } catch (InvalidServerUrlException e) {
            serverUrlProblem.set(e.getMessage());
            return false;
        }
        serverUrlProblem.set("");

        Task<?> task = tamper.get() == null
                ? plainTask(selectedOption.get(), server, key)
                : tamperTask(new TamperDemo(tamper.get(), tamperDelay), selectedOption.get(), server, key);
        task.setOnFailed(event -> showInternalError(server, task.getException()));

        tamperResult.set(null);
        trace.set(null);
        steps.clear();
        selectedStep.set(null);
        banner.set(ResultBanner.none());
        sentKey = key;
        running.set(true);
        executor.execute(task);
        return true;
    }

    private Task<VerificationTrace> plainTask(ProtocolOption option, URI server, String key) {
        ActivationClient client = option.clients().forServer(server);
        Task<VerificationTrace> task = new Task<>() {
            @Override
            protected VerificationTrace call() {
                return client.activate(key);
            }
        };
        task.setOnSucceeded(event -> show(task.getValue()));
        return task;
    }

    /**
     * Returns a task that activates through the tamper demonstration's proxy. Its message is the
     * proxy's progress, such as a request it delays, which {@link #tamperProgressProperty()} shows.
     */
    private Task<TamperResult> tamperTask(TamperDemo demo, ProtocolOption option, URI server, String key) {
        Duration timeout = demo.clientTimeout(V2Client.DEFAULT_TIMEOUT);
        Task<TamperResult> task = new Task<>() {
            @Override
            protected TamperResult call() {
                return demo.run(server, option.protocol(),
                        proxy -> option.clients().forServer(proxy, timeout).activate(key),
                        message -> updateMessage(message));
            }
        };
        runningDemo = demo;
        tamperProgress.bind(task.messageProperty());
        task.runningProperty().addListener((property, wasRunning, isRunning) -> {
            if (!isRunning) {
                tamperProgress.unbind();
                tamperProgress.set("");
                runningDemo = null;
            }
        });
        task.setOnSucceeded(event -> {
            tamperResult.set(task.getValue());
            show(task.getValue().trace());
        });
        return task;
    }

    /** Ends a running tamper demonstration, such as one that delays a request, when the window closes. */
    public void cancelTamperDemo() {
        TamperDemo demo = runningDemo;
        if (demo != null) {
            demo.cancel();
        }
    }

    private static String tamperWarningText(Attack attack, Protocol chosen) {
        if (attack == null) {
            return "";
        }
        return "Tamper demonstration on: a built-in proxy on 127.0.0.1 attacks each activation with \""
                + attack.label() + "\" (" + attack.word() + "), so results show the attack, not your license."
                + " Turn it off in the settings to activate for real.";
    }

    /** Returns the last trace as text for the clipboard, if there is one. */
    public Optional<String> traceText() {
        return Optional.ofNullable(trace.get()).map(TraceTextRenderer::render);
    }

    private void show(VerificationTrace result) {
        trace.set(result);
        steps.setAll(result.steps());
        selectedStep.set(result.firstFailedStep().orElse(result.steps().isEmpty() ? null : result.steps().get(0)));
        banner.set(ResultBanner.of(result));
        running.set(false);
    }

    private void showInternalError(URI server, Throwable error) {
        if (error instanceof IllegalArgumentException problem) {
            // The clients reject a key they cannot send, such as one too long for a v2 request.
            banner.set(ResultBanner.invalidInput(problem));
            running.set(false);
            return;
        }
        // The client reports network and reply problems in the trace, so another exception is a bug.
        LOG.error("The activation against {} failed unexpectedly", server, error);
        banner.set(ResultBanner.internalError(error));
        running.set(false);
    }

    /** Returns the option of {@code chosen}, or an unavailable one if it is not offered, as after a bad {@code set}. */
    private ProtocolOption optionFor(Protocol chosen) {
        ProtocolOption option = chosen == null ? null : options.get(chosen);
        if (option != null) {
            return option;
        }
        return ProtocolOption.unavailable(chosen == null ? Protocol.V2 : chosen, "Choose one of the protocols "
                + options.keySet() + ".");
    }

    /**
     * Returns what the failure of {@code step} of the last trace means for the user, in one
     * sentence, or empty for a step that did not fail.
     */
    public Optional<String> explanation(TraceStep step) {
        VerificationTrace shown = trace.get();
        return shown == null ? Optional.empty() : StepExplanations.forFailed(shown.protocol(), step);
    }

    /**
     * Writes the last trace as JSON ({@link VerificationTrace#toJson()}) to {@code file}.
     *
     * @throws IllegalStateException if there is no trace yet
     * @throws IOException if the file cannot be written
     */
    public void saveTraceJson(Path file) throws IOException {
        VerificationTrace shown = trace.get();
        if (shown == null) {
            throw new IllegalStateException("There is no trace to save yet; activate a key first.");
        }
        Files.writeString(file, shown.toJson() + "\n", StandardCharsets.UTF_8);
    }

    private String describe(TraceStep step) {
        if (step == null) {
            return "";
        }
        String meaning = explanation(step).map(text -> "What this means: " + text + "\n").orElse("");
        return step.title() + " (" + step.id() + "): " + step.outcome().name().toLowerCase() + "\n"
                + step.summary() + "\n" + meaning
                + (step.values().isEmpty() ? "" : "\n" + TraceTextRenderer.renderValues(step.values(), ""));
    }

    /** Returns the product key as typed, which {@link #activate()} normalizes. */
    public StringProperty productKeyProperty() {
        return productKey;
    }

    /**
     * Returns what is wrong with the product key as typed, such as a character no key contains
     * or a mistyped character that the check character reveals, or empty text when it may be sent.
     */
    public StringBinding keyProblemProperty() {
        return keyProblem;
    }

    /** Returns the server URL as typed, which is checked when an activation starts. */
    public StringProperty serverUrlProperty() {
        return serverUrl;
    }

    /** Returns why the server URL cannot be used, or empty text. A change of the URL clears it. */
    public ReadOnlyStringProperty serverUrlProblemProperty() {
        return serverUrlProblem.getReadOnlyProperty();
    }

    /** Returns the selected protocol. Setting one that is not offered disables Activate and sets the problem. */
    public ObjectProperty<Protocol> protocolProperty() {
        return protocol;
    }

    /** Returns the colour theme chosen in the settings. */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** Returns the server URL as typed, the selected protocol and the theme, as the settings file keeps them. */
    public UserSettings settings() {
        String url = serverUrl.get() == null ? "" : serverUrl.get().strip();
        UserSettings settings = url.isEmpty() ? UserSettings.DEFAULTS : UserSettings.DEFAULTS.withServerUrl(url);
        if (protocol.get() != null) {
            settings = settings.withProtocol(protocol.get());
        }
        return settings.withTheme(theme.get() == null ? Theme.SYSTEM : theme.get())
                .withTamper(Optional.ofNullable(tamper.get()));
    }

    /** Returns the tamper demonstration's attack, or null while the demonstration is off. */
    public ObjectProperty<Attack> tamperProperty() {
        return tamper;
    }

    /** Sets how long {@link Attack#DELAY_REQUEST} delays the request. */
    public void setTamperDelay(Duration delay) {
        this.tamperDelay = Objects.requireNonNull(delay, "delay");
    }

    /** Returns the warning shown while the tamper demonstration is on, or empty text while it is off. */
    public StringBinding tamperWarningProperty() {
        return tamperWarning;
    }

    /** Returns what the tamper proxy is doing now, such as holding the request, or empty text. */
    public ReadOnlyStringProperty tamperProgressProperty() {
        return tamperProgress.getReadOnlyProperty();
    }

    /** Returns the outcome of the last tamper demonstration, or null after a plain activation and while one runs. */
    public ReadOnlyObjectProperty<TamperResult> tamperResultProperty() {
        return tamperResult.getReadOnlyProperty();
    }

    /** Returns the attack, what the proxy changed and the step that caught it, or empty text without a result. */
    public StringBinding tamperSummaryProperty() {
        return tamperSummary;
    }

    /** Returns the offered protocols, in the order of the choice. */
    public List<Protocol> protocols() {
        return List.copyOf(options.keySet());
    }

    /** Returns why the selected protocol cannot run, with the fix, or empty text when it can. */
    public StringBinding protocolProblemProperty() {
        return protocolProblem;
    }

    /** Returns one line that names the secret and the keys of the selected protocol, or empty text when it cannot run. */
    public StringBinding statusProperty() {
        return status;
    }

    /** Returns whether an activation is running. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /**
     * Returns whether the Activate action is unavailable, which it is while one runs, while the key
     * is blank or has a problem, and while the selected protocol cannot run.
     */
    public BooleanBinding activateDisabledProperty() {
        return activateDisabled;
    }

    /** Returns the result banner. */
    public ReadOnlyObjectProperty<ResultBanner> bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    /** Returns the last finished trace, which is null before the first and while one runs. */
    public ReadOnlyObjectProperty<VerificationTrace> traceProperty() {
        return trace.getReadOnlyProperty();
    }

    /**
     * Returns the normalized key that the latest activation sent, or empty text before the first.
     * The user may edit the key field while the activation runs, so the field may show another key.
     */
    public String sentKey() {
        return sentKey;
    }

    /** Returns the steps of the last trace, in order, as a read-only list. */
    public ObservableList<TraceStep> steps() {
        return readOnlySteps;
    }

    /** Returns the step whose values are shown. After a run it is the first failed step, or else the first step. */
    public ObjectProperty<TraceStep> selectedStepProperty() {
        return selectedStep;
    }

    /** Returns the selected step's title, outcome, summary and values as selectable text. */
    public StringBinding selectedStepDetailsProperty() {
        return selectedStepDetails;
    }

    /**
     * Returns the last trace's request and reply: for v2 each JWS header, decoded payload and
     * signature, and the clock offset. It is empty text before the first trace and while one runs.
     */
    public StringBinding exchangeDetailsProperty() {
        return exchangeDetails;
    }

    /** Returns the current value of {@link #statusProperty()}. */
    public String secretStatus() {
        return status.get();
    }
}
