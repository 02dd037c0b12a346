package com.goodtalk.installer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Java modules that a runtime image contains, read from a committed text file with one
 * module name per line.
 *
 * <p>Blank lines are ignored, and so is everything after a {@code #}, so that each entry can
 * explain why it is there. A module that {@code jdeps} does not find (one that is only loaded through
 * reflection or a service, for example) belongs in the file with such a comment.
 *
 * <pre>
 * # Found by jdeps.
 * java.base
 * java.net.http
 * # TLS with elliptic-curve keys; loaded as a security provider, which jdeps cannot see.
 * jdk.crypto.ec
 * </pre>
 */
public final class ModuleList {

    /** A module name: dot-separated Java identifiers (ASCII letters, digits, {@code _}, {@code $}). */
    private static final Pattern MODULE_NAME =
            Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    private final Path source;
    private final Set<String> modules;

    private ModuleList(Path source, Set<String> modules) {
        this.source = source;
        this.modules = Collections.unmodifiableSet(modules);
    }

    /**
     * Reads the list from {@code file}.
     *
     * @throws InstallerBuildException if the file cannot be read, names no module, has a line
     *                                 that is not a module name, or names a module twice. The
     *                                 message gives the file, the line number and the fix.
     */
    public static ModuleList read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InstallerBuildException("Could not read the module list " + file + ": " + e
                    + ". Check the path given to the build (installer/src/jlink/*.modules).", e);
        }
        return parse(file, lines);
    }

    /** Parses {@code lines} as the content of {@code source}, which only appears in messages. */
    static ModuleList parse(Path source, List<String> lines) {
        Map<String, Integer> firstLineOfModule = new LinkedHashMap<>();
        for (int index = 0; index < lines.size(); index++) {
            int lineNumber = index + 1;
            String name = stripComment(lines.get(index)).strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!MODULE_NAME.matcher(name).matches()) {
                throw new InstallerBuildException(source + " line " + lineNumber + ": '" + name
                        + "' is not a module name. Write one module name per line, such as java.base;"
                        + " put explanations after a '#'.");
            }
            Integer earlierLine = firstLineOfModule.putIfAbsent(name, lineNumber);
            if (earlierLine != null) {
                throw new InstallerBuildException(source + " line " + lineNumber + ": the module " + name
                        + " is already listed on line " + earlierLine + ". Remove one of the two lines.");
            }
        }
        if (firstLineOfModule.isEmpty()) {
            throw new InstallerBuildException(source + " lists no module. Write the modules that the"
                    + " application needs, one per line; jdeps --print-module-deps prints them.");
        }
        return new ModuleList(source, new LinkedHashSet<>(firstLineOfModule.keySet()));
    }

    /** Returns the modules in the order of the file. */
    public Set<String> modules() {
        return modules;
    }

    /** Returns the file the list was read from. */
    public Path source() {
        return source;
    }

    /** Returns the modules of {@code required} that this list lacks, in the order given. */
    public Set<String> missingFrom(Collection<String> required) {
        Set<String> missing = new LinkedHashSet<>(required);
        missing.removeAll(modules);
        return missing;
    }

    /** Returns the modules as jlink's {@code --add-modules} value: names joined by commas. */
    public String toAddModulesValue() {
        return String.join(",", modules);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}
