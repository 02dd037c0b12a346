package com.goodtalk.installer.desktop;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** Reads screenshots to tell an empty screen from one with a window on it. */
final class Screenshots {

    /**
     * The minimum number of distinct colours that counts as a drawn window. An empty Xvfb
     * screen has one colour, and the GoodTalk window, with anti-aliased text, has thousands.
     */
    static final int MIN_COLOURS_OF_WINDOW = 16;

    private Screenshots() {
    }

    /**
     * Counts the distinct RGB colours in the PNG {@code file}, stopping at
     * {@link #MIN_COLOURS_OF_WINDOW}.
     *
     * @throws IOException if the file is not a readable image
     */
    static int distinctColours(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException(file + " is not an image that ImageIO can read");
        }
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
                if (colours.size() >= MIN_COLOURS_OF_WINDOW) {
                    return colours.size();
                }
            }
        }
        return colours.size();
    }
}
