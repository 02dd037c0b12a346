package com.goodtalk.server.tamper.v2;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the state of the server's Undertow threads in this JVM. XNIO names them
 * {@code XNIO-<n> task-<m>} for workers, {@code XNIO-<n> I/O-<m>} for I/O threads and
 * {@code XNIO-<n> Accept} for the acceptor. An idle worker parks while it waits for a task, so
 * a worker that stays {@code RUNNABLE} or {@code BLOCKED} is still handling a request.
 */
final class ServerThreads {

    private static final String PREFIX = "XNIO-";
    private static final String WORKER_MARK = " task-";

    private ServerThreads() {
    }

    /** Returns the name and state of every XNIO thread, by name. */
    static Map<String, Thread.State> snapshot() {
        Map<String, Thread.State> threads = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(PREFIX)) {
                threads.put(thread.getName(), thread.getState());
            }
        }
        return threads;
    }

    /** Returns the names of worker threads that are running or blocked rather than waiting for work. */
    static List<String> busyWorkers() {
        return snapshot().entrySet().stream()
                .filter(thread -> thread.getKey().contains(WORKER_MARK))
                .filter(thread -> thread.getValue() == Thread.State.RUNNABLE || thread.getValue() == Thread.State.BLOCKED)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Returns the names of the I/O and acceptor threads in {@code threads}, whose number is fixed at start. */
    static List<String> nonWorkers(Map<String, Thread.State> threads) {
        return threads.keySet().stream().filter(name -> !name.contains(WORKER_MARK)).toList();
    }

    /** Returns how many threads of {@code threads} are in each state. */
    static Map<Thread.State, Integer> countByState(Map<String, Thread.State> threads) {
        Map<Thread.State, Integer> counts = new EnumMap<>(Thread.State.class);
        threads.values().forEach(state -> counts.merge(state, 1, Integer::sum));
        return counts;
    }
}
