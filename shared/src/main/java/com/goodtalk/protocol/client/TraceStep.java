package com.goodtalk.protocol.client;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a verification trace.
 *
 * @param id      a stable identifier from {@link StepId}
 * @param title   a short human-readable name of the check
 * @param outcome whether the check passed, failed or was skipped
 * @param summary one line that says what the step found, in plain words
 * @param values  the values the step looked at, by name, in the order they were recorded
 * @param elapsed how long the step took
 */
public record TraceStep(String id, String title, StepOutcome outcome, String summary, Map<String, String> values,
                        Duration elapsed) {

    public TraceStep {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(elapsed, "elapsed");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Tells whether this step failed. */
    public boolean failed() {
        return outcome == StepOutcome.FAILED;
    }
}
