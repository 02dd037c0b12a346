package com.goodtalk.desktop;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Modality;
import javafx.stage.Window;

/** The About dialog: the product's name and version, from the jar manifest or the build. */
final class AboutDialog {

    /** The dialog's title, by which tests find it. */
    static final String TITLE = "About " + AppVersion.PRODUCT;

    private AboutDialog() {
    }

    /** Builds the dialog over {@code owner}; Enter and Escape both close it. */
    static Alert create(Window owner) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, text(), ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.initModality(Modality.WINDOW_MODAL);
        alert.setTitle(TITLE);
        alert.setHeaderText(AppVersion.PRODUCT + " " + AppVersion.version());
        alert.getDialogPane().setId("aboutDialog");
        alert.getDialogPane().setAccessibleText(AppVersion.PRODUCT + " version " + AppVersion.version());
        return alert;
    }

    /** Shows the dialog over {@code owner} without waiting for it to close. */
    static void show(Window owner) {
        create(owner).show();
    }

    /** Returns the dialog's body text. */
    static String text() {
        return "Activates GoodTalk product keys and shows every check of the license server's reply.\n\n"
                + "Version " + AppVersion.version() + ", running on Java " + System.getProperty("java.version")
                + " and JavaFX " + System.getProperty("javafx.runtime.version", "(unknown)") + ".";
    }
}
