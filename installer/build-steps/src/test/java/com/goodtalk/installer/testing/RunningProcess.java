package com.goodtalk.installer.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A process that a test started, with its stdout and stderr in files, stopped by its process
 * handle when the test closes it.
 *
 * <p>{@link #close()} stops the process and its descendants: first politely (SIGTERM), then, if
 * it is still running after {@link #STOP_GRACE}, forcibly. Use it in try-with-resources or close
 * it in {@code @AfterEach}, so that a failing test leaves no process behind.
 */
public final class RunningProcess implements AutoCloseable {

    /** How long a process may take to exit after SIGTERM before it is killed. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path stdoutFile;
    private final Path stderrFile;

    private RunningProcess(String name, Process process, Path stdoutFile, Path stderrFile) {
        this.name = name;
        this.process = process;
        this.stdoutFile = stdoutFile;
        this.stderrFile = stderrFile;
    }

    /**
     * Starts {@code builder}'s command with stdout and stderr going to {@code NAME.out} and
     * {@code NAME.err} in {@code logDirectory}, and with no standard input.
     */
    public static RunningProcess start(String name, ProcessBuilder builder, Path logDirectory) throws IOException {
        Files.createDirectories(logDirectory);
        Path stdout = logDirectory.resolve(name + ".out");
        Path stderr = logDirectory.resolve(name + ".err");
        builder.redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice().toFile()));
        return new RunningProcess(name, builder.start(), stdout, stderr);
    }

    /** Returns the process handle. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Tells whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Returns everything the process wrote to stdout so far. */
    public String stdout() {
        return read(stdoutFile);
    }

    /** Returns everything the process wrote to stderr so far. */
    public String stderr() {
        return read(stderrFile);
    }

    /**
     * Waits until a stdout line matches {@code pattern} and returns the match.
     *
     * @throws AssertionError if the process exits first or no line matches within {@code timeout};
     *                        the message contains both outputs
     */
    public Matcher awaitStdoutLine(Pattern pattern, Duration timeout) {
        try {
            await(name + " prints a line matching " + pattern)
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .failFast(name + " exited before printing it",
                            () -> !process.isAlive() && findLine(pattern).isEmpty())
                    .until(() -> findLine(pattern).isPresent());
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + " (exit code " + exitCodeText() + "). " + outputs(), e);
        }
        return findLine(pattern).orElseThrow();
    }

    /**
     * Waits for the process to exit and returns its exit code.
     *
     * @throws AssertionError if it is still running after {@code timeout} (it is stopped then)
     */
    public int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError(name + " did not exit within " + timeout + ". " + outputs());
        }
        return process.exitValue();
    }

    /** Returns both outputs, labelled, for failure messages. */
    public String outputs() {
        return "stdout of " + name + ":\n" + stdout() + "\nstderr of " + name + ":\n" + stderr();
    }

    /** Stops the process and its descendants, politely first. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private Optional<Matcher> findLine(Pattern pattern) {
        return stdout().lines()
                .map(pattern::matcher)
                .filter(Matcher::matches)
                .findFirst();
    }

    private String exitCodeText() {
        return process.isAlive() ? "(still running)" : String.valueOf(process.exitValue());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path nullDevice() {
        return Path.of(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
