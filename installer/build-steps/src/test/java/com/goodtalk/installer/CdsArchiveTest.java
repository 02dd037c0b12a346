package com.goodtalk.installer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CDS step's checks before its training run. The training run, dump and archive check run in
 * the installer build itself, and DebPackageIT checks that the installed app maps the archive.
 */
class CdsArchiveTest {

    @TempDir
    Path directory;

    @Test
    @EnabledOnOs(OS.LINUX)
    void runRejectsRuntimeWithoutJava() {
        Path appImage = directory.resolve("GoodTalk");

        assertThatThrownBy(() -> CdsArchive.run(new String[] {"--app-image", appImage.toString(),
            "--launcher", "GoodTalk", "--work", directory.resolve("work").toString()}))
                .isInstanceOf(InstallerBuildException.class)
                .hasMessage("The app-image's runtime has no " + appImage.resolve("lib/runtime/bin/java")
                        + ", which writes the CDS archive. Link the desktop runtime without"
                        + " --strip-native-commands (src/jlink).");
    }

    @Test
    void runRejectsMissingLauncherOption() {
        assertThatThrownBy(() -> CdsArchive.run(new String[] {"--app-image", "GoodTalk", "--work", "work"}))
                .isInstanceOf(InstallerBuildException.class)
                .hasMessage("CDS archive: the option --launcher is required.");
    }
}
