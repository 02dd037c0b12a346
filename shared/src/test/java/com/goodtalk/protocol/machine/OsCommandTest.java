package com.goodtalk.protocol.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs real processes through /bin/sh, so it needs a POSIX system. */
class OsCommandTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @BeforeAll
    static void requirePosixShell() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "these tests run commands through /bin/sh");
    }

    @Test
    void outputOfCommandReturned() throws Exception {
        String output = shell("printf 'line one\\nline two\\n'").run();

        assertThat(output).isEqualTo("line one\nline two\n");
    }

    @Test
    void standardErrorIncluded() throws Exception {
        String output = shell("printf 'to stderr' >&2").run();

        assertThat(output).isEqualTo("to stderr");
    }

    @Test
    void nonZeroExitReportedWithFirstLine() {
        assertThatThrownBy(() -> shell("printf '\\nERROR: value not found\\nmore\\n'; exit 1").run())
                .isInstanceOf(MachineIdUnavailableException.class)
                .hasMessageContaining("failed with exit status 1: ERROR: value not found")
                .hasMessageContaining("/bin/sh -c");
    }

    @Test
    void missingProgramReported() {
        OsCommand command = new OsCommand(List.of("/nonexistent/goodtalk-no-such-program", "-x"), TIMEOUT);

        assertThatThrownBy(command::run)
                .isInstanceOf(MachineIdUnavailableException.class)
                .hasMessageContaining("cannot run '/nonexistent/goodtalk-no-such-program -x'");
    }

    @Test
    void hangingCommandStoppedAfterTimeout() {
        OsCommand command = new OsCommand(List.of("/bin/sh", "-c", "exec sleep 60"), Duration.ofMillis(200));

        assertThatThrownBy(command::run)
                .isInstanceOf(MachineIdUnavailableException.class)
                .hasMessageContaining("timed out after 200 ms and was stopped");
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(child -> child.info().commandLine().orElse("").contains("sleep 60")))
                .as("sleep process left running").isEmpty();
    }

    @Test
    void excessiveOutputRejected() {
        String command = "head -c " + (OsCommand.MAX_OUTPUT_BYTES + 10) + " /dev/zero";

        assertThatThrownBy(() -> shell(command).run())
                .isInstanceOf(MachineIdUnavailableException.class)
                .hasMessageContaining("printed more than " + OsCommand.MAX_OUTPUT_BYTES + " bytes");
    }

    @Test
    void invalidArgumentsRejected() {
        assertThatThrownBy(() -> new OsCommand(List.of(), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OsCommand(List.of("true"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got PT0S");
    }

    @Test
    void firstLineSkipsBlankLinesAndShortens() {
        assertThat(OsCommand.firstLine("\n\n  first  \nsecond")).isEqualTo("first");
        assertThat(OsCommand.firstLine("")).isEqualTo("(no output)");
        assertThat(OsCommand.firstLine("x".repeat(300))).hasSize(203).endsWith("...");
    }

    static OsCommand shell(String script) {
        return new OsCommand(List.of("/bin/sh", "-c", script), TIMEOUT);
    }
}
