package com.goodtalk.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaFxJmodsTest {

    @TempDir
    Path work;

    @Test
    void convertAllPutsNativeLibrariesIntoLibSection() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(TestJars.compile(work.resolve("build"), Map.of(
                "module-info.java", "module demo.graphics { exports demo.graphics; }",
                "demo/graphics/Renderer.java", "package demo.graphics; public class Renderer { }")));
        entries.put("libdemo_sw.so", bytes("not really a library"));
        entries.put("demo/graphics/style.css", bytes(".root { }"));
        TestJars.write(work.resolve("jars/demo-graphics-1.0-linux.jar"), entries);
        // The empty placeholder jar that Maven resolves next to each platform jar.
        TestJars.write(work.resolve("jars/demo-graphics-1.0.jar"),
                Map.of("META-INF/MANIFEST.MF", bytes("Manifest-Version: 1.0\n")));

        List<Path> jmods = JavaFxJmods.convertAll(work.resolve("jars"), work.resolve("scratch"), work.resolve("jmods"));

        assertThat(jmods).containsExactly(work.resolve("jmods/demo.graphics.jmod"));
        String listing = JdkTool.named("jmod").runOrFail(List.of("list", jmods.get(0).toString()));
        assertThat(listing.lines()).contains(
                "classes/module-info.class",
                "classes/demo/graphics/Renderer.class",
                "classes/demo/graphics/style.css",
                "lib/libdemo_sw.so");
        assertThat(listing.lines()).doesNotContain("classes/libdemo_sw.so");
    }

    @Test
    void convertAllRejectsOnlyPlaceholderJars() throws IOException {
        TestJars.write(work.resolve("jars/demo-graphics-1.0.jar"),
                Map.of("META-INF/MANIFEST.MF", bytes("Manifest-Version: 1.0\n")));

        assertThatThrownBy(() -> JavaFxJmods.convertAll(work.resolve("jars"), work.resolve("scratch"), work.resolve("jmods")))
                .isInstanceOf(InstallerBuildException.class)
                .hasMessageContaining("contains no modular JavaFX jar");
    }

    @Test
    void safeResolveRejectsEntryThatLeavesDirectory() {
        Path jar = Path.of("evil.jar");

        assertThatThrownBy(() -> JavaFxJmods.safeResolve(work, "../../etc/cron.d/job", jar))
                .isInstanceOf(InstallerBuildException.class)
                .hasMessageContaining("'../../etc/cron.d/job', which points outside");
        assertThat(JavaFxJmods.safeResolve(work, "com/sun/glass/Pixels.class", jar))
                .isEqualTo(work.toAbsolutePath().resolve("com/sun/glass/Pixels.class"));
    }

    @Test
    void isNativeLibraryKnowsEachPlatformsSuffix() {
        assertThat(JavaFxJmods.isNativeLibrary("libglass.so")).isTrue();
        assertThat(JavaFxJmods.isNativeLibrary("glass.DLL")).isTrue();
        assertThat(JavaFxJmods.isNativeLibrary("libglass.dylib")).isTrue();
        assertThat(JavaFxJmods.isNativeLibrary("com/sun/glass/ui/Pixels.class")).isFalse();
        assertThat(JavaFxJmods.isNativeLibrary("javafx.properties")).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
