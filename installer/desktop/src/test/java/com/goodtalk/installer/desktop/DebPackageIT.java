package com.goodtalk.installer.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.goodtalk.installer.testing.Executables;
import com.goodtalk.installer.testing.RunningProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs the desktop app's .deb into a temporary root with {@code dpkg-deb -x} and runs the
 * installed launcher: headless against a real license server, and with its window under Xvfb.
 *
 * <p>The server runs from its shaded jar on 127.0.0.1 with a free port, in demo mode, and writes
 * its key set to a file that the launcher pins for protocol v2. The window test needs the Debian
 * packages xvfb and imagemagick; without them it is skipped with a message.
 */
@EnabledOnOs(OS.LINUX)
class DebPackageIT {

    private static final String DEMO_KEY = "APENL-4N9L1-2KA9D-3JX0-44LSK";
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** The nine v2 steps of a successful activation, each printed as one PASS line. */
    private static final int V2_STEP_COUNT = 9;

    @TempDir
    static Path work;

    private static Path deb;
    private static Path installRoot;
    private static RunningProcess server;
    private static String serverUrl;
    private static Path trustedKeys;

    @BeforeAll
    static void installPackageAndStartServer() throws Exception {
        deb = onlyDebIn(Path.of(System.getProperty("goodtalk.installer.package.dir")));
        installRoot = Files.createDirectories(work.resolve("root"));
        run("dpkg-deb-extract", "dpkg-deb", "-x", deb.toString(), installRoot.toString());

        Path serverJar = Path.of(System.getProperty("goodtalk.installer.server.jar"));
        assertThat(serverJar).as("the license server's shaded jar (built by license-server)").isRegularFile();
        // The server writes the key set before it prints the listening line.
        trustedKeys = work.resolve("server-keys.jwks");
        server = RunningProcess.start("license-server", new ProcessBuilder(javaExecutable(), "-jar",
                serverJar.toString(), "--port", "0", "--data-dir", work.resolve("server-data").toString(),
                "--jwks-out", trustedKeys.toString()), work.resolve("logs"));
        serverUrl = server.awaitStdoutLine(LISTENING, START_TIMEOUT).group(1);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void packageControlNamesGoodTalkAndVersion() throws Exception {
        String fields = run("dpkg-deb-fields", "dpkg-deb", "-f", deb.toString(), "Package", "Version");

        assertThat(fields.lines()).containsExactly(
                "Package: goodtalk",
                "Version: " + System.getProperty("goodtalk.installer.app.version") + "-1");
    }

    @Test
    void packageInstallsLauncherAndMenuEntry() throws IOException {
        Path desktopEntry = installRoot.resolve("opt/goodtalk/lib/goodtalk-GoodTalk.desktop");

        assertThat(launcher()).isExecutable();
        assertThat(Files.readAllLines(desktopEntry, StandardCharsets.UTF_8)).contains(
                "Name=GoodTalk",
                "Exec=/opt/goodtalk/bin/GoodTalk",
                "Icon=/opt/goodtalk/lib/GoodTalk.png",
                "Categories=Utility");
        assertThat(installRoot.resolve("opt/goodtalk/lib/GoodTalk.png")).isRegularFile();
    }

    @Test
    void runtimeContainsJavaFxNativeLibraries() throws IOException {
        Path runtimeLib = installRoot.resolve("opt/goodtalk/lib/runtime/lib");

        assertThat(runtimeLib.resolve("libprism_sw.so")).isRegularFile();
        assertThat(runtimeLib.resolve("libprism_es2.so")).isRegularFile();
        assertThat(runtimeLib.resolve("libglass.so")).isRegularFile();
        assertThat(runtimeLib.resolve("libglassgtk3.so")).isRegularFile();
        assertThat(Files.readString(runtimeLib.resolve("../release"))).contains("javafx.controls");
    }

    @Test
    void classPathHasNoJavaFxJars() throws IOException {
        List<String> jars;
        try (Stream<Path> files = Files.list(installRoot.resolve("opt/goodtalk/lib/app"))) {
            jars = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".jar")).toList();
        }

        assertThat(jars).contains("goodtalk-desktop.jar", "goodtalk-shared.jar");
        assertThat(jars).noneMatch(name -> name.startsWith("javafx"));
    }

    @Test
    void installedLauncherActivatesDemoKeyHeadless() throws Exception {
        Path home = Files.createDirectories(work.resolve("home-activate"));
        ProcessBuilder builder = new ProcessBuilder(launcher().toString(), "activate", "--server", serverUrl,
                "--trusted-keys", trustedKeys.toString(), DEMO_KEY);
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("DISPLAY");

        try (RunningProcess activate = RunningProcess.start("activate", builder, work.resolve("logs"))) {
            int exitCode = activate.waitForExit(START_TIMEOUT);

            List<String> lines = activate.stdout().lines().toList();
            assertThat(exitCode).as(activate.outputs()).isZero();
            assertThat(lines).as(activate.outputs()).filteredOn(line -> line.startsWith("PASS  ")).hasSize(V2_STEP_COUNT);
            assertThat(lines).noneMatch(line -> line.startsWith("FAIL  ") || line.startsWith("SKIP  "));
            assertThat(lines).anyMatch(line -> line.startsWith("Result: activated."));
        }
    }

    @Test
    void installedLauncherMapsCdsArchive() throws Exception {
        Path classLoadLog = work.resolve("version-class-load.log");
        ProcessBuilder builder = new ProcessBuilder(launcher().toString(), "--version");
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Xshare:on -Xlog:class+load=info:file=" + classLoadLog);

        try (RunningProcess version = RunningProcess.start("version-cds", builder, work.resolve("logs"))) {
            assertThat(version.waitForExit(START_TIMEOUT)).as(version.outputs()).isZero();
        }

        assertThat(installRoot.resolve("opt/goodtalk/lib/runtime/lib/server/classes.jsa")).isRegularFile();
        assertThat(Files.readString(classLoadLog, StandardCharsets.UTF_8))
                .contains("java.lang.Object source: shared objects file");
    }

    @Test
    void installedLauncherPrintsNoCdsWarning() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(launcher().toString(), "--version");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");

        try (RunningProcess version = RunningProcess.start("version", builder, work.resolve("logs"))) {
            assertThat(version.waitForExit(START_TIMEOUT)).as(version.outputs()).isZero();
            assertThat(version.stdout().lines()).as(version.outputs()).singleElement()
                    .asString().startsWith("GoodTalk Desktop ");
            assertThat(version.stderr()).as(version.outputs()).isEmpty();
        }
    }

    @Test
    void installedLauncherShowsWindowUnderXvfb() throws Exception {
        assumeTrue(Executables.onPath("Xvfb") && Executables.onPath("import"),
                "Xvfb or ImageMagick's import is not installed, so the window is not tested."
                        + " Install the Debian packages xvfb, x11-apps and imagemagick to run this test.");
        Path home = Files.createDirectories(work.resolve("home-window"));
        Path screenshot = work.resolve("window.png");

        try (RunningProcess xvfb = startXvfb()) {
            String display = ":" + xvfb.awaitStdoutLine(Pattern.compile("(\\d+)"), START_TIMEOUT).group(1);
            ProcessBuilder builder = new ProcessBuilder(launcher().toString(), "--server", serverUrl,
                    "--trusted-keys", trustedKeys.toString());
            builder.environment().put("DISPLAY", display);
            builder.environment().put("HOME", home.toString());
            // Prism reports on stdout which graphics pipeline it initialized. With -Xshare:on the JVM
            // fails instead of running without the class data sharing archive, and the log names each
            // class's source.
            Path classLoadLog = work.resolve("window-class-load.log");
            builder.environment().put("_JAVA_OPTIONS", "-Dprism.verbose=true -Xshare:on -Xlog:class+load=info:file="
                    + classLoadLog);

            try (RunningProcess window = RunningProcess.start("window", builder, work.resolve("logs"))) {
                await("a window drawn on " + display)
                        .atMost(START_TIMEOUT)
                        .pollInterval(Duration.ofSeconds(1))
                        .failFast("the installed launcher exited", () -> !window.isAlive())
                        .until(() -> Screenshots.distinctColours(takeScreenshot(display, screenshot))
                                >= Screenshots.MIN_COLOURS_OF_WINDOW);
                keepForHumans(screenshot);

                assertThat(window.isAlive()).as(window.outputs()).isTrue();
                assertThat(window.stdout()).as(window.outputs()).contains("Initialized prism pipeline");
                // The natives load from the runtime's lib/; nothing is extracted into the home directory.
                assertThat(home.resolve(".openjfx")).doesNotExist();
                // The build's training run put the window's JavaFX classes into the runtime's archive.
                assertThat(Files.readString(classLoadLog, StandardCharsets.UTF_8))
                        .contains("javafx.stage.Stage source: shared objects file");
            }
        }
    }

    private static RunningProcess startXvfb() throws IOException {
        // -displayfd 1: Xvfb picks a free display number and prints it on stdout once it is ready.
        return RunningProcess.start("xvfb", new ProcessBuilder("Xvfb", "-displayfd", "1",
                "-screen", "0", "1280x800x24", "-nolisten", "tcp"), work.resolve("logs"));
    }

    private static Path takeScreenshot(String display, Path file) throws Exception {
        Path partial = file.resolveSibling("partial-" + file.getFileName());
        run("import", "import", "-display", display, "-window", "root", "png:" + partial);
        return Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void keepForHumans(Path screenshot) throws IOException {
        Path directory = Files.createDirectories(Path.of(System.getProperty("goodtalk.installer.screenshot.dir")));
        Files.copy(screenshot, directory.resolve("goodtalk-window.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static Path launcher() {
        return installRoot.resolve("opt/goodtalk/bin/GoodTalk");
    }

    private static Path onlyDebIn(Path directory) throws IOException {
        List<Path> debs;
        try (Stream<Path> files = Files.list(directory)) {
            debs = files.filter(file -> file.getFileName().toString().endsWith(".deb")).toList();
        }
        assertThat(debs).as("the .deb files in " + directory).hasSize(1);
        return debs.get(0);
    }

    /** Runs a short command to its end and returns its stdout; fails on a non-zero exit code. */
    private static String run(String name, String... command) throws Exception {
        try (RunningProcess process = RunningProcess.start(name, new ProcessBuilder(command), work.resolve("logs"))) {
            assertThat(process.waitForExit(START_TIMEOUT)).as(process.outputs()).isZero();
            return process.stdout();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
