package com.goodtalk.desktop;

import com.goodtalk.desktop.tamper.Attack;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link UserSettings} as {@code settings.properties} in a settings folder.
 * A missing file means the defaults. An unreadable file or value is logged and skipped, because
 * a broken settings file must never keep the window from opening.
 */
public final class SettingsStore {

    /** The name of the file in the settings folder. */
    public static final String FILE_NAME = "settings.properties";

    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private static final String SERVER = "server";
    private static final String PROTOCOL = "protocol";
    private static final String THEME = "theme";
    private static final String TAMPER = "tamper";

    private final Path file;

    /** Creates a store for the settings file in {@code directory}, which need not exist yet. */
    public SettingsStore(Path directory) {
        this.file = directory.resolve(FILE_NAME);
    }

    /** Returns the settings file's path. */
    public Path file() {
        return file;
    }

    /** Returns the stored settings, or the defaults for what is missing or unreadable. */
    public UserSettings load() {
        if (!Files.isRegularFile(file)) {
            return UserSettings.DEFAULTS;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Could not read the settings file {}, so the defaults apply: {}", file, e.getMessage());
            return UserSettings.DEFAULTS;
        }
        Optional<String> server = Optional.ofNullable(properties.getProperty(SERVER)).map(String::strip)
                .filter(text -> !text.isEmpty());
        Optional<Protocol> protocol = Optional.empty();
        Theme theme = Theme.SYSTEM;
        try {
            protocol = Optional.ofNullable(properties.getProperty(PROTOCOL)).map(Protocol::fromWord);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring the protocol in {}: {}", file, e.getMessage());
        }
        try {
            theme = Optional.ofNullable(properties.getProperty(THEME)).map(String::strip).map(Theme::ofWord)
                    .orElse(Theme.SYSTEM);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring the theme in {}: {}", file, e.getMessage());
        }
        Optional<Attack> tamper = Optional.empty();
        try {
            tamper = Optional.ofNullable(properties.getProperty(TAMPER)).map(Attack::fromWord);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring the tamper demonstration attack in {}, so the demonstration is off: {}", file,
                    e.getMessage());
        }
        return new UserSettings(server, protocol, theme, tamper);
    }

    /**
     * Writes {@code settings}, replacing the file in one step so that a crash leaves the old or
     * the new file, never half of one.
     *
     * @throws IOException if the folder cannot be created or the file cannot be written
     */
    public void save(UserSettings settings) throws IOException {
        Properties properties = new Properties();
        settings.serverUrl().ifPresent(url -> properties.setProperty(SERVER, url));
        settings.protocol().ifPresent(protocol -> properties.setProperty(PROTOCOL, protocol.word()));
        properties.setProperty(THEME, settings.theme().word());
        settings.tamper().ifPresent(attack -> properties.setProperty(TAMPER, attack.word()));
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "GoodTalk desktop settings");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
