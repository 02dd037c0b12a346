package com.goodtalk.benchmarks.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The results one client thread recorded, merged into totals at the end: latency histograms per request
 * kind in microseconds, replies counted by kind, HTTP status and outcome, connection errors
 * and replies that failed the client's checks. Not thread-safe: each thread keeps its own.
 */
final class LoadStats {

    /** The maximum latency the histograms record: 10 minutes, twice the longest request timeout. */
    private static final long MAX_TRACKED_MICROS = TimeUnit.MINUTES.toMicros(10);

    private static final int SIGNIFICANT_DIGITS = 3;

    private final Map<RequestKind, Histogram> latencies = new EnumMap<>(RequestKind.class);
    private final Map<ReplyKey, Long> replies = new TreeMap<>();
    private final Map<String, Long> connectionErrors = new TreeMap<>();
    private final Map<String, Long> invalidReplies = new TreeMap<>();

    /** A row of the reply table. */
    record ReplyKey(RequestKind kind, int httpStatus, String outcome) implements Comparable<ReplyKey> {
        @Override
        public int compareTo(ReplyKey other) {
            int byKind = kind.compareTo(other.kind);
            if (byKind != 0) {
                return byKind;
            }
            int byStatus = Integer.compare(httpStatus, other.httpStatus);
            return byStatus != 0 ? byStatus : outcome.compareTo(other.outcome);
        }
    }

    LoadStats() {
        for (RequestKind kind : RequestKind.values()) {
            latencies.put(kind, new Histogram(MAX_TRACKED_MICROS, SIGNIFICANT_DIGITS));
        }
    }

    void record(ExchangeResult result) {
        if (result.isConnectionError()) {
            connectionErrors.merge(result.kind().label() + ": " + result.outcome(), 1L, Long::sum);
            return;
        }
        long micros = Math.min(MAX_TRACKED_MICROS, Math.max(1, TimeUnit.NANOSECONDS.toMicros(result.latencyNanos())));
        latencies.get(result.kind()).recordValue(micros);
        replies.merge(new ReplyKey(result.kind(), result.httpStatus(), result.outcome()), 1L, Long::sum);
        if (result.invalidReply() != null) {
            invalidReplies.merge(result.kind().label() + ": " + result.invalidReply(), 1L, Long::sum);
        }
    }

    void add(LoadStats other) {
        other.latencies.forEach((kind, histogram) -> latencies.get(kind).add(histogram));
        other.replies.forEach((key, count) -> replies.merge(key, count, Long::sum));
        other.connectionErrors.forEach((key, count) -> connectionErrors.merge(key, count, Long::sum));
        other.invalidReplies.forEach((key, count) -> invalidReplies.merge(key, count, Long::sum));
    }

    /** Returns the latencies of one kind, in microseconds. */
    Histogram latencies(RequestKind kind) {
        return latencies.get(kind);
    }

    /** Returns the latencies of every kind together, in microseconds. */
    Histogram allLatencies() {
        Histogram all = new Histogram(MAX_TRACKED_MICROS, SIGNIFICANT_DIGITS);
        latencies.values().forEach(all::add);
        return all;
    }

    Map<ReplyKey, Long> replies() {
        return replies;
    }

    Map<String, Long> connectionErrors() {
        return connectionErrors;
    }

    Map<String, Long> invalidReplies() {
        return invalidReplies;
    }

    /** Returns the number of requests that got a reply. */
    long replyCount() {
        return replies.values().stream().mapToLong(Long::longValue).sum();
    }

    long connectionErrorCount() {
        return connectionErrors.values().stream().mapToLong(Long::longValue).sum();
    }

    long invalidReplyCount() {
        return invalidReplies.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Returns the number of replies with an HTTP status of 500 or above. */
    long serverErrorCount() {
        return replies.entrySet().stream().filter(entry -> entry.getKey().httpStatus() >= 500)
                .mapToLong(Map.Entry::getValue).sum();
    }
}
