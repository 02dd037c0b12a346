package com.goodtalk.desktop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the time at which the window was first shown to a file, so that a benchmark outside
 * the process can measure start-up. The file contains one line: milliseconds since the epoch.
 */
final class StartupMarker {

    private static final Logger LOG = LoggerFactory.getLogger(StartupMarker.class);

    private final Path file;

    private StartupMarker(Path file) {
        this.file = file;
    }

    /** Returns a marker for the file named by {@code property}, or empty when it is unset or blank. */
    static Optional<StartupMarker> fromProperty(String property) {
        return property == null || property.isBlank() ? Optional.empty()
                : Optional.of(new StartupMarker(Path.of(property.strip())));
    }

    /** Writes the current time; a failure is logged, since a benchmark aid must not stop the app. */
    void write() {
        try {
            Files.writeString(file, System.currentTimeMillis() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("Could not write the start-up marker {}: {}", file, e.getMessage());
        }
    }
}
