package com.goodtalk.desktop;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Chooses the file to save the trace to. The app opens a dialog, and tests return a file without one. */
@FunctionalInterface
public interface TraceFileChooser {

    /**
     * Returns the file the user chose for a JSON trace, or empty if the user cancelled.
     *
     * @param owner         the window the dialog belongs to
     * @param suggestedName the file name offered first
     */
    Optional<Path> chooseJsonFile(Window owner, String suggestedName);

    /** Returns the platform's save dialog. */
    static TraceFileChooser dialog() {
        return (owner, suggestedName) -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save the verification trace");
            chooser.setInitialFileName(suggestedName);
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON files", "*.json"));
            File file = chooser.showSaveDialog(owner);
            return Optional.ofNullable(file).map(File::toPath);
        };
    }
}
