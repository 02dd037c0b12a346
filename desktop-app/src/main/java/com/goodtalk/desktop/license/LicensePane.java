package com.goodtalk.desktop.license;

import com.goodtalk.protocol.license.LicenseCertificate;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The controls that show the stored license at the top of the window, bound to a
 * {@link LicenseViewModel}. Tests look controls up by id: {@code #licenseHeadline},
 * {@code #licenseProduct}, {@code #licenseEdition}, {@code #licenseExpires}, {@code #licenseMachine},
 * {@code #licenseRevalidateBy}, {@code #licenseMessage}, {@code #revalidateButton}, {@code #deactivateButton}.
 */
public final class LicensePane {

    private final VBox root = new VBox(6);

    /** Builds the controls and binds them to {@code model}. */
    public LicensePane(LicenseViewModel model) {
        root.setId("licensePane");
        root.getStyleClass().add("license-pane");
        root.setPadding(new Insets(12, 12, 0, 12));

        Label headline = new Label();
        headline.setId("licenseHeadline");
        headline.getStyleClass().add("license-headline");
        headline.setStyle("-fx-font-weight: bold;");
        headline.textProperty().bind(model.headlineProperty());

        GridPane fields = new GridPane();
        fields.setHgap(10);
        fields.setVgap(2);
        addField(fields, 0, "Product", "licenseProduct", model, LicenseCertificate::product);
        addField(fields, 1, "Edition", "licenseEdition", model, LicenseCertificate::edition);
        addField(fields, 2, "Expires", "licenseExpires", model, LicenseViewModel::expiry);
        addField(fields, 3, "Machine", "licenseMachine", model, LicenseCertificate::machine);
        addField(fields, 4, "Re-validate by", "licenseRevalidateBy", model,
                certificate -> certificate.revalidateBy().toString());
        fields.visibleProperty().bind(Bindings.createBooleanBinding(() -> model.stateProperty().get() != null
                && model.stateProperty().get().certificate().isPresent(), model.stateProperty()));
        fields.managedProperty().bind(fields.visibleProperty());

        Label message = new Label();
        message.setId("licenseMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        Button revalidate = new Button("Re-validate now");
        revalidate.setId("revalidateButton");
        revalidate.disableProperty().bind(model.actionsDisabledProperty());
        revalidate.setOnAction(event -> model.revalidate());
        Button deactivate = new Button("Deactivate");
        deactivate.setId("deactivateButton");
        deactivate.disableProperty().bind(model.actionsDisabledProperty());
        deactivate.setOnAction(event -> model.deactivate());
        HBox actions = new HBox(10, revalidate, deactivate);
        actions.setAlignment(Pos.CENTER_LEFT);

        root.getChildren().addAll(headline, fields, message, actions);
    }

    /** Returns the root node to put in the window. */
    public Parent root() {
        return root;
    }

    private static void addField(GridPane fields, int row, String name, String id, LicenseViewModel model,
                                 Function<LicenseCertificate, String> value) {
        Label label = new Label(name + ":");
        Label text = new Label();
        text.setId(id);
        text.textProperty().bind(Bindings.createStringBinding(() -> LicenseViewModel.field(model.stateProperty()
                .get(), value), model.stateProperty()));
        fields.addRow(row, label, text);
    }
}
