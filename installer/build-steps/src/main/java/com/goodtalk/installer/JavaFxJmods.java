package com.goodtalk.installer;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Turns the JavaFX platform jars from Maven Central into JMOD files, so that jlink puts their
 * native libraries into the runtime image's {@code lib/} ({@code bin/} on Windows).
 *
 * <p>jlink copies a modular jar's native libraries as plain resources inside
 * {@code lib/modules}; JavaFX then extracts them at start-up into {@code ~/.openjfx/cache} and
 * loads them from there, which fails where the home directory is read-only and leaves copies
 * behind. From a JMOD, jlink installs them next to the JDK's own libraries, where
 * {@code System.loadLibrary} finds them; this is also how the JavaFX SDK's own JMODs are built.
 * Each JMOD gets the jar's classes and resources without the native libraries, which go into the
 * JMOD's native-library section instead, so that JavaFX finds no copy to extract.
 *
 * <p>A jar without {@code module-info.class} is skipped: Maven resolves, next to each platform
 * jar, an empty placeholder jar without a classifier.
 *
 * <p>Options: {@code --jars DIR} the JavaFX jars, {@code --work DIR} a scratch directory (emptied
 * first), {@code --output DIR} where the JMOD files go (existing ones are replaced).
 */
public final class JavaFxJmods {

    private static final String STEP = "JavaFX jmods";
    private static final Set<String> OPTIONS = new LinkedHashSet<>(List.of("--jars", "--work", "--output"));
    private static final List<String> NATIVE_LIBRARY_SUFFIXES = List.of(".so", ".dll", ".dylib");

    private JavaFxJmods() {
    }

    /** Converts the jars; exits with code 1 and a message if it fails. */
    public static void main(String[] args) {
        BuildStep.runMain(STEP, JavaFxJmods::run, args);
    }

    static void run(String[] args) {
        ToolArguments options = ToolArguments.parse(STEP, OPTIONS, args);
        Path output = options.requiredPath("--output");
        List<Path> jmods = convertAll(options.requiredPath("--jars"), options.requiredPath("--work"), output);
        System.out.println("[" + STEP + "] wrote " + jmods.size() + " JMOD files to " + output);
    }

    /**
     * Converts every modular jar in {@code jarDirectory} and returns the JMOD files written.
     *
     * @throws InstallerBuildException if the directory has no modular jar, or a jar or JMOD
     *                                 cannot be read or written
     */
    static List<Path> convertAll(Path jarDirectory, Path work, Path output) {
        try {
            deleteRecursively(work);
            Files.createDirectories(output);
            List<Path> jmods = new ArrayList<>();
            for (Path jar : jarsIn(jarDirectory)) {
                if (isModular(jar)) {
                    jmods.add(convert(jar, work, output));
                }
            }
            if (jmods.isEmpty()) {
                throw new InstallerBuildException(jarDirectory + " contains no modular JavaFX jar. The build copies"
                        + " the org.openjfx platform jars (with the OS classifier, such as linux) there first;"
                        + " check that the desktop app still depends on javafx-controls.");
            }
            return jmods;
        } catch (IOException e) {
            throw new InstallerBuildException("Could not turn the JavaFX jars in " + jarDirectory
                    + " into JMOD files: " + e, e);
        }
    }

    private static Path convert(Path jar, Path work, Path output) throws IOException {
        String moduleName = moduleNameOf(jar);
        Path classes = work.resolve(moduleName).resolve("classes");
        Path libraries = work.resolve(moduleName).resolve("libs");
        int libraryCount = extract(jar, classes, libraries);

        Path jmod = output.resolve(moduleName + ".jmod");
        Files.deleteIfExists(jmod);
        List<String> args = new ArrayList<>(List.of("create", "--class-path", classes.toString()));
        if (libraryCount > 0) {
            args.add("--libs");
            args.add(libraries.toString());
        }
        args.add(jmod.toString());
        JdkTool.named("jmod").runOrFail(args);
        return jmod;
    }

    /** Extracts the jar's native libraries into {@code libraries} and the rest into {@code classes}. */
    private static int extract(Path jar, Path classes, Path libraries) throws IOException {
        Files.createDirectories(classes);
        Files.createDirectories(libraries);
        int libraryCount = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                boolean isLibrary = isNativeLibrary(entry.getName());
                Path target = safeResolve(isLibrary ? libraries : classes, entry.getName(), jar);
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (isLibrary) {
                    libraryCount++;
                }
            }
        }
        return libraryCount;
    }

    /** Tells whether a jar entry is a native library by its file name extension. */
    static boolean isNativeLibrary(String entryName) {
        String lowerCase = entryName.toLowerCase(Locale.ROOT);
        return NATIVE_LIBRARY_SUFFIXES.stream().anyMatch(lowerCase::endsWith);
    }

    /** Resolves a jar entry below {@code directory}, rejecting names such as {@code ../x} that would leave it. */
    static Path safeResolve(Path directory, String entryName, Path jar) {
        Path base = directory.toAbsolutePath().normalize();
        Path target = base.resolve(entryName).normalize();
        if (!target.startsWith(base) || target.equals(base)) {
            throw new InstallerBuildException("The jar " + jar + " has the entry '" + entryName
                    + "', which points outside the directory it is extracted to. Check where the jar came from.");
        }
        return target;
    }

    private static boolean isModular(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry("module-info.class") != null;
        }
    }

    private static String moduleNameOf(Path jar) {
        Set<ModuleReference> modules = ModuleFinder.of(jar).findAll();
        return modules.stream()
                .map(ModuleReference::descriptor)
                .map(ModuleDescriptor::name)
                .findFirst()
                .orElseThrow(() -> new InstallerBuildException("Could not read the module name of " + jar + "."));
    }

    private static List<Path> jarsIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
