package com.goodtalk.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherConfigTest {

    /** A configuration as the JDK 17 jpackage writes it for the desktop app's launcher. */
    private static final List<String> JPACKAGE_CONFIG = List.of(
            "[Application]",
            "app.classpath=$APPDIR/goodtalk-desktop.jar",
            "app.mainclass=com.goodtalk.desktop.Main",
            "app.classpath=$APPDIR/picocli.jar",
            "",
            "[JavaOptions]",
            "java-options=-Djpackage.app-version=0.1.0",
            "java-options=-Dlocation=$APPDIR/data");

    @TempDir
    Path directory;

    @Test
    void readReplacesAppDirWithConfigDirectory() throws Exception {
        Path file = directory.resolve("GoodTalk.cfg");
        Files.write(file, JPACKAGE_CONFIG, StandardCharsets.UTF_8);

        LauncherConfig config = LauncherConfig.read(file);

        assertThat(config.classPath()).containsExactly(
                directory.resolve("goodtalk-desktop.jar"), directory.resolve("picocli.jar"));
        assertThat(config.mainClass()).isEqualTo("com.goodtalk.desktop.Main");
        assertThat(config.javaOptions()).containsExactly(
                "-Djpackage.app-version=0.1.0", "-Dlocation=" + directory + "/data");
        assertThat(config.classPathString()).isEqualTo(
                directory.resolve("goodtalk-desktop.jar") + File.pathSeparator + directory.resolve("picocli.jar"));
    }

    @Test
    void parseRejectsConfigWithoutMainClass() {
        List<String> lines = List.of("[Application]", "app.classpath=$APPDIR/a.jar");

        assertThatThrownBy(() -> LauncherConfig.parse(lines, directory, Path.of("GoodTalk.cfg")))
                .isInstanceOf(InstallerBuildException.class)
                .hasMessageContaining("GoodTalk.cfg has no app.mainclass line");
    }

    @Test
    void parseRejectsConfigWithoutClassPath() {
        List<String> lines = List.of("[Application]", "app.mainclass=a.Main");

        assertThatThrownBy(() -> LauncherConfig.parse(lines, directory, Path.of("GoodTalk.cfg")))
                .isInstanceOf(InstallerBuildException.class)
                .hasMessageContaining("GoodTalk.cfg has no app.classpath line");
    }

    @Test
    void readNamesMissingFile() {
        Path missing = directory.resolve("Missing.cfg");

        assertThatThrownBy(() -> LauncherConfig.read(missing))
                .isInstanceOf(InstallerBuildException.class)
                .hasMessageContaining("Could not read the launcher configuration " + missing);
    }
}
