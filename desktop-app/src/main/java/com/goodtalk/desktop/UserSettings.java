package com.goodtalk.desktop;

import com.goodtalk.desktop.tamper.Attack;
import java.util.Objects;
import java.util.Optional;

/**
 * What the window remembers between runs. Each value is optional: an absent one means the
 * built-in default, and a command-line option wins over a stored one.
 *
 * @param serverUrl the license server's URL as the user last entered it
 * @param protocol  the protocol last chosen
 * @param theme     the colour theme chosen, or {@link Theme#SYSTEM} to follow the system
 * @param tamper    the attack of the tamper demonstration, or empty when the demonstration is off
 */
public record UserSettings(Optional<String> serverUrl, Optional<Protocol> protocol, Theme theme,
                           Optional<Attack> tamper) {

    /** Settings with nothing stored: the defaults. */
    public static final UserSettings DEFAULTS = new UserSettings(Optional.empty(), Optional.empty(), Theme.SYSTEM);

    /** Checks that no value is null. */
    public UserSettings {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(tamper, "tamper");
    }

    /** Creates settings with the tamper demonstration off. */
    public UserSettings(Optional<String> serverUrl, Optional<Protocol> protocol, Theme theme) {
        this(serverUrl, protocol, theme, Optional.empty());
    }

    /** Returns these settings with {@code url} as the server URL. */
    public UserSettings withServerUrl(String url) {
        return new UserSettings(Optional.of(url), protocol, theme, tamper);
    }

    /** Returns these settings with {@code chosen} as the protocol. */
    public UserSettings withProtocol(Protocol chosen) {
        return new UserSettings(serverUrl, Optional.of(chosen), theme, tamper);
    }

    /** Returns these settings with {@code chosen} as the theme. */
    public UserSettings withTheme(Theme chosen) {
        return new UserSettings(serverUrl, protocol, chosen, tamper);
    }

    /** Returns these settings with {@code chosen} as the tamper demonstration's attack, or off when it is empty. */
    public UserSettings withTamper(Optional<Attack> chosen) {
        return new UserSettings(serverUrl, protocol, theme, chosen);
    }
}
