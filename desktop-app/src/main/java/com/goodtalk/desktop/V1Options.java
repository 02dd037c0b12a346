package com.goodtalk.desktop;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The command-line option of protocol v1, shared by the window and {@code activate} as a picocli
 * mixin. A file given before the subcommand applies when the subcommand does not repeat it.
 */
final class V1Options {

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "A file that contains the v1 secret; line breaks at its end are ignored. Without it"
                    + " the secret comes from " + SecretSource.ENV_VARIABLE + ", or else the public demo secret is"
                    + " used with a warning.")
    private Path secretFile;

    private V1Options outer;

    /** Makes the file fall back to the one in {@code outer}, the main command's, when none is given here. */
    V1Options fallBackTo(V1Options outer) {
        this.outer = outer;
        return this;
    }

    /** Returns the secret file, or null if none was given. */
    Path secretFile() {
        return secretFile != null || outer == null ? secretFile : outer.secretFile();
    }
}
