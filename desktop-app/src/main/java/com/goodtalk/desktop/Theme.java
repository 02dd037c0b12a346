package com.goodtalk.desktop;

import java.util.Locale;

/** The window's colour themes. */
public enum Theme {
    /** Follow the operating system's light or dark setting, light when it cannot be read. */
    SYSTEM("Follow the system"),
    /** Always light. */
    LIGHT("Light"),
    /** Always dark. */
    DARK("Dark");

    private final String label;

    Theme(String label) {
        this.label = label;
    }

    /** Returns the name shown in the settings. */
    public String label() {
        return label;
    }

    /** Returns the word stored in the settings file, such as {@code dark}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the theme stored as {@code word}.
     *
     * @throws IllegalArgumentException if no theme has that word
     */
    public static Theme ofWord(String word) {
        for (Theme theme : values()) {
            if (theme.word().equals(word)) {
                return theme;
            }
        }
        throw new IllegalArgumentException("Unknown theme '" + word + "'; use system, light or dark.");
    }
}
