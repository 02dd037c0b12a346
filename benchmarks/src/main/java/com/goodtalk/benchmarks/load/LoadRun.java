package com.goodtalk.benchmarks.load;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The load run: starts a license server in this JVM on a loopback address, claims a seat for
 * each client thread, sends a warm-up phase and then a measured phase of v2 activations, v2
 * validations and v1 authentications, and prints throughput, latency percentiles, replies by
 * status, connection errors and the heap. Both phases are bounded by a request count and by a
 * time limit, whichever comes first.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar com.goodtalk.benchmarks.load.LoadRun --threads 4 --requests 20000 --seconds 60
 * }</pre>
 *
 * <p>Exit codes: 0 when the measured phase had no 5xx reply, no connection error and no reply
 * that failed the client's checks; 1 otherwise; 2 for invalid options.
 */
@Command(
        name = "load-run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Starts a license server in this process on a loopback address and sends it a bounded"
                + " mix of v2 and v1 requests from several threads.")
public final class LoadRun implements Callable<Integer> {

    static final int EXIT_FAILED = 1;

    private static final long MAX_REQUESTS = 10_000_000;
    private static final int MAX_SECONDS = 3600;
    private static final int MAX_THREADS = 256;

    @Spec
    private CommandSpec spec;

    @Option(names = "--requests", defaultValue = "20000",
            description = "Measured requests to send, 1 to 10000000 (default: ${DEFAULT-VALUE}).")
    private long requests;

    @Option(names = "--seconds", defaultValue = "60",
            description = "Time limit of each phase in seconds, 1 to 3600 (default: ${DEFAULT-VALUE}). A phase ends"
                    + " at its request count or its time limit, whichever comes first.")
    private int seconds;

    @Option(names = "--threads", defaultValue = "4",
            description = "Client threads, each a machine of its own, 1 to 256 (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--warmup", defaultValue = "2000",
            description = "Requests sent before the measured phase and left out of the results, 0 to 10000000"
                    + " (default: ${DEFAULT-VALUE}).")
    private long warmup;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Loopback IP address the server listens on and the clients send to; other addresses"
                    + " and host names are rejected (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--timeout-seconds", defaultValue = "10",
            description = "Timeout of one request in seconds, 1 to 300 (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    /** Runs the load run with command-line arguments and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadRun()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        InetAddress address = checkOptions();
        PrintWriter out = spec.commandLine().getOut();
        Duration timeLimit = Duration.ofSeconds(seconds);
        Duration timeout = Duration.ofSeconds(timeoutSeconds);

        out.printf(Locale.ROOT, "## Load run%n%n%d client threads; warm-up %d requests, then %d measured requests;"
                        + " each phase stops after %d s at the latest; request timeout %d s.%n"
                        + "Mix per thread: 2 v2 activate, 2 v2 validate, 1 v1 authenticate in every 5 requests.%n"
                        + "System load average before the run: %s.%n",
                threads, warmup, requests, seconds, timeoutSeconds, loadAverage());

        List<MemorySnapshot> memory = new ArrayList<>();
        List<String> failures;
        try (LoadTarget target = LoadTarget.start(address, LoadTarget.seatsNeeded(threads))) {
            out.printf(Locale.ROOT, "Server: %s (in this JVM, %d processors available).%n", target.baseUri(),
                    Runtime.getRuntime().availableProcessors());
            memory.add(MemorySnapshot.afterCollection("after the server started (after GC)"));

            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            List<LoadClient> clients = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                clients.add(new LoadClient(http, target, i, timeout));
            }
            claimSeats(clients);

            LoadReport report = new LoadReport(out);
            LoadDriver driver = new LoadDriver(clients, timeout);
            if (warmup > 0) {
                report.printPhase("Warm-up (not part of the results)", driver.run(warmup, timeLimit));
            }
            memory.add(MemorySnapshot.afterCollection("before the measured phase (after GC)"));
            CpuSnapshot cpuBefore = CpuSnapshot.now();
            LoadDriver.PhaseResult measured = driver.run(requests, timeLimit);
            Map<String, Long> cpu = CpuSnapshot.now().since(cpuBefore);
            if (measured.clientCpuNanos() >= 0) {
                cpu.put(CpuSnapshot.LOAD_CLIENTS, measured.clientCpuNanos());
            }
            memory.add(MemorySnapshot.now("after the measured phase"));
            memory.add(MemorySnapshot.afterCollection("after the measured phase (after GC)"));

            report.printPhase("Measured phase", measured);
            report.printCpu(cpu, measured);
            report.printMemory(memory);
            out.printf(Locale.ROOT, "%nSystem load average after the run: %s.%n", loadAverage());
            failures = report.printVerdict(measured);
        }
        return failures.isEmpty() ? CommandLine.ExitCode.OK : EXIT_FAILED;
    }

    private InetAddress checkOptions() {
        requireRange("--requests", requests, 1, MAX_REQUESTS);
        requireRange("--seconds", seconds, 1, MAX_SECONDS);
        requireRange("--threads", threads, 1, MAX_THREADS);
        requireRange("--warmup", warmup, 0, MAX_REQUESTS);
        requireRange("--timeout-seconds", timeoutSeconds, 1, 300);
        try {
            return LoopbackAddress.require(host);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid --host: " + e.getMessage());
        }
    }

    private void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), "Invalid " + option + " " + value + ": use a number"
                    + " from " + min + " to " + max + ".");
        }
    }

    /** Sends each client's first activation, so that its validations find a seat. */
    static void claimSeats(List<LoadClient> clients) {
        for (int i = 0; i < clients.size(); i++) {
            ExchangeResult result = clients.get(i).send(RequestKind.V2_ACTIVATE);
            if (result.httpStatus() != 200 || result.invalidReply() != null) {
                throw new IllegalStateException("Client thread " + i + " could not claim its seat: HTTP "
                        + result.httpStatus() + ", " + result.outcome()
                        + (result.invalidReply() == null ? "" : ", " + result.invalidReply())
                        + ". The server must activate every client before the run can measure anything.");
            }
        }
    }

    private static String loadAverage() {
        double average = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return average < 0 ? "not available" : String.format(Locale.ROOT, "%.2f (1-minute)", average);
    }
}
