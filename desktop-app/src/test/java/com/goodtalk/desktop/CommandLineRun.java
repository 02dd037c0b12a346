package com.goodtalk.desktop;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The exit code and the captured output of one in-process run of {@link Main}.
 *
 * @param exitCode the code {@link Main#run} returned
 * @param out      what it printed to standard output
 * @param err      what it printed to standard error
 */
record CommandLineRun(int exitCode, String out, String err) {

    /** Runs {@link Main} with {@code args} and the given environment, capturing both streams. */
    static CommandLineRun of(Map<String, String> environment, String... args) {
        return of(ClientSetup.of(environment), args);
    }

    /** Runs {@link Main} with {@code args} and the given setup, for a test that replaces the machine id. */
    static CommandLineRun of(ClientSetup setup, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = Main.run(args, outStream, errStream, setup);
        }
        return new CommandLineRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@link Main} with {@code args} and an empty environment. */
    static CommandLineRun of(String... args) {
        return of(Map.of(), args);
    }
}
