package com.goodtalk.installer.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds programs on the PATH, so that a test can skip with a message when a tool is absent. */
public final class Executables {

    private Executables() {
    }

    /** Tells whether {@code program} is an executable file in a directory on the PATH. */
    public static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }
}
