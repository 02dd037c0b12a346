package com.goodtalk.desktop;

import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.desktop.tamper.Attack;
import java.io.IOException;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The controls of the activation window, bound to an {@link ActivationViewModel}. It keeps no
 * state of its own beyond what the controls show.
 *
 * <p>Controls tests look up by id: {@code #keyField}, {@code #keyProblem}, {@code #serverField},
 * {@code #protocolChoice}, {@code #serverProblem}, {@code #activateButton}, {@code #progress},
 * {@code #protocolProblem}, {@code #banner}, {@code #traceList}, {@code #stepDetails},
 * {@code #exchangeDetails}, {@code #secretStatus}, {@code #copyTraceButton},
 * {@code #saveTraceButton}, {@code #saveProblem}, {@code #settingsPane}, {@code #themeChoice},
 * {@code #aboutButton}, {@code #tamperChoice}, {@code #tamperWarning}, {@code #tamperProgress},
 * {@code #tamperSummary}.
 */
public final class ActivationView {

    /** The smallest window width, in pixels, at which every control stays usable. */
    public static final double MIN_WIDTH = 640;
    /** The smallest window height, in pixels, at which every control stays usable. */
    public static final double MIN_HEIGHT = 480;

    private static final String[] BANNER_CLASSES = {
        "banner-none", "banner-activated", "banner-deactivated", "banner-rejected",
        "banner-verification_failed", "banner-unreachable", "banner-invalid_input", "banner-internal_error"};

    private final ActivationViewModel model;
    private final TraceFileChooser traceFiles;
    private final BorderPane root = new BorderPane();
    private final Label saveProblem = new Label();
    private final TitledPane settingsPane = new TitledPane();

    /** Builds the controls and binds them to {@code model}, saving traces where the platform dialog says. */
    public ActivationView(ActivationViewModel model) {
        this(model, TraceFileChooser.dialog());
    }

    /** Builds the controls and binds them to {@code model}; Save trace asks {@code traceFiles} for the file. */
    public ActivationView(ActivationViewModel model, TraceFileChooser traceFiles) {
        this.model = model;
        this.traceFiles = traceFiles;
        root.getStyleClass().add("activation-window");
        root.getStylesheets().add(ActivationView.class.getResource("activation.css").toExternalForm());
        root.setTop(new VBox(10, tamperWarning(), form(), banner(), tamperProgress(), tamperSummary()));
        root.setCenter(traceArea());
        root.setBottom(statusBar());
        root.setPadding(new Insets(12));
        BorderPane.setMargin(root.getCenter(), new Insets(10, 0, 10, 0));
    }

    /**
     * Folds the settings pane, which stays one click away. The window does this when it opens on a
     * stored license: the license pane then takes the room, and with the settings open too the trace
     * list would get a few rows and the bottom buttons would be cut off at the default size.
     */
    public void collapseSettings() {
        settingsPane.setExpanded(false);
    }

    /** Returns the root node to put in a scene. */
    public Parent root() {
        return root;
    }

    private VBox form() {
        TextField keyField = new TextField();
        keyField.setId("keyField");
        keyField.setPromptText("Paste the product key, such as ABCDE-12345-FGHIJ-6789-KLMNO");
        keyField.setAccessibleText("Product key");
        keyField.getStyleClass().add("key-field");
        keyField.setTextFormatter(ProductKeyFormatter.create());
        keyField.textProperty().bindBidirectional(model.productKeyProperty());
        keyField.setOnAction(event -> model.activate());

        Label keyProblem = new Label();
        keyProblem.setId("keyProblem");
        keyProblem.getStyleClass().add("field-problem");
        keyProblem.setWrapText(true);
        keyProblem.textProperty().bind(model.keyProblemProperty());
        keyProblem.visibleProperty().bind(model.keyProblemProperty().isNotEmpty());
        keyProblem.managedProperty().bind(keyProblem.visibleProperty());
        keyProblem.accessibleTextProperty().bind(model.keyProblemProperty());

        TextField serverField = new TextField();
        serverField.setId("serverField");
        serverField.setPromptText(ServerUrl.EXAMPLE);
        serverField.setAccessibleText("License server URL");
        serverField.textProperty().bindBidirectional(model.serverUrlProperty());
        serverField.setOnAction(event -> model.activate());

        Label serverProblem = new Label();
        serverProblem.setId("serverProblem");
        serverProblem.getStyleClass().add("field-problem");
        serverProblem.setWrapText(true);
        serverProblem.textProperty().bind(model.serverUrlProblemProperty());
        serverProblem.visibleProperty().bind(model.serverUrlProblemProperty().isNotEmpty());
        serverProblem.managedProperty().bind(serverProblem.visibleProperty());
        serverProblem.accessibleTextProperty().bind(model.serverUrlProblemProperty());
        // The problem shows in the settings pane, which may be folded, so it opens to show why nothing was sent.
        model.serverUrlProblemProperty().addListener((property, before, now) -> {
            if (now != null && !now.isEmpty()) {
                settingsPane.setExpanded(true);
            }
        });

        ChoiceBox<Protocol> protocolChoice = protocolChoice();

        Label protocolProblem = new Label();
        protocolProblem.setId("protocolProblem");
        protocolProblem.getStyleClass().add("field-problem");
        protocolProblem.setWrapText(true);
        protocolProblem.textProperty().bind(model.protocolProblemProperty());
        protocolProblem.visibleProperty().bind(model.protocolProblemProperty().isNotEmpty());
        protocolProblem.managedProperty().bind(protocolProblem.visibleProperty());
        HBox.setHgrow(protocolProblem, Priority.ALWAYS);

        Button activateButton = new Button("_Activate");
        activateButton.setId("activateButton");
        activateButton.setMinWidth(Region.USE_PREF_SIZE);
        activateButton.disableProperty().bind(model.activateDisabledProperty());
        activateButton.setOnAction(event -> model.activate());
        // A disabled control shows no tooltip, so the label next to the button carries the reason
        // on screen and the accessible text carries it for screen readers.
        activateButton.accessibleTextProperty().bind(Bindings.when(model.protocolProblemProperty().isEmpty())
                .then("Activate the product key")
                .otherwise(Bindings.concat("Activate is unavailable. ", model.protocolProblemProperty())));
        Tooltip activateTip = new Tooltip();
        activateTip.textProperty().bind(activateButton.accessibleTextProperty());
        activateButton.setTooltip(activateTip);

        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("progress");
        progress.setAccessibleText("Activation running");
        progress.setPrefSize(24, 24);
        progress.visibleProperty().bind(model.runningProperty());

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, fields);
        form.addRow(0, label("_Product key", keyField), keyField);
        form.add(keyProblem, 1, 1);
        HBox actions = new HBox(10, activateButton, progress, protocolProblem);
        actions.setAlignment(Pos.CENTER_LEFT);
        form.add(actions, 1, 2);

        GridPane settings = new GridPane();
        settings.setHgap(10);
        settings.setVgap(8);
        settings.getColumnConstraints().addAll(copyOf(labels), copyOf(fields));
        Label protocolLabel = label("P_rotocol", protocolChoice);
        HBox serverRow = new HBox(10, serverField, protocolLabel, protocolChoice);
        serverRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(serverField, Priority.ALWAYS);
        settings.addRow(0, label("_Server URL", serverField), serverRow);
        settings.add(serverProblem, 1, 1);
        ChoiceBox<Theme> themeChoice = themeChoice();
        ChoiceBox<Optional<Attack>> tamperChoice = tamperChoice();
        // One row for both choices keeps the settings pane as tall as before, so the trace keeps its room.
        HBox themeRow = new HBox(10, themeChoice, label("Ta_mper demonstration", tamperChoice), tamperChoice);
        themeRow.setAlignment(Pos.CENTER_LEFT);
        settings.addRow(2, label("_Theme", themeChoice), themeRow);

        settingsPane.setText("Settings");
        settingsPane.setContent(settings);
        settingsPane.setId("settingsPane");
        settingsPane.setAccessibleText("Settings: server URL, protocol, theme and tamper demonstration");
        settingsPane.setExpanded(true);
        return new VBox(10, form, settingsPane);
    }

    private static ColumnConstraints copyOf(ColumnConstraints original) {
        ColumnConstraints copy = new ColumnConstraints();
        copy.setMinWidth(original.getMinWidth());
        copy.setHgrow(original.getHgrow());
        return copy;
    }

    private ChoiceBox<Theme> themeChoice() {
        ChoiceBox<Theme> choice = new ChoiceBox<>();
        choice.setId("themeChoice");
        choice.setAccessibleText("Colour theme");
        choice.setMinWidth(Region.USE_PREF_SIZE);
        choice.getItems().setAll(Theme.values());
        choice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Theme theme) {
                return theme == null ? "" : theme.label();
            }

            @Override
            public Theme fromString(String label) {
                for (Theme theme : Theme.values()) {
                    if (theme.label().equals(label)) {
                        return theme;
                    }
                }
                return null;
            }
        });
        choice.valueProperty().bindBidirectional(model.themeProperty());
        return choice;
    }

    /**
     * Returns the tamper demonstration's choice: Off, then each attack. The model stores null for
     * Off, and the choice uses optionals so that Off is an item with its own label, not a null value.
     */
    private ChoiceBox<Optional<Attack>> tamperChoice() {
        ChoiceBox<Optional<Attack>> choice = new ChoiceBox<>();
        choice.setId("tamperChoice");
        choice.setAccessibleText("Tamper demonstration: off, or the attack a built-in proxy applies to each"
                + " activation");
        choice.setMinWidth(Region.USE_PREF_SIZE);
        choice.getItems().add(Optional.empty());
        for (Attack attack : Attack.values()) {
            choice.getItems().add(Optional.of(attack));
        }
        choice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Optional<Attack> attack) {
                return attack == null ? "" : attack.map(chosen -> chosen.label() + " (" + chosen.word() + ")")
                        .orElse("Off");
            }

            @Override
            public Optional<Attack> fromString(String label) {
                return choice.getItems().stream().filter(item -> toString(item).equals(label)).findFirst()
                        .orElse(Optional.empty());
            }
        });
        choice.setValue(Optional.ofNullable(model.tamperProperty().get()));
        choice.valueProperty().addListener((property, before, now) ->
                model.tamperProperty().set(now == null ? null : now.orElse(null)));
        model.tamperProperty().addListener((property, before, now) -> {
            if (!Optional.ofNullable(now).equals(choice.getValue())) {
                choice.setValue(Optional.ofNullable(now));
            }
        });
        return choice;
    }

    private Label tamperWarning() {
        Label warning = new Label();
        warning.setId("tamperWarning");
        warning.setWrapText(true);
        warning.setMaxWidth(Double.MAX_VALUE);
        warning.getStyleClass().add("tamper-warning");
        warning.textProperty().bind(model.tamperWarningProperty());
        warning.accessibleTextProperty().bind(model.tamperWarningProperty());
        warning.visibleProperty().bind(model.tamperWarningProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());
        return warning;
    }

    private Label tamperProgress() {
        Label progress = new Label();
        progress.setId("tamperProgress");
        progress.setWrapText(true);
        progress.textProperty().bind(model.tamperProgressProperty());
        progress.accessibleTextProperty().bind(model.tamperProgressProperty());
        progress.visibleProperty().bind(model.tamperProgressProperty().isNotEmpty());
        progress.managedProperty().bind(progress.visibleProperty());
        return progress;
    }

    private Label tamperSummary() {
        Label summary = new Label();
        summary.setId("tamperSummary");
        summary.setWrapText(true);
        summary.setMaxWidth(Double.MAX_VALUE);
        summary.getStyleClass().add("tamper-summary");
        summary.textProperty().bind(model.tamperSummaryProperty());
        summary.accessibleTextProperty().bind(model.tamperSummaryProperty());
        summary.visibleProperty().bind(model.tamperSummaryProperty().isNotEmpty());
        summary.managedProperty().bind(summary.visibleProperty());
        return summary;
    }

    private ChoiceBox<Protocol> protocolChoice() {
        ChoiceBox<Protocol> choice = new ChoiceBox<>();
        choice.setId("protocolChoice");
        choice.setAccessibleText("Protocol");
        choice.setMinWidth(Region.USE_PREF_SIZE);
        choice.getItems().setAll(model.protocols());
        choice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Protocol protocol) {
                return protocol == null ? "" : protocol.label();
            }

            @Override
            public Protocol fromString(String label) {
                for (Protocol protocol : Protocol.values()) {
                    if (protocol.label().equals(label)) {
                        return protocol;
                    }
                }
                return null;
            }
        });
        choice.valueProperty().bindBidirectional(model.protocolProperty());
        return choice;
    }

    private Label banner() {
        Label banner = new Label();
        banner.setId("banner");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.getStyleClass().add("banner");
        banner.textProperty().bind(Bindings.createStringBinding(() -> model.bannerProperty().get().text(),
                model.bannerProperty()));
        banner.accessibleTextProperty().bind(banner.textProperty());
        banner.visibleProperty().bind(banner.textProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        model.bannerProperty().addListener((property, before, now) -> {
            banner.getStyleClass().removeAll(BANNER_CLASSES);
            banner.getStyleClass().add("banner-" + now.kind().name().toLowerCase());
        });
        banner.getStyleClass().add("banner-none");
        return banner;
    }

    private SplitPane traceArea() {
        ListView<TraceStep> traceList = new ListView<>(model.steps());
        traceList.setId("traceList");
        traceList.setAccessibleText("Verification steps");
        traceList.setPlaceholder(new Label("The verification steps appear here after an activation."));
        traceList.setCellFactory(list -> new TraceStepCell(model::explanation));
        traceList.getSelectionModel().selectedItemProperty().addListener((property, before, now) -> {
            if (now != null) {
                model.selectedStepProperty().set(now);
            }
        });
        model.selectedStepProperty().addListener((property, before, now) -> {
            if (now == null) {
                traceList.getSelectionModel().clearSelection();
            } else if (traceList.getSelectionModel().getSelectedItem() != now) {
                traceList.getSelectionModel().select(now);
                // After a run the selected step is the failed one, which a short list may hide below the fold.
                traceList.scrollTo(now);
            }
        });

        TextArea stepDetails = new TextArea();
        stepDetails.setId("stepDetails");
        stepDetails.setEditable(false);
        stepDetails.setWrapText(true);
        stepDetails.getStyleClass().add("step-details");
        stepDetails.setAccessibleText("Values of the selected step");
        stepDetails.setPromptText("Select a step to see the values it checked.");
        stepDetails.textProperty().bind(model.selectedStepDetailsProperty());

        TextArea exchangeDetails = new TextArea();
        exchangeDetails.setId("exchangeDetails");
        exchangeDetails.setEditable(false);
        exchangeDetails.setWrapText(true);
        exchangeDetails.getStyleClass().add("step-details");
        exchangeDetails.setAccessibleText("Request and reply of the last activation");
        exchangeDetails.setPromptText("The request and the reply appear here after an activation.");
        exchangeDetails.textProperty().bind(model.exchangeDetailsProperty());

        SplitPane details = new SplitPane(titled("Selected step", stepDetails),
                titled("Request and reply", exchangeDetails));
        details.setOrientation(Orientation.VERTICAL);
        details.setDividerPositions(0.4);

        SplitPane split = new SplitPane(traceList, details);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.45);
        return split;
    }

    private static VBox titled(String title, TextArea area) {
        Label label = new Label(title);
        label.getStyleClass().add("pane-title");
        label.setLabelFor(area);
        VBox.setVgrow(area, Priority.ALWAYS);
        VBox box = new VBox(4, label, area);
        box.setPadding(new Insets(4, 0, 0, 4));
        return box;
    }

    private HBox statusBar() {
        Label secretStatus = new Label();
        secretStatus.setId("secretStatus");
        secretStatus.setWrapText(true);
        secretStatus.getStyleClass().add("secret-status");
        secretStatus.textProperty().bind(model.statusProperty());
        secretStatus.accessibleTextProperty().bind(model.statusProperty());
        HBox.setHgrow(secretStatus, Priority.ALWAYS);
        secretStatus.setMaxWidth(Double.MAX_VALUE);

        Button copyTrace = new Button("_Copy trace");
        copyTrace.setId("copyTraceButton");
        copyTrace.setAccessibleText("Copy the verification trace as text");
        copyTrace.setMinWidth(Region.USE_PREF_SIZE);
        copyTrace.disableProperty().bind(model.traceProperty().isNull());
        copyTrace.setOnAction(event -> model.traceText().ifPresent(text -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        }));

        Button saveTrace = new Button("Sa_ve trace as JSON...");
        saveTrace.setId("saveTraceButton");
        saveTrace.setAccessibleText("Save the verification trace to a JSON file");
        saveTrace.setMinWidth(Region.USE_PREF_SIZE);
        saveTrace.disableProperty().bind(model.traceProperty().isNull());
        saveTrace.setOnAction(event -> saveTrace(saveTrace));

        saveProblem.setId("saveProblem");
        saveProblem.getStyleClass().add("field-problem");
        saveProblem.setWrapText(true);
        saveProblem.visibleProperty().bind(saveProblem.textProperty().isNotEmpty());
        saveProblem.managedProperty().bind(saveProblem.visibleProperty());
        saveProblem.accessibleTextProperty().bind(saveProblem.textProperty());

        Button about = new Button("A_bout");
        about.setId("aboutButton");
        about.setAccessibleText("About GoodTalk Desktop: name and version");
        about.setMinWidth(Region.USE_PREF_SIZE);
        about.setOnAction(event -> AboutDialog.show(about.getScene().getWindow()));

        HBox bar = new HBox(10, secretStatus, saveProblem, copyTrace, saveTrace, about);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void saveTrace(Node source) {
        saveProblem.setText("");
        String suggested = "goodtalk-trace-" + model.traceProperty().get().protocol() + ".json";
        traceFiles.chooseJsonFile(source.getScene().getWindow(), suggested).ifPresent(file -> {
            try {
                model.saveTraceJson(file);
            } catch (IOException e) {
                saveProblem.setText("Could not save the trace to " + file + ": " + e.getMessage()
                        + ". Choose a folder you can write to.");
            }
        });
    }

    private static Label label(String text, Node field) {
        Label label = new Label(text);
        label.setMnemonicParsing(true);
        label.setLabelFor(field);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }
}
