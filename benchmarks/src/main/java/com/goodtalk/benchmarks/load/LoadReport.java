package com.goodtalk.benchmarks.load;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Prints the results of a load run as Markdown tables, ready to paste into the benchmark
 * records, and decides whether the run passed: no reply with a 5xx status, no connection error
 * and no reply that failed the client's checks.
 */
final class LoadReport {

    private static final double MIB = 1024.0 * 1024.0;

    private final PrintWriter out;

    LoadReport(PrintWriter out) {
        this.out = out;
    }

    /** Prints one phase: throughput, latency percentiles and replies by status. */
    void printPhase(String name, LoadDriver.PhaseResult result) {
        LoadStats stats = result.stats();
        out.printf(Locale.ROOT, "%n### %s%n%n", name);
        out.println("| requests sent | replies | elapsed | throughput | stopped by |");
        out.println("|---:|---:|---:|---:|---|");
        out.printf(Locale.ROOT, "| %d | %d | %.2f s | %.0f replies/s | %s |%n", result.sentRequests(),
                stats.replyCount(), result.elapsed().toNanos() / 1e9, result.throughput(),
                result.timeLimitReached() ? "time limit" : "request count");

        out.printf(Locale.ROOT, "%nLatency from sending the request to reading the whole reply, in ms:%n%n");
        out.println("| request | count | p50 | p95 | p99 | max |");
        out.println("|---|---:|---:|---:|---:|---:|");
        for (RequestKind kind : RequestKind.values()) {
            printLatencyRow(kind.label(), stats.latencies(kind));
        }
        printLatencyRow("all", stats.allLatencies());

        out.printf(Locale.ROOT, "%nReplies:%n%n");
        out.println("| request | HTTP status | outcome | count |");
        out.println("|---|---:|---|---:|");
        stats.replies().forEach((key, count) -> out.printf(Locale.ROOT, "| %s | %d | %s | %d |%n",
                key.kind().label(), key.httpStatus(), key.outcome(), count));
        printCounts("Connection errors", stats.connectionErrors());
        printCounts("Replies that failed the client's checks", stats.invalidReplies());
    }

    /**
     * Prints the CPU time each thread role used during the measured phase, how many cores that
     * kept busy on average, and the CPU time per reply.
     */
    void printCpu(Map<String, Long> cpuNanosByRole, LoadDriver.PhaseResult result) {
        double elapsedNanos = result.elapsed().toNanos();
        long replies = Math.max(1, result.stats().replyCount());
        out.printf(Locale.ROOT, "%n### CPU time during the measured phase%n%n");
        out.println("| threads | CPU time | cores busy on average | CPU per reply |");
        out.println("|---|---:|---:|---:|");
        cpuNanosByRole.forEach((role, nanos) -> out.printf(Locale.ROOT, "| %s | %.2f s | %.2f | %.0f µs |%n", role,
                nanos / 1e9, nanos / elapsedNanos, nanos / 1e3 / replies));
    }

    /** Prints the heap at each moment and the collections between moments. */
    void printMemory(List<MemorySnapshot> snapshots) {
        out.printf(Locale.ROOT, "%n### Heap of the JVM that runs the server and the clients%n%n");
        out.println("| moment | used | committed | max | collections since previous row | GC time since previous row |");
        out.println("|---|---:|---:|---:|---:|---:|");
        MemorySnapshot previous = null;
        for (MemorySnapshot snapshot : snapshots) {
            String collections = previous == null ? "-" : Long.toString(snapshot.gcCount() - previous.gcCount());
            String gcTime = previous == null ? "-" : (snapshot.gcMillis() - previous.gcMillis()) + " ms";
            out.printf(Locale.ROOT, "| %s | %.1f MiB | %.1f MiB | %s | %s | %s |%n", snapshot.label(),
                    snapshot.usedBytes() / MIB, snapshot.committedBytes() / MIB,
                    snapshot.maxBytes() < 0 ? "none" : String.format(Locale.ROOT, "%.0f MiB", snapshot.maxBytes() / MIB),
                    collections, gcTime);
            previous = snapshot;
        }
    }

    /**
     * Prints the verdict of the measured phase and returns the reasons it failed, empty if it passed.
     * Unexpected but well-formed replies, such as {@code rate_limited}, are listed without failing.
     */
    List<String> printVerdict(LoadDriver.PhaseResult result) {
        LoadStats stats = result.stats();
        List<String> failures = new ArrayList<>();
        if (stats.serverErrorCount() > 0) {
            failures.add(stats.serverErrorCount() + " replies with a 5xx status");
        }
        if (stats.connectionErrorCount() > 0) {
            failures.add(stats.connectionErrorCount() + " connection errors");
        }
        if (stats.invalidReplyCount() > 0) {
            failures.add(stats.invalidReplyCount() + " replies that failed the client's checks");
        }
        long unexpected = stats.replies().entrySet().stream()
                .filter(entry -> !isExpected(entry.getKey()))
                .mapToLong(Map.Entry::getValue).sum();

        out.println();
        if (unexpected > 0) {
            out.printf(Locale.ROOT, "NOTE: %d replies were not the success a well-behaved client expects; see the"
                    + " replies table.%n", unexpected);
        }
        out.println(failures.isEmpty() ? "PASSED: no 5xx, no connection error, every reply passed the client's checks."
                : "FAILED: " + String.join(", ", failures) + ".");
        out.flush();
        return failures;
    }

    private static boolean isExpected(LoadStats.ReplyKey key) {
        String expected = switch (key.kind()) {
            case V2_ACTIVATE -> "activated";
            case V2_VALIDATE -> "valid";
            case V1_AUTHENTICATE -> "ok";
        };
        return key.httpStatus() == 200 && key.outcome().equals(expected);
    }

    private void printLatencyRow(String label, Histogram micros) {
        if (micros.getTotalCount() == 0) {
            out.printf(Locale.ROOT, "| %s | 0 | - | - | - | - |%n", label);
            return;
        }
        out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f |%n", label, micros.getTotalCount(),
                millis(micros.getValueAtPercentile(50)), millis(micros.getValueAtPercentile(95)),
                millis(micros.getValueAtPercentile(99)), millis(micros.getMaxValue()));
    }

    private void printCounts(String title, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            out.printf(Locale.ROOT, "%n%s: none.%n", title);
            return;
        }
        out.printf(Locale.ROOT, "%n%s:%n%n| what | count |%n|---|---:|%n", title);
        counts.forEach((what, count) -> out.printf(Locale.ROOT, "| %s | %d |%n", what, count));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
