package com.goodtalk.protocol.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects steps while an activation runs; one recorder serves one attempt on one thread. */
final class TraceRecorder {

    private final String protocol;
    private final URI server;
    private final Instant startedAt;
    private final List<TraceStep> steps = new ArrayList<>();
    private long stepStartedNanos = System.nanoTime();

    TraceRecorder(String protocol, URI server, Clock clock) {
        this.protocol = protocol;
        this.server = server;
        this.startedAt = clock.instant();
    }

    /** Marks the start of the next step, so its elapsed time excludes earlier work. */
    void startStep() {
        stepStartedNanos = System.nanoTime();
    }

    void passed(String id, String title, String summary, Map<String, String> values) {
        record(id, title, StepOutcome.PASSED, summary, values);
    }

    void failed(String id, String title, String summary, Map<String, String> values) {
        record(id, title, StepOutcome.FAILED, summary, values);
    }

    void skipped(String id, String title, String summary) {
        steps.add(new TraceStep(id, title, StepOutcome.SKIPPED, summary, Map.of(), Duration.ZERO));
    }

    VerificationTrace finish(Verdict verdict) {
        return new VerificationTrace(protocol, server, startedAt, steps, verdict);
    }

    private void record(String id, String title, StepOutcome outcome, String summary, Map<String, String> values) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - stepStartedNanos);
        steps.add(new TraceStep(id, title, outcome, summary, values, elapsed));
        startStep();
    }

    /** Returns an ordered map built from name-value pairs, for step values. */
    static Map<String, String> values(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("values() takes name-value pairs, got an odd count");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return values;
    }
}
