package com.goodtalk.desktop;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.function.BooleanSupplier;
import javafx.application.Application;

/** Sets the AtlantaFX Primer theme that a {@link Theme} choice stands for, for all windows. */
final class ThemeApplier {

    private ThemeApplier() {
    }

    /** Returns whether {@code theme} means dark, asking {@code systemPrefersDark} for {@link Theme#SYSTEM}. */
    static boolean isDark(Theme theme, BooleanSupplier systemPrefersDark) {
        return switch (theme) {
            case DARK -> true;
            case LIGHT -> false;
            case SYSTEM -> systemPrefersDark.getAsBoolean();
        };
    }

    /** Applies {@code theme} as the user-agent stylesheet; call it on the JavaFX thread. */
    static void apply(Theme theme, BooleanSupplier systemPrefersDark) {
        Application.setUserAgentStylesheet(isDark(theme, systemPrefersDark)
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }
}
