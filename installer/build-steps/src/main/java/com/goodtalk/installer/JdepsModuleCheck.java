package com.goodtalk.installer;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Checks a committed module list against what {@code jdeps} finds in an application's jars,
 * and writes the jlink argument file that adds the listed modules to the runtime image.
 *
 * <p>A runtime image that lacks a module the application uses makes the installed program fail
 * with {@code NoClassDefFoundError} on the customer's machine. So a module that jdeps reports and
 * the list lacks fails the build, with a message that names the module and the file to add it
 * to. Modules in the list that jdeps does not report are kept (jdeps cannot see modules loaded
 * through reflection or a service) and printed, so that a stale entry is noticed.
 *
 * <p>Every jar is analysed in full, not only the classes that the main jar reaches: SLF4J finds
 * Logback through a service, so the modules that Logback needs are reached by no reference.
 * jdeps analyses copies of the jars without their {@code module-info.class}, because the
 * application runs them from the class path: as modules, jdeps would need every module they
 * require, by the exact name, and the server's libraries do not all agree on those names
 * (jboss-threads requires {@code org.wildfly.common}, which wildfly-common 1.5 does not declare).
 *
 * <p>Options (all from the installer poms): {@code --modules FILE} the module list,
 * {@code --class-path-dir DIR} the directory with the application's jars, {@code --work DIR}
 * a scratch directory for the copies, {@code --jdeps-module-path PATH} where modules outside the
 * JDK come from (the JavaFX jars; optional), and {@code --jlink-args FILE} the argument file to
 * write.
 */
public final class JdepsModuleCheck {

    private static final String STEP = "jdeps module check";
    private static final Set<String> OPTIONS = new LinkedHashSet<>(
            List.of("--modules", "--class-path-dir", "--work", "--jdeps-module-path", "--jlink-args"));
    private static final Pattern MODULE_LIST_LINE = Pattern.compile("[\\w.$]+(,[\\w.$]+)*");

    private JdepsModuleCheck() {
    }

    /** Runs the check; exits with code 1 and a message if it fails. */
    public static void main(String[] args) {
        BuildStep.runMain(STEP, JdepsModuleCheck::run, args);
    }

    static void run(String[] args) {
        ToolArguments options = ToolArguments.parse(STEP, OPTIONS, args);
        ModuleList list = ModuleList.read(options.requiredPath("--modules"));
        List<Path> jars = withoutModuleDescriptors(
                jarsIn(options.requiredPath("--class-path-dir")), options.requiredPath("--work"));
        Set<String> found = runJdeps(jars, options.optionalPath("--jdeps-module-path"));

        requireListed(list, found);
        writeJlinkArguments(list, options.requiredPath("--jlink-args"));

        Set<String> beyondJdeps = new LinkedHashSet<>(list.modules());
        beyondJdeps.removeAll(found);
        System.out.println("[" + STEP + "] " + list.source() + ": jdeps found " + String.join(",", found)
                + (beyondJdeps.isEmpty() ? "" : "; also listed: " + String.join(",", beyondJdeps)));
    }

    /**
     * Fails if {@code found} has a module that {@code list} lacks.
     *
     * @throws InstallerBuildException naming the missing modules and the file to add them to
     */
    static void requireListed(ModuleList list, Set<String> found) {
        Set<String> missing = list.missingFrom(found);
        if (!missing.isEmpty()) {
            throw new InstallerBuildException("jdeps reports that the application uses "
                    + String.join(", ", missing) + ", which " + list.source() + " does not list."
                    + " The runtime image would lack them and the installed program would fail with"
                    + " NoClassDefFoundError. Add each to " + list.source() + " on its own line"
                    + " (with a comment that says what needs it) and commit the file.");
        }
    }

    /**
     * Reads the module names from the output of {@code jdeps --print-module-deps}: the one line
     * that is a comma-separated list of names. Warnings on other lines are ignored.
     *
     * @throws InstallerBuildException if no line or more than one line is such a list
     */
    static Set<String> parseModuleDeps(String jdepsOutput) {
        List<String> listLines = jdepsOutput.lines()
                .map(String::strip)
                .filter(line -> MODULE_LIST_LINE.matcher(line).matches())
                .collect(Collectors.toList());
        if (listLines.size() != 1) {
            throw new InstallerBuildException("Expected one line with the comma-separated modules from"
                    + " jdeps --print-module-deps, found " + listLines.size() + ". jdeps printed:\n" + jdepsOutput);
        }
        return new LinkedHashSet<>(Arrays.asList(listLines.get(0).split(",")));
    }

    /** Runs {@code jdeps --print-module-deps} on {@code jars} and returns the modules it reports. */
    static Set<String> runJdeps(List<Path> jars, Optional<Path> modulePath) {
        List<String> args = new ArrayList<>();
        // Multi-release jars (Jackson, Logback) are read as the runtime we ship, which is this JDK.
        args.add("--multi-release");
        args.add(String.valueOf(Runtime.version().feature()));
        args.add("--print-module-deps");
        // Optional dependencies that are not on the class path (Logback's Janino support, for
        // example) are classes, not JDK modules, and do not change which modules are needed.
        // NOTE: this also hides a module that is missing from the module path: jdeps reads no
        // JMOD files, so JavaFX must come from its jars or it silently drops out of the result.
        args.add("--ignore-missing-deps");
        modulePath.ifPresent(path -> {
            args.add("--module-path");
            args.add(path.toString());
        });
        args.add("--class-path");
        args.add(jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        jars.forEach(jar -> args.add(jar.toString()));

        return parseModuleDeps(JdkTool.named("jdeps").runOrFail(args));
    }

    private static List<Path> jarsIn(Path directory) {
        List<Path> jars;
        try (Stream<Path> files = Files.list(directory)) {
            jars = files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new InstallerBuildException("Could not list the application's jars in " + directory + ": " + e
                    + ". The build copies them there before this step; run the whole installer build.", e);
        }
        if (jars.isEmpty()) {
            throw new InstallerBuildException(directory + " contains no jar. The build copies the application's"
                    + " jars there before this step; run the whole installer build.");
        }
        return jars;
    }

    /**
     * Copies {@code jars} into {@code work} without their module descriptors (at the root or in
     * {@code META-INF/versions}), so that jdeps reads them as the class path jars they are.
     */
    static List<Path> withoutModuleDescriptors(List<Path> jars, Path work) {
        List<Path> copies = new ArrayList<>();
        try {
            Files.createDirectories(work);
            for (Path jar : jars) {
                Path copy = work.resolve(jar.getFileName());
                copyWithoutModuleDescriptor(jar, copy);
                copies.add(copy);
            }
        } catch (IOException e) {
            throw new InstallerBuildException("Could not copy the application's jars into " + work
                    + " for jdeps: " + e, e);
        }
        return copies;
    }

    private static void copyWithoutModuleDescriptor(Path jar, Path copy) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile());
             OutputStream file = Files.newOutputStream(copy);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry entry : zip.stream().toList()) {
                String name = entry.getName();
                if (name.equals("module-info.class") || name.endsWith("/module-info.class")) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(name));
                try (InputStream in = zip.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }

    private static void writeJlinkArguments(ModuleList list, Path file) {
        String content = "# Written by " + JdepsModuleCheck.class.getName() + " from " + list.source() + ".\n"
                + "--add-modules\n" + list.toAddModulesValue() + "\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InstallerBuildException("Could not write the jlink argument file " + file + ": " + e, e);
        }
    }
}
