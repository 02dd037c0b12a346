package com.goodtalk.benchmarks.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one phase of the load run: one platform thread per {@link LoadClient}, each sending
 * requests back to back in the {@link RequestKind} rotation until the phase's request count is
 * used up or its time limit has passed, whichever comes first.
 */
final class LoadDriver {

    /** How long past the time limit and the request timeout a thread may take before it counts as stuck. */
    private static final Duration JOIN_MARGIN = Duration.ofSeconds(5);

    private final List<LoadClient> clients;
    private final Duration requestTimeout;

    LoadDriver(List<LoadClient> clients, Duration requestTimeout) {
        this.clients = List.copyOf(clients);
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (this.clients.isEmpty()) {
            throw new IllegalArgumentException("The load driver needs at least one client.");
        }
    }

    /**
     * The merged statistics of a phase, how long it took, and the CPU time its client threads
     * used (-1 if the JVM does not measure thread CPU time).
     */
    record PhaseResult(LoadStats stats, long sentRequests, Duration elapsed, boolean timeLimitReached,
                       long clientCpuNanos) {

        /** Returns the replies per second over the phase. */
        double throughput() {
            return stats.replyCount() / (elapsed.toNanos() / 1e9);
        }
    }

    /**
     * Runs a phase.
     *
     * @param maxRequests the number of requests after which the phase ends
     * @param timeLimit   the time after which no thread starts another request
     * @throws IllegalStateException if a client thread is still running long after the time limit
     */
    PhaseResult run(long maxRequests, Duration timeLimit) throws InterruptedException {
        AtomicLong tickets = new AtomicLong();
        AtomicLong clientCpuNanos = new AtomicLong();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        boolean cpuMeasured = cpu.isCurrentThreadCpuTimeSupported() && cpu.isThreadCpuTimeEnabled();
        long started = System.nanoTime();
        long deadline = started + timeLimit.toNanos();
        List<LoadStats> statsPerThread = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            LoadClient client = clients.get(i);
            LoadStats stats = new LoadStats();
            statsPerThread.add(stats);
            Thread thread = new Thread(() -> {
                long sent = 0;
                while (System.nanoTime() - deadline < 0 && tickets.getAndIncrement() < maxRequests) {
                    stats.record(client.send(RequestKind.forIndex(sent)));
                    sent++;
                }
                if (cpuMeasured) {
                    // The thread ends with the phase, so it reports its own CPU time before it goes.
                    clientCpuNanos.addAndGet(cpu.getCurrentThreadCpuTime());
                }
            }, "load-client-" + i);
            threads.add(thread);
            thread.start();
        }

        long joinDeadline = deadline + requestTimeout.toNanos() + JOIN_MARGIN.toNanos();
        for (Thread thread : threads) {
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(joinDeadline - System.nanoTime());
            thread.join(Math.max(1, remainingMillis));
            if (thread.isAlive()) {
                threads.forEach(Thread::interrupt);
                throw new IllegalStateException(thread.getName() + " was still sending " + JOIN_MARGIN.toSeconds()
                        + " s after the time limit and the request timeout; the server or the client hangs.");
            }
        }
        long elapsedNanos = System.nanoTime() - started;

        LoadStats total = new LoadStats();
        statsPerThread.forEach(total::add);
        long sent = Math.min(tickets.get(), maxRequests);
        return new PhaseResult(total, sent, Duration.ofNanos(elapsedNanos), sent < maxRequests,
                cpuMeasured ? clientCpuNanos.get() : -1);
    }
}
