package com.goodtalk.installer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the class data sharing (CDS) archive of a desktop app-image, so that the installed app
 * maps the JDK and JavaFX classes it needs for its first window instead of loading and verifying
 * them one by one at every start.
 *
 * <p>A training run starts the app-image's own JVM ({@code lib/runtime/bin/java}) with the
 * launcher's class path and options, under an Xvfb that this step starts, and records the
 * classes it loads until its window is shown ({@code -XX:DumpLoadedClassList}). The list is cut
 * down to the classes in the runtime image, and {@code java -Xshare:dump} writes them to the
 * runtime's default archive, {@code lib/server/classes.jsa}, which the JVM maps without any
 * option. The app's own jars stay out of the archive: JDK 17 records the absolute class path of
 * archived app classes and rejects the archive when the app runs from another directory, as it
 * does once the package installs it under {@code /opt}. Finally the step checks the archive with
 * {@code -Xshare:on}, which fails instead of running without it.
 *
 * <p>The archive fits only the JVM that wrote it, which is why the runtime image keeps
 * {@code bin/java} (jlink without {@code --strip-native-commands}). Linux only: on another OS
 * the step prints that it did nothing.
 *
 * <p>Options: {@code --app-image DIR} the jpackage app-image, {@code --launcher NAME} its
 * launcher, {@code --work DIR} a scratch directory for the training run's files and logs.
 */
public final class CdsArchive {

    private static final String STEP = "CDS archive";
    private static final Set<String> OPTIONS = new LinkedHashSet<>(List.of("--app-image", "--launcher", "--work"));

    /** The class whose presence in the archive shows that the training run reached the window. */
    static final String WINDOW_CLASS = "javafx/stage/Stage";

    /** The system property that makes the app write the time its window was shown to a file. */
    private static final String STARTUP_MARKER_PROPERTY = "goodtalk.startupMarker";

    private static final Duration WINDOW_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long the training run goes on after the window was shown, so that the classes that draw
     * the first frames are loaded too. A shorter run only leaves a few classes out of the archive.
     */
    private static final Duration FIRST_FRAMES = Duration.ofSeconds(2);
    private static final Pattern WINDOW_CLASS_IN_DICTIONARY =
            Pattern.compile("(?m)^\\s*\\d+: " + Pattern.quote(WINDOW_CLASS.replace('/', '.')) + " ");

    private CdsArchive() {
    }

    /** Builds and checks the archive, and exits with code 1 and a message if that fails. */
    public static void main(String[] args) {
        BuildStep.runMain(STEP, CdsArchive::run, args);
    }

    static void run(String[] args) {
        ToolArguments options = ToolArguments.parse(STEP, OPTIONS, args);
        Path appImage = options.requiredPath("--app-image");
        String launcher = options.required("--launcher");
        Path work = options.requiredPath("--work");
        if (!System.getProperty("os.name").startsWith("Linux")) {
            System.out.println("[" + STEP + "] not built: the training run is written for Linux app-images only.");
            return;
        }
        Path runtime = appImage.resolve("lib/runtime");
        Path java = runtime.resolve("bin/java");
        Path archive = runtime.resolve("lib/server/classes.jsa");
        if (!Files.isExecutable(java)) {
            throw new InstallerBuildException("The app-image's runtime has no " + java + ", which writes the CDS"
                    + " archive. Link the desktop runtime without --strip-native-commands (src/jlink).");
        }
        LauncherConfig config = LauncherConfig.read(appImage.resolve("lib/app/" + launcher + ".cfg"));
        try {
            recreate(work);
            Path trainingList = work.resolve("training-classes.lst");
            try (Xvfb xvfb = Xvfb.start(work)) {
                train(java, config, xvfb.display(), work, trainingList);
            }
            Path runtimeList = work.resolve("runtime-classes.lst");
            int classes = writeRuntimeClassList(trainingList, runtime, runtimeList);
            Files.deleteIfExists(archive);
            dump(java, runtimeList, archive, work);
            check(java, config, archive, work);
            System.out.println("[" + STEP + "] wrote " + archive + " with the " + classes
                    + " runtime image classes that the app loaded until its window was shown.");
        } catch (IOException e) {
            throw new InstallerBuildException("The CDS archive step failed on a file in " + work + " or " + runtime
                    + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallerBuildException("The CDS archive step was interrupted.", e);
        }
    }

    /** Runs the app until its window has been shown and drawn, recording the classes it loads. */
    private static void train(Path java, LauncherConfig config, String display, Path work, Path classList)
            throws IOException, InterruptedException {
        Path marker = work.resolve("window-shown");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(config.javaOptions());
        command.addAll(List.of("-XX:DumpLoadedClassList=" + classList, "-D" + STARTUP_MARKER_PROPERTY + "=" + marker,
                "-cp", config.classPathString(), config.mainClass(),
                "--config-dir", work.resolve("config").toString(), "--data-dir", work.resolve("data").toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DISPLAY", display);
        // A home of its own, so that the training run neither reads nor changes the build user's files.
        builder.environment().put("HOME", Files.createDirectories(work.resolve("home")).toString());
        Path log = work.resolve("training.log");
        Process app = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Instant deadline = Instant.now().plus(WINDOW_TIMEOUT);
            while (!hasContent(marker)) {
                if (!app.isAlive()) {
                    throw new InstallerBuildException("The training run of the app exited with code "
                            + app.exitValue() + " before its window was shown. Its output (" + log + "):\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new InstallerBuildException("The training run of the app showed no window within "
                            + WINDOW_TIMEOUT.toSeconds() + " s on the display " + display + ". Its output (" + log
                            + "):\n" + Files.readString(log, StandardCharsets.UTF_8));
                }
                Thread.sleep(100);
            }
            Thread.sleep(FIRST_FRAMES.toMillis());
        } finally {
            stop(app);
        }
        if (!hasContent(classList)) {
            throw new InstallerBuildException("The training run wrote no class list to " + classList
                    + ". Its output is in " + log + ".");
        }
    }

    /** Writes the lines of {@code trainingList} that name runtime image classes and returns the number of classes. */
    private static int writeRuntimeClassList(Path trainingList, Path runtime, Path runtimeList) throws IOException {
        Set<String> runtimeClasses = RuntimeImageClasses.of(runtime);
        List<String> lines = ClassList.runtimeImageLines(
                Files.readAllLines(trainingList, StandardCharsets.UTF_8), runtimeClasses::contains);
        if (!lines.contains(WINDOW_CLASS)) {
            throw new InstallerBuildException("The training run's class list " + trainingList + " lacks "
                    + WINDOW_CLASS + ", so the run ended before JavaFX opened the window. Check "
                    + runtimeList.resolveSibling("training.log") + ".");
        }
        Files.write(runtimeList, lines, StandardCharsets.UTF_8);
        return (int) lines.stream().filter(line -> !line.startsWith("#") && !line.startsWith("@")).count();
    }

    /** Writes the archive of the classes in {@code classList}, with no class path, so any class path can use it. */
    private static void dump(Path java, Path classList, Path archive, Path work) throws IOException, InterruptedException {
        Path log = work.resolve("dump.log");
        int exitCode = runToEnd(List.of(java.toString(), "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                "-XX:SharedArchiveFile=" + archive), log);
        if (exitCode != 0 || !hasContent(archive)) {
            throw new InstallerBuildException("java -Xshare:dump exited with code " + exitCode + " and wrote "
                    + (hasContent(archive) ? "" : "no ") + archive + ". Its output (" + log + "):\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    /** Fails unless the JVM maps the archive with the launcher's class path and finds the window class in it. */
    private static void check(Path java, LauncherConfig config, Path archive, Path work)
            throws IOException, InterruptedException {
        Path log = work.resolve("check.log");
        int exitCode = runToEnd(List.of(java.toString(), "-Xshare:on", "-XX:+PrintSharedArchiveAndExit",
                "-XX:+PrintSharedDictionary", "-cp", config.classPathString()), log);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (exitCode != 0 || !output.contains("archive is valid")) {
            throw new InstallerBuildException("The JVM rejects the CDS archive " + archive + " (exit code " + exitCode
                    + "). Its output is in " + log + ".");
        }
        if (!WINDOW_CLASS_IN_DICTIONARY.matcher(output).find()) {
            throw new InstallerBuildException("The CDS archive " + archive + " lacks " + WINDOW_CLASS
                    + ", although the class list had it. The archive's class dictionary is in " + log + ".");
        }
    }

    private static int runToEnd(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(WINDOW_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new InstallerBuildException("This command did not end within " + WINDOW_TIMEOUT.toSeconds()
                        + " s: " + String.join(" ", command) + ". Its output is in " + log + ".");
            }
            return process.exitValue();
        } finally {
            stop(process);
        }
    }

    /** Stops {@code process} politely (the JVM writes the rest of the class list as it exits), then forcibly. */
    static void stop(Process process) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    static boolean hasContent(Path file) throws IOException {
        return Files.isRegularFile(file) && Files.size(file) > 0;
    }

    private static void recreate(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(directory);
    }
}
