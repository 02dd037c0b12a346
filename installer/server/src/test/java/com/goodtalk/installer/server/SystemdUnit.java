package com.goodtalk.installer.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of a systemd unit file, read for tests: each section's {@code Key=value} lines,
 * in file order, with comment and blank lines skipped. A key may appear more than once
 * ({@code Environment=}), as systemd allows.
 */
final class SystemdUnit {

    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Map<String, Map<String, List<String>>> sections;

    private SystemdUnit(Map<String, Map<String, List<String>>> sections) {
        this.sections = sections;
    }

    /** Returns the directory with the unit and the example environment file, which the pom sets. */
    static Path systemdDirectory() {
        String directory = System.getProperty("goodtalk.installer.systemd.dir");
        if (directory == null) {
            throw new IllegalStateException("The system property goodtalk.installer.systemd.dir is not set;"
                    + " run this test through Maven, which sets it to installer/src/systemd.");
        }
        return Path.of(directory);
    }

    static SystemdUnit read(Path file) throws IOException {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        for (String rawLine : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1), name -> new LinkedHashMap<>());
                continue;
            }
            int equals = line.indexOf('=');
            if (current == null || equals < 1) {
                throw new IllegalArgumentException(file + ": '" + line + "' is neither a section nor a Key=value line");
            }
            current.computeIfAbsent(line.substring(0, equals), key -> new ArrayList<>()).add(line.substring(equals + 1));
        }
        return new SystemdUnit(sections);
    }

    /** Returns every value of {@code key} in {@code section}, in file order; empty if absent. */
    List<String> values(String section, String key) {
        return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
    }

    /** Returns the one value of {@code key} in {@code section}, failing if it is absent or repeated. */
    String value(String section, String key) {
        List<String> values = values(section, key);
        if (values.size() != 1) {
            throw new AssertionError("[" + section + "] " + key + "= appears " + values.size()
                    + " times in the unit, expected once: " + values);
        }
        return values.get(0);
    }

    /** Returns the names of the variables that {@code ExecStart=} refers to as {@code ${NAME}}. */
    Set<String> execStartVariables() {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = VARIABLE_REFERENCE.matcher(value("Service", "ExecStart"));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Returns the defaults from the {@code Environment=NAME=value} lines. */
    Map<String, String> environmentDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (String assignment : values("Service", "Environment")) {
            int equals = assignment.indexOf('=');
            defaults.put(assignment.substring(0, equals), assignment.substring(equals + 1));
        }
        return defaults;
    }

    /** Returns {@code ExecStart=} split into words, with each {@code ${NAME}} replaced from {@code variables}. */
    List<String> execStartCommand(Map<String, String> variables) {
        List<String> words = new ArrayList<>();
        for (String word : value("Service", "ExecStart").split("\\s+")) {
            Matcher matcher = VARIABLE_REFERENCE.matcher(word);
            StringBuilder replaced = new StringBuilder();
            while (matcher.find()) {
                String value = variables.get(matcher.group(1));
                if (value == null) {
                    throw new AssertionError("ExecStart= uses ${" + matcher.group(1) + "}, which has no value");
                }
                matcher.appendReplacement(replaced, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(replaced);
            words.add(replaced.toString());
        }
        return words;
    }
}
