package com.goodtalk.desktop.license;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The per-user directory where the desktop app keeps its stored license: on Linux
 * {@code $XDG_DATA_HOME/goodtalk} or {@code ~/.local/share/goodtalk}, on Windows
 * {@code %APPDATA%\GoodTalk}, on macOS {@code ~/Library/Application Support/GoodTalk}.
 */
public final class DataDirectory {

    private DataDirectory() {
    }

    /** Returns the data directory of the user running this process. */
    public static Path forCurrentUser(Map<String, String> environment) {
        return resolve(System.getProperty("os.name", ""), environment, System.getProperty("user.home"));
    }

    /**
     * Returns the data directory for an operating system, environment and home directory.
     *
     * @param osName      the {@code os.name} system property, such as {@code Linux} or {@code Windows 11}
     * @param environment the environment variables
     * @param userHome    the {@code user.home} system property
     * @throws IllegalArgumentException if neither the environment nor {@code userHome} gives a directory
     */
    public static Path resolve(String osName, Map<String, String> environment, String userHome) {
        Objects.requireNonNull(osName, "osName");
        Objects.requireNonNull(environment, "environment");
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = environment.get("APPDATA");
            if (isAbsolute(appData)) {
                return Path.of(appData, "GoodTalk");
            }
            return home(userHome).resolve("AppData").resolve("Roaming").resolve("GoodTalk");
        }
        if (os.startsWith("mac")) {
            return home(userHome).resolve("Library").resolve("Application Support").resolve("GoodTalk");
        }
        // The XDG Base Directory specification treats a relative XDG_DATA_HOME as invalid and ignores it.
        String xdgDataHome = environment.get("XDG_DATA_HOME");
        if (isAbsolute(xdgDataHome)) {
            return Path.of(xdgDataHome, "goodtalk");
        }
        return home(userHome).resolve(".local").resolve("share").resolve("goodtalk");
    }

    private static boolean isAbsolute(String directory) {
        return directory != null && !directory.isBlank() && Path.of(directory).isAbsolute();
    }

    private static Path home(String userHome) {
        if (userHome == null || userHome.isBlank()) {
            throw new IllegalArgumentException("The home directory (user.home) is not set, so there is no data"
                    + " directory for the license. Pass --data-dir DIR to choose one.");
        }
        return Path.of(userHome);
    }
}
