package com.goodtalk.installer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A virtual X display for a build step that opens a window, started on a free display number
 * and stopped through its process handle on {@link #close()}.
 */
final class Xvfb implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final String display;

    private Xvfb(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    /**
     * Starts Xvfb with its output in {@code work/xvfb.log} and waits until it is ready.
     *
     * @throws InstallerBuildException if Xvfb is not installed or does not start
     */
    static Xvfb start(Path work) throws IOException, InterruptedException {
        Path log = work.resolve("xvfb.log");
        Path displayFile = work.resolve("xvfb.display");
        // -displayfd 1: Xvfb picks a free display number and prints it on stdout once it accepts clients.
        ProcessBuilder builder = new ProcessBuilder(List.of("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24",
                "-nolisten", "tcp"))
                .redirectOutput(displayFile.toFile())
                .redirectError(log.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new InstallerBuildException("Could not start Xvfb, which the CDS training run of the desktop app"
                    + " needs: " + e.getMessage() + ". Install it (Debian package xvfb).", e);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        try {
            while (true) {
                String output = Files.readString(displayFile, StandardCharsets.UTF_8);
                if (output.endsWith("\n") && output.strip().matches("\\d+")) {
                    return new Xvfb(process, ":" + output.strip());
                }
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new InstallerBuildException("Xvfb did not start within " + START_TIMEOUT.toSeconds()
                            + " s. Its output (" + log + "):\n" + Files.readString(log, StandardCharsets.UTF_8));
                }
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            CdsArchive.stop(process);
            throw e;
        }
    }

    /** Returns the display name for the {@code DISPLAY} variable, such as {@code :99}. */
    String display() {
        return display;
    }

    @Override
    public void close() throws InterruptedException {
        CdsArchive.stop(process);
    }
}
