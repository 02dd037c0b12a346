package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThemeTest {

    private static SystemColorScheme.CommandRunner answering(String command, String output) {
        return line -> line.get(0).equals(command) ? Optional.of(output) : Optional.empty();
    }

    private static final SystemColorScheme.CommandRunner NOTHING = line -> Optional.empty();

    @Test
    void linuxReadsGtkThemeThenGnomeColorScheme() {
        assertThat(SystemColorScheme.prefersDark("Linux", Map.of("GTK_THEME", "Adwaita:dark"), NOTHING)).isTrue();
        assertThat(SystemColorScheme.prefersDark("Linux", Map.of(), answering("gsettings", "'prefer-dark'\n")))
                .isTrue();
        assertThat(SystemColorScheme.prefersDark("Linux", Map.of(), answering("gsettings", "'default'\n"))).isFalse();
        assertThat(SystemColorScheme.prefersDark("Linux", Map.of(), NOTHING)).as("unreadable means light").isFalse();
    }

    @Test
    void windowsReadsAppsUseLightTheme() {
        String dark = "\r\nHKEY_CURRENT_USER\\...\\Personalize\r\n    AppsUseLightTheme    REG_DWORD    0x0\r\n";
        String light = "\r\nHKEY_CURRENT_USER\\...\\Personalize\r\n    AppsUseLightTheme    REG_DWORD    0x1\r\n";
        assertThat(SystemColorScheme.prefersDark("Windows 10", Map.of(), answering("reg", dark))).isTrue();
        assertThat(SystemColorScheme.prefersDark("Windows 10", Map.of(), answering("reg", light))).isFalse();
    }

    @Test
    void macReadsAppleInterfaceStyle() {
        assertThat(SystemColorScheme.prefersDark("Mac OS X", Map.of(), answering("defaults", "Dark\n"))).isTrue();
        assertThat(SystemColorScheme.prefersDark("Mac OS X", Map.of(), NOTHING)).isFalse();
    }

    @Test
    void settingOverridesTheSystem() {
        assertThat(ThemeApplier.isDark(Theme.LIGHT, () -> true)).isFalse();
        assertThat(ThemeApplier.isDark(Theme.DARK, () -> false)).isTrue();
        assertThat(ThemeApplier.isDark(Theme.SYSTEM, () -> true)).isTrue();
        assertThat(Theme.ofWord("dark")).isEqualTo(Theme.DARK);
        assertThat(List.of(Theme.values())).extracting(Theme::word).containsExactly("system", "light", "dark");
    }
}
