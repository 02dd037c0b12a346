package com.goodtalk.installer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class path, main class and Java options of a jpackage launcher, read from the
 * {@code NAME.cfg} file that jpackage writes next to the app's jars. Each {@code $APPDIR} in a
 * value is replaced with that directory, as the launcher does when it starts the JVM.
 *
 * @param classPath   the {@code app.classpath} entries in order, as the launcher passes them
 * @param mainClass   the {@code app.mainclass} value
 * @param javaOptions the {@code java-options} values in order
 */
record LauncherConfig(List<Path> classPath, String mainClass, List<String> javaOptions) {

    private static final String APP_DIR = "$APPDIR";

    LauncherConfig {
        classPath = List.copyOf(classPath);
        javaOptions = List.copyOf(javaOptions);
    }

    /**
     * Reads {@code configFile}; {@code $APPDIR} stands for the directory that contains it.
     *
     * @throws InstallerBuildException if the file cannot be read, or has no main class or no class path
     */
    static LauncherConfig read(Path configFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(configFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InstallerBuildException("Could not read the launcher configuration " + configFile + ": " + e
                    + ". jpackage writes it into the app-image; check that the app-image step ran.", e);
        }
        return parse(lines, configFile.toAbsolutePath().getParent(), configFile);
    }

    /** Parses the lines of a launcher configuration whose {@code $APPDIR} is {@code appDirectory}. */
    static LauncherConfig parse(List<String> lines, Path appDirectory, Path source) {
        List<Path> classPath = new ArrayList<>();
        List<String> javaOptions = new ArrayList<>();
        String mainClass = null;
        for (String line : lines) {
            int equals = line.indexOf('=');
            if (line.isBlank() || line.startsWith("[") || equals < 0) {
                continue;
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip().replace(APP_DIR, appDirectory.toString());
            switch (key) {
                case "app.classpath" -> classPath.add(Path.of(value));
                case "app.mainclass" -> mainClass = value;
                case "java-options" -> javaOptions.add(value);
                default -> {
                    // Other keys (such as app.splash) do not change which classes the JVM loads.
                }
            }
        }
        if (mainClass == null || classPath.isEmpty()) {
            throw new InstallerBuildException("The launcher configuration " + source + " has no "
                    + (mainClass == null ? "app.mainclass" : "app.classpath") + " line. Check the --main-jar and"
                    + " --main-class options in src/jpackage/desktop-launcher.args.");
        }
        return new LauncherConfig(classPath, mainClass, javaOptions);
    }

    /** Returns the class path as one string with the platform's separator, for {@code -cp}. */
    String classPathString() {
        return String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList());
    }
}
