package com.goodtalk.protocol.machine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an operating system command with a timeout and returns what it printed.
 *
 * <p>The output is read on a separate thread, so a command that prints a lot cannot block
 * on a full pipe, and a command that hangs is killed when the timeout expires.
 */
final class OsCommand {

    /** The maximum output kept; {@code ioreg} and {@code reg} print a few kilobytes. */
    static final int MAX_OUTPUT_BYTES = 1 << 20;

    private final List<String> command;
    private final Duration timeout;

    OsCommand(List<String> command, Duration timeout) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must not be empty");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    /** Returns the command line for messages, such as {@code ioreg -rd1 -c IOPlatformExpertDevice}. */
    String commandLine() {
        return String.join(" ", command);
    }

    /**
     * Runs the command and returns its standard output and standard error, decoded as
     * ISO-8859-1 so that no byte is rejected.
     *
     * @throws MachineIdUnavailableException if the command cannot start, times out, exits with
     *         a status other than 0, or prints more than {@link #MAX_OUTPUT_BYTES}
     */
    String run() throws MachineIdUnavailableException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new MachineIdUnavailableException("cannot run '" + commandLine() + "': " + e.getMessage(), e);
        }

        FutureTask<byte[]> output = new FutureTask<>(() -> readBounded(process.getInputStream()));
        Thread reader = new Thread(output, "machine-id-command-output");
        reader.setDaemon(true);
        reader.start();

        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new MachineIdUnavailableException("'" + commandLine() + "' timed out after "
                        + timeout.toMillis() + " ms and was stopped");
            }
            // The process has exited, so its output ends unless a child process still keeps it open.
            String text = new String(output.get(timeout.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.ISO_8859_1);
            if (process.exitValue() != 0) {
                throw new MachineIdUnavailableException("'" + commandLine() + "' failed with exit status "
                        + process.exitValue() + ": " + firstLine(text));
            }
            return text;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new MachineIdUnavailableException("interrupted while running '" + commandLine() + "'", e);
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw new MachineIdUnavailableException("cannot read the output of '" + commandLine() + "': "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new MachineIdUnavailableException("'" + commandLine() + "' exited but its output stayed open for "
                    + timeout.toMillis() + " ms", e);
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (kept.size() + read > MAX_OUTPUT_BYTES) {
                    throw new IOException("the command printed more than " + MAX_OUTPUT_BYTES + " bytes");
                }
                kept.write(buffer, 0, read);
            }
            return kept.toByteArray();
        }
    }

    /** Returns the first non-blank line, shortened, so an error message stays one line. */
    static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("(no output)").strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
