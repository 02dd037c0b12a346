package com.goodtalk.desktop;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the app keeps its settings on each platform: {@code $XDG_CONFIG_HOME/goodtalk} or
 * {@code ~/.config/goodtalk} on Linux and other Unix systems, {@code %APPDATA%\GoodTalk} on
 * Windows, and {@code ~/Library/Preferences/GoodTalk} on macOS.
 */
final class ConfigDirectory {

    private ConfigDirectory() {
    }

    /** Returns the settings folder of this user on this computer. */
    static Path ofThisUser() {
        return of(System.getProperty("os.name", ""), System.getProperty("user.home", "."), System.getenv());
    }

    /**
     * Returns the settings folder for an operating system named {@code osName} (as in the
     * {@code os.name} property), a home folder and an environment.
     */
    static Path of(String osName, String home, Map<String, String> environment) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = environment.get("APPDATA");
            Path base = isSet(appData) ? Path.of(appData) : Path.of(home, "AppData", "Roaming");
            return base.resolve("GoodTalk");
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Preferences", "GoodTalk");
        }
        String xdg = environment.get("XDG_CONFIG_HOME");
        // The XDG specification says a relative value is invalid and must be ignored.
        Path base = isSet(xdg) && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(home, ".config");
        return base.resolve("goodtalk");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
