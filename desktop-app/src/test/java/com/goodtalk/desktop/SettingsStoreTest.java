package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.desktop.tamper.Attack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path directory;

    @Test
    void missingFileMeansDefaults() {
        assertThat(new SettingsStore(directory.resolve("nothing-here")).load()).isEqualTo(UserSettings.DEFAULTS);
    }

    @Test
    void savedSettingsLoadAgainInAnotherStore() throws Exception {
        Path folder = directory.resolve("created").resolve("goodtalk");
        UserSettings settings = UserSettings.DEFAULTS.withServerUrl("https://license.example.org")
                .withProtocol(Protocol.V1).withTheme(Theme.DARK);

        new SettingsStore(folder).save(settings);

        assertThat(new SettingsStore(folder).load()).isEqualTo(settings);
        assertThat(Files.readString(folder.resolve(SettingsStore.FILE_NAME))).contains("protocol=v1")
                .contains("theme=dark");
    }

    @Test
    void tamperAttackRoundTripsAndOffWritesNothing() throws Exception {
        UserSettings on = UserSettings.DEFAULTS.withTamper(Optional.of(Attack.REPLAY_REPLY));

        new SettingsStore(directory).save(on);

        assertThat(new SettingsStore(directory).load()).isEqualTo(on);
        assertThat(Files.readString(directory.resolve(SettingsStore.FILE_NAME))).contains("tamper=replay-reply");

        new SettingsStore(directory).save(on.withTamper(Optional.empty()));

        assertThat(new SettingsStore(directory).load().tamper()).isEmpty();
        assertThat(Files.readString(directory.resolve(SettingsStore.FILE_NAME))).doesNotContain("tamper");
    }

    @Test
    void unknownTamperAttackTurnsDemonstrationOff() throws Exception {
        Files.writeString(directory.resolve(SettingsStore.FILE_NAME), "theme=dark\ntamper=flip-bits\n");

        UserSettings loaded = new SettingsStore(directory).load();

        assertThat(loaded.tamper()).isEmpty();
        assertThat(loaded.theme()).isEqualTo(Theme.DARK);
    }

    @Test
    void unknownValuesAreSkippedAndTheRestKept() throws Exception {
        Files.writeString(directory.resolve(SettingsStore.FILE_NAME),
                "server=http://127.0.0.1:9000\nprotocol=v9\ntheme=purple\n");

        UserSettings loaded = new SettingsStore(directory).load();

        assertThat(loaded).isEqualTo(new UserSettings(Optional.of("http://127.0.0.1:9000"), Optional.empty(),
                Theme.SYSTEM));
    }

    @Test
    void configDirectoryFollowsEachPlatform() {
        Map<String, String> none = Map.of();
        assertThat(ConfigDirectory.of("Linux", "/home/ann", none)).isEqualTo(Path.of("/home/ann/.config/goodtalk"));
        assertThat(ConfigDirectory.of("Linux", "/home/ann", Map.of("XDG_CONFIG_HOME", "/xdg")))
                .isEqualTo(Path.of("/xdg/goodtalk"));
        assertThat(ConfigDirectory.of("Linux", "/home/ann", Map.of("XDG_CONFIG_HOME", "relative")))
                .as("a relative XDG_CONFIG_HOME is ignored").isEqualTo(Path.of("/home/ann/.config/goodtalk"));
        assertThat(ConfigDirectory.of("Mac OS X", "/Users/ann", none))
                .isEqualTo(Path.of("/Users/ann/Library/Preferences/GoodTalk"));
        assertThat(ConfigDirectory.of("Windows 11", "C:/Users/ann", Map.of("APPDATA", "/appdata")))
                .isEqualTo(Path.of("/appdata/GoodTalk"));
    }
}
