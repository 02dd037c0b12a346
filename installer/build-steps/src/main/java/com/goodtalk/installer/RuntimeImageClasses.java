package com.goodtalk.installer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The names of the classes in a runtime image's {@code lib/modules}, in internal form
 * ({@code java/lang/Object}). They are read through the {@code jrt:} file system of that image,
 * which the JDK opens with the image's own {@code lib/jrt-fs.jar}.
 */
final class RuntimeImageClasses {

    private static final String CLASS_SUFFIX = ".class";

    private RuntimeImageClasses() {
    }

    /**
     * Lists the classes of every module in the runtime image {@code javaHome}.
     *
     * @throws InstallerBuildException if the image cannot be read
     */
    static Set<String> of(Path javaHome) {
        try (FileSystem jrt = FileSystems.newFileSystem(URI.create("jrt:/"),
                Map.of("java.home", javaHome.toString()));
             Stream<Path> files = Files.walk(jrt.getPath("/modules"))) {
            return files.map(RuntimeImageClasses::internalName)
                    .filter(name -> !name.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException | RuntimeException e) {
            throw new InstallerBuildException("Could not list the classes of the runtime image " + javaHome + ": "
                    + e + ". Check that jlink wrote it completely (lib/modules and lib/jrt-fs.jar).", e);
        }
    }

    /** Returns {@code pkg/Name} for {@code /modules/module/pkg/Name.class}, or "" for another path. */
    private static String internalName(Path path) {
        String text = path.toString();
        if (!text.endsWith(CLASS_SUFFIX) || path.getNameCount() < 3 || text.endsWith("module-info.class")) {
            return "";
        }
        Path inModule = path.subpath(2, path.getNameCount());
        String name = inModule.toString();
        return name.substring(0, name.length() - CLASS_SUFFIX.length());
    }
}
