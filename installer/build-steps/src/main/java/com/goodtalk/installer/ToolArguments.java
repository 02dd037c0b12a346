package com.goodtalk.installer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code --name value} options that the installer poms pass to a build step's
 * {@code main}. Every option takes exactly one value. An unknown or repeated option is an
 * error, so a typo in a pom fails the build instead of being ignored.
 */
final class ToolArguments {

    private final String step;
    private final Map<String, String> values;

    private ToolArguments(String step, Map<String, String> values) {
        this.step = step;
        this.values = values;
    }

    /**
     * Parses {@code args} for the build step named {@code step}, which accepts the option names
     * in {@code known} (each with its leading {@code --}).
     *
     * @throws InstallerBuildException on an unknown, repeated or valueless option
     */
    static ToolArguments parse(String step, Set<String> known, String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int index = 0; index < args.length; index++) {
            String name = args[index];
            if (!known.contains(name)) {
                throw new InstallerBuildException(step + ": unknown option '" + name + "'. It accepts "
                        + String.join(", ", known) + ", each followed by a value.");
            }
            if (index + 1 >= args.length) {
                throw new InstallerBuildException(step + ": the option " + name + " needs a value.");
            }
            String value = args[++index];
            if (values.putIfAbsent(name, value) != null) {
                throw new InstallerBuildException(step + ": the option " + name + " is given twice.");
            }
        }
        return new ToolArguments(step, values);
    }

    /**
     * Returns the value of a required option.
     *
     * @throws InstallerBuildException if the option is absent
     */
    String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new InstallerBuildException(step + ": the option " + name + " is required.");
        }
        return value;
    }

    /** Returns the value of a required option as a path. */
    Path requiredPath(String name) {
        return Path.of(required(name));
    }

    /** Returns the value of an optional option as a path. */
    Optional<Path> optionalPath(String name) {
        return Optional.ofNullable(values.get(name)).map(Path::of);
    }
}
