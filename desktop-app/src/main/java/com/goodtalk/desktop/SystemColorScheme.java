package com.goodtalk.desktop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads whether the operating system prefers dark windows. JavaFX 21 has no API for it, so this
 * queries the platform: {@code GTK_THEME} and GNOME's {@code color-scheme} on Linux, the
 * {@code AppsUseLightTheme} registry value on Windows, and {@code AppleInterfaceStyle} on macOS.
 * Each question has a short timeout, and anything unreadable counts as light.
 */
final class SystemColorScheme {

    private static final Logger LOG = LoggerFactory.getLogger(SystemColorScheme.class);
    private static final long TIMEOUT_MILLIS = 700;

    private SystemColorScheme() {
    }

    /** Returns whether this computer prefers dark windows, asking its operating system. */
    static boolean prefersDark() {
        return prefersDark(System.getProperty("os.name", ""), System.getenv(), SystemColorScheme::run);
    }

    /** Runs a command and returns its standard output, or empty if it failed or took too long. */
    interface CommandRunner {
        Optional<String> output(List<String> command);
    }

    /** Returns whether an operating system named {@code osName} with {@code environment} prefers dark windows. */
    static boolean prefersDark(String osName, Map<String, String> environment, CommandRunner commands) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return commands.output(List.of("reg", "query",
                            "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                            "/v", "AppsUseLightTheme"))
                    .map(output -> output.matches("(?s).*AppsUseLightTheme\\s+REG_DWORD\\s+0x0+\\b.*"))
                    .orElse(false);
        }
        if (os.startsWith("mac")) {
            return commands.output(List.of("defaults", "read", "-g", "AppleInterfaceStyle"))
                    .map(output -> output.strip().equalsIgnoreCase("dark"))
                    .orElse(false);
        }
        String gtkTheme = environment.getOrDefault("GTK_THEME", "").toLowerCase(Locale.ROOT);
        if (gtkTheme.endsWith(":dark") || gtkTheme.endsWith("-dark")) {
            return true;
        }
        return commands.output(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"))
                .map(output -> output.contains("prefer-dark"))
                .orElse(false);
    }

    private static Optional<String> run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("Could not run {} to read the colour scheme: {}", command.get(0), e.getMessage());
            return Optional.empty();
        }
        try {
            if (!process.waitFor(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.debug("{} did not answer within {} ms; using the light theme", command.get(0), TIMEOUT_MILLIS);
                process.destroyForcibly();
                return Optional.empty();
            }
            try (InputStream output = process.getInputStream()) {
                String text = new String(output.readAllBytes(), StandardCharsets.UTF_8);
                return process.exitValue() == 0 ? Optional.of(text) : Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return Optional.empty();
        }
    }
}
