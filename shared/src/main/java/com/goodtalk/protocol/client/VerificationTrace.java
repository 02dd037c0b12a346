package com.goodtalk.protocol.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ordered steps of one activation attempt and the verdict they led to.
 *
 * <p>A window and a command line render the same trace, so the user sees which check passed and
 * which one caught a problem.
 */
public final class VerificationTrace {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final String protocol;
    private final URI server;
    private final Instant startedAt;
    private final List<TraceStep> steps;
    private final Verdict verdict;

    /**
     * Creates a trace.
     *
     * @param protocol  the protocol name, such as {@code v1}
     * @param server    the server the request went to
     * @param startedAt when the attempt started
     * @param steps     the steps in the order they ran
     * @param verdict   the conclusion
     */
    public VerificationTrace(String protocol, URI server, Instant startedAt, List<TraceStep> steps, Verdict verdict) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.server = Objects.requireNonNull(server, "server");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        this.steps = List.copyOf(steps);
        this.verdict = Objects.requireNonNull(verdict, "verdict");
    }

    public String protocol() {
        return protocol;
    }

    public URI server() {
        return server;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public List<TraceStep> steps() {
        return steps;
    }

    public Verdict verdict() {
        return verdict;
    }

    /** Returns the step with {@code id}, if it ran or was recorded as skipped. */
    public Optional<TraceStep> step(String id) {
        return steps.stream().filter(step -> step.id().equals(id)).findFirst();
    }

    /** Returns the first failed step, if any. */
    public Optional<TraceStep> firstFailedStep() {
        return steps.stream().filter(TraceStep::failed).findFirst();
    }

    /**
     * Renders the trace as indented JSON with the members {@code protocol}, {@code server},
     * {@code startedAt}, {@code verdict} and {@code steps}. Tools may rely on these names.
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("protocol", protocol);
        root.put("server", server.toString());
        root.put("startedAt", startedAt.toString());

        ObjectNode verdictNode = root.putObject("verdict");
        verdictNode.put("kind", verdict.kind().name().toLowerCase());
        verdictNode.put("message", verdict.message());
        verdict.serverReason().ifPresent(reason -> verdictNode.put("serverReason", reason));
        verdict.failedStepId().ifPresent(stepId -> verdictNode.put("failedStep", stepId));

        ArrayNode stepsNode = root.putArray("steps");
        for (TraceStep step : steps) {
            ObjectNode stepNode = stepsNode.addObject();
            stepNode.put("id", step.id());
            stepNode.put("title", step.title());
            stepNode.put("outcome", step.outcome().name().toLowerCase());
            stepNode.put("summary", step.summary());
            stepNode.put("elapsedMillis", step.elapsed().toNanos() / 1_000_000.0);
            ObjectNode valuesNode = stepNode.putObject("values");
            step.values().forEach(valuesNode::put);
        }

        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            // A tree of strings and numbers always serialises; failing here means a broken Jackson.
            throw new IllegalStateException("Could not render the trace as JSON", e);
        }
    }
}
