package com.goodtalk.benchmarks.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time used so far by this JVM's threads, summed by role (server I/O threads, server
 * workers, load clients, the HTTP client's threads, the rest), and by the whole process. Two
 * snapshots give where the CPU went during a phase. Threads that end between the snapshots
 * drop out of their role's sum (the load driver's threads report their own instead), and GC
 * and JIT compiler threads appear only in the process total.
 */
final class CpuSnapshot {

    /** The key of the whole process's CPU time in {@link #since}. */
    static final String PROCESS = "whole process";

    /** The role of the load driver's threads, which end with their phase and report their own CPU time. */
    static final String LOAD_CLIENTS = "load client threads";

    private final Map<String, Long> nanosByRole;
    private final long processNanos;

    private CpuSnapshot(Map<String, Long> nanosByRole, long processNanos) {
        this.nanosByRole = nanosByRole;
        this.processNanos = processNanos;
    }

    /** Reads the CPU time of every live thread and of the process now. */
    static CpuSnapshot now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byRole = new TreeMap<>();
        if (threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled()) {
            for (long id : threads.getAllThreadIds()) {
                ThreadInfo info = threads.getThreadInfo(id);
                long nanos = threads.getThreadCpuTime(id);
                if (info != null && nanos >= 0) {
                    byRole.merge(role(info.getThreadName()), nanos, Long::sum);
                }
            }
        }
        return new CpuSnapshot(byRole, processCpuNanos());
    }

    /**
     * Returns the CPU time per role between {@code earlier} and this snapshot, with the process
     * total under {@link #PROCESS}.
     */
    Map<String, Long> since(CpuSnapshot earlier) {
        Map<String, Long> delta = new TreeMap<>();
        nanosByRole.forEach((role, nanos) -> delta.put(role, nanos - earlier.nanosByRole.getOrDefault(role, 0L)));
        if (processNanos >= 0 && earlier.processNanos >= 0) {
            delta.put(PROCESS, processNanos - earlier.processNanos);
        }
        return delta;
    }

    private static String role(String threadName) {
        if (threadName.startsWith("XNIO-") && threadName.contains(" I/O-")) {
            return "server I/O threads";
        }
        if (threadName.startsWith("XNIO-") && threadName.contains(" task-")) {
            return "server worker threads";
        }
        if (threadName.startsWith("load-client-")) {
            return LOAD_CLIENTS;
        }
        if (threadName.startsWith("HttpClient-")) {
            return "java.net.http threads";
        }
        return "other threads";
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
