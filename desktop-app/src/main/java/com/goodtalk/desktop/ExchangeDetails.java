package com.goodtalk.desktop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.protocol.client.VerificationTrace;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the request and the reply of a trace as text for the window's detail pane. For v2 it
 * shows each JWS header, the decoded payload as pretty-printed JSON and the signature. Then it
 * gives the offset between this computer's clock and the server's. For v1 it shows the two JSON
 * bodies.
 *
 * <p>It reads the values that the client recorded in the trace steps.
 * NOTE: the value names are display labels of the protocol library, not stable ids. If one is
 * renamed there, its part shows here as "(not recorded)", which the window tests catch.
 */
public final class ExchangeDetails {

    static final String HEADER = "JWS header";
    static final String REQUEST_PAYLOAD = "payload";
    static final String REPLY_PAYLOAD = "payload (not yet verified)";
    static final String SIGNATURE = "signature";
    static final String CLOCK_OFFSET = "clock offset";
    static final String V1_REQUEST = "request JSON";
    static final String REPLY_BODY = "reply body";

    private static final String NOT_RECORDED = "(not recorded)";

    private ExchangeDetails() {
    }

    /** Returns the text for {@code trace}, or empty text for null. */
    public static String describe(VerificationTrace trace) {
        if (trace == null) {
            return "";
        }
        return "v2".equals(trace.protocol()) ? describeV2(trace) : describeV1(trace);
    }

    private static String describeV2(VerificationTrace trace) {
        StringBuilder text = new StringBuilder();
        Map<String, String> sent = values(trace, StepId.SIGN_REQUEST);
        text.append("REQUEST, as sent\n");
        appendJws(text, sent.get(HEADER), sent.get(REQUEST_PAYLOAD), sent.get(SIGNATURE));

        text.append("\nREPLY, ").append(replyState(trace)).append('\n');
        Map<String, String> received = values(trace, StepId.PARSE_REPLY);
        if (received.containsKey(HEADER)) {
            appendJws(text, received.get(HEADER), received.get(REPLY_PAYLOAD), received.get(SIGNATURE));
        } else if (received.containsKey(REPLY_BODY)) {
            text.append("Body, which is not a JWS:\n").append(received.get(REPLY_BODY)).append('\n');
        } else {
            text.append("No reply was read.\n");
        }

        String offset = values(trace, StepId.READ_DECISION).get(CLOCK_OFFSET);
        text.append("\nClock offset: ")
                .append(offset != null ? offset : "unknown, because the reply was not verified")
                .append('\n');
        return text.toString();
    }

    private static String describeV1(VerificationTrace trace) {
        StringBuilder text = new StringBuilder();
        text.append("REQUEST, as sent\n")
                .append(prettyJson(values(trace, StepId.SIGN_REQUEST).get(V1_REQUEST))).append('\n');
        String reply = values(trace, StepId.SEND_REQUEST).get(REPLY_BODY);
        text.append("\nREPLY\n").append(reply != null ? prettyJson(reply) : "No reply was read.").append('\n');
        text.append("\nv1 messages are JSON without a JWS header; the signature is a member of the body.\n");
        return text.toString();
    }

    /** Describes how far the reply's checks got, so an unverified payload is not read as the server's word. */
    private static String replyState(VerificationTrace trace) {
        StepOutcome signature = trace.step(StepId.VERIFY_SIGNATURE).map(TraceStep::outcome).orElse(StepOutcome.SKIPPED);
        return switch (signature) {
            case PASSED -> "signature verified";
            case FAILED -> "signature does not match, so none of this comes from the server";
            case SKIPPED -> "not verified";
        };
    }

    private static void appendJws(StringBuilder text, String header, String payload, String signature) {
        text.append("JWS header:\n").append(prettyJson(header)).append('\n');
        text.append("Payload:\n").append(prettyJson(payload)).append('\n');
        text.append("Signature:\n").append(signature != null ? signature : NOT_RECORDED).append('\n');
    }

    /**
     * Returns {@code json} pretty-printed, or as it is when it is not a strict JSON object. Strict
     * parsing rejects duplicate members, so the text never hides one of two conflicting values.
     */
    static String prettyJson(String json) {
        if (json == null) {
            return NOT_RECORDED;
        }
        try {
            return PrettyWriter.INSTANCE.writeValueAsString(StrictJson.parseObject(json.getBytes(StandardCharsets.UTF_8)));
        } catch (MalformedMessageException | JsonProcessingException e) {
            return json + "\n(shown as received, because it is not a valid JSON object: " + e.getMessage() + ")";
        }
    }

    private static Map<String, String> values(VerificationTrace trace, String stepId) {
        Optional<TraceStep> step = trace.step(stepId);
        return step.map(TraceStep::values).orElse(Map.of());
    }

    /**
     * The JSON writer, in a holder class so that Jackson's mapper (several hundred classes) is
     * created when the first trace is shown, not when the window opens and binds {@link #describe}.
     */
    private static final class PrettyWriter {

        static final ObjectWriter INSTANCE = StrictJson.mapper().writer(new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));
    }
}
