package com.goodtalk.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Runs small, bounded load runs against a real server on 127.0.0.1. */
class LoadRunTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void driverSendsMixAndAllSucceed() throws Exception {
        try (LoadTarget target = LoadTarget.start(InetAddress.getByName("127.0.0.1"), LoadTarget.seatsNeeded(2))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<LoadClient> clients = List.of(new LoadClient(http, target, 0, TIMEOUT),
                    new LoadClient(http, target, 1, TIMEOUT));
            LoadRun.claimSeats(clients);

            LoadDriver.PhaseResult result = new LoadDriver(clients, TIMEOUT).run(50, Duration.ofSeconds(60));

            LoadStats stats = result.stats();
            assertThat(result.sentRequests()).isEqualTo(50);
            assertThat(result.timeLimitReached()).isFalse();
            assertThat(stats.replyCount()).isEqualTo(50);
            assertThat(stats.connectionErrors()).isEmpty();
            assertThat(stats.invalidReplies()).isEmpty();
            Map<LoadStats.ReplyKey, Long> replies = stats.replies();
            long activated = replies.getOrDefault(new LoadStats.ReplyKey(RequestKind.V2_ACTIVATE, 200, "activated"), 0L);
            long valid = replies.getOrDefault(new LoadStats.ReplyKey(RequestKind.V2_VALIDATE, 200, "valid"), 0L);
            long v1 = replies.getOrDefault(new LoadStats.ReplyKey(RequestKind.V1_AUTHENTICATE, 200, "ok"), 0L);
            assertThat(activated + valid + v1).isEqualTo(50);
            assertThat(v1).isBetween(8L, 12L);
            assertThat(stats.allLatencies().getTotalCount()).isEqualTo(50);
            assertThat(result.clientCpuNanos()).isPositive();
        }
    }

    @Test
    void timeLimitEndsPhaseBeforeCount() throws Exception {
        try (LoadTarget target = LoadTarget.start(InetAddress.getByName("127.0.0.1"), 1)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<LoadClient> clients = List.of(new LoadClient(http, target, 0, TIMEOUT));
            LoadRun.claimSeats(clients);

            LoadDriver.PhaseResult result = new LoadDriver(clients, TIMEOUT).run(10_000_000, Duration.ofSeconds(1));

            assertThat(result.timeLimitReached()).isTrue();
            assertThat(result.sentRequests()).isLessThan(10_000_000).isEqualTo(result.stats().replyCount());
            assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(1).plus(TIMEOUT));
        }
    }

    @Test
    void closeDeletesDataDirectory() throws Exception {
        LoadTarget target = LoadTarget.start(InetAddress.getByName("127.0.0.1"), 1);
        Path directory = target.dataDirectory();
        assertThat(directory).isDirectory();

        target.close();

        assertThat(directory).doesNotExist();
    }

    @Test
    void commandLineRunPasses() {
        StringWriter out = new StringWriter();
        int exitCode = run(out, new StringWriter(), "--requests", "30", "--warmup", "10", "--threads", "2",
                "--seconds", "60");

        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .contains("### Measured phase")
                .contains("| v2 activate |")
                .contains("| v1 authenticate | 200 | ok |")
                .contains("after the measured phase (after GC)")
                .contains("| server worker threads |")
                .contains("| load client threads |")
                .contains("PASSED");
    }

    @Test
    void nonLoopbackHostRejected() {
        StringWriter err = new StringWriter();
        int exitCode = run(new StringWriter(), err, "--host", "192.0.2.10");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Invalid --host").contains("\"192.0.2.10\"").contains("loopback");
    }

    @Test
    void zeroRequestsRejected() {
        StringWriter err = new StringWriter();
        int exitCode = run(new StringWriter(), err, "--requests", "0");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Invalid --requests 0").contains("from 1 to 10000000");
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new LoadRun());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
