package com.goodtalk.benchmarks.load;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * The heap of this JVM at one moment, read through {@link java.lang.management.MemoryMXBean},
 * with the collectors' running totals. The server and the load clients share the JVM, so the
 * figures include the clients' objects. After a collection only a few of them remain, such as
 * the latency histograms and the HTTP client's connections.
 *
 * @param label            what the moment was, for the report
 * @param usedBytes        heap in use
 * @param committedBytes   heap the JVM holds from the operating system
 * @param maxBytes         the heap limit, or -1 if none is set
 * @param gcCount          collections since the JVM started, all collectors together
 * @param gcMillis         time spent in those collections
 */
record MemorySnapshot(String label, long usedBytes, long committedBytes, long maxBytes, long gcCount, long gcMillis) {

    /** Reads the heap as it is now. */
    static MemorySnapshot now(String label) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new MemorySnapshot(label, heap.getUsed(), heap.getCommitted(), heap.getMax(), count, millis);
    }

    /**
     * Requests a full collection and then reads the heap, so the figure shows the objects still
     * reachable, such as the replay caches' entries. The collections this causes are counted too.
     */
    static MemorySnapshot afterCollection(String label) {
        ManagementFactory.getMemoryMXBean().gc();
        return now(label);
    }
}
