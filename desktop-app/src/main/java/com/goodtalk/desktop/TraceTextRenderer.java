package com.goodtalk.desktop;

import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.client.VerificationTrace;
import java.util.Map;

/**
 * Renders a {@link VerificationTrace} as plain text: a header, one line per step (mark, title,
 * summary) followed by the step's values indented, and the verdict last.
 *
 * <pre>
 * PASS  Sign the request: Signed the key with HMAC-SHA256 and a fresh 128-bit nonce.
 *         key: APENL-4N9L1-2KA9D-3JX0-44LSK
 * FAIL  Send the request: Could not connect to ...
 * SKIP  Read the reply: Not run, because an earlier step failed.
 *
 * Result: server unreachable (failed step send_request). Could not connect to ...
 * </pre>
 *
 * <p>Values that span several lines, such as a reply body, continue on further indented lines.
 * The output ends with a line break and uses {@code \n} on every platform.
 *
 * <p>Every text that came from the server or the network, and every other printed text, has its
 * control and format characters (Unicode categories Cc, Cf, Zl, Zp, which include ESC, BEL and
 * the bidirectional overrides) written as {@code \\uXXXX}, so a reply cannot send terminal escape
 * sequences or hide the result line.
 */
public final class TraceTextRenderer {

    static final String VALUE_INDENT = "        ";

    private static final String VALIDATE = "validate";

    private TraceTextRenderer() {
    }

    /** Renders the whole trace. */
    public static String render(VerificationTrace trace) {
        StringBuilder text = new StringBuilder();
        text.append("GoodTalk ").append(terminalSafe(trace.protocol())).append(' ').append(exchangeNoun(trace))
                .append(" at ").append(terminalSafe(String.valueOf(trace.server())))
                .append(", started ").append(trace.startedAt()).append('\n');
        text.append('\n');
        for (TraceStep step : trace.steps()) {
            text.append(mark(step.outcome())).append("  ").append(terminalSafe(step.title())).append(": ")
                    .append(terminalSafe(step.summary())).append('\n');
            appendValues(text, step.values(), VALUE_INDENT);
        }
        text.append('\n');
        text.append("Result: ").append(describe(trace)).append('\n');
        return text.toString();
    }

    /**
     * Describes the verdict of {@code trace} in one line, as {@link #describe(Verdict)} does,
     * except that an accepted v2 validation reads "valid." rather than "activated.".
     */
    public static String describe(VerificationTrace trace) {
        Verdict verdict = trace.verdict();
        if (verdict.kind() == Verdict.Kind.ACTIVATED && VALIDATE.equals(operation(trace))) {
            return "valid. " + terminalSafe(verdict.message());
        }
        return describe(verdict);
    }

    /**
     * Renders a step's values as {@code name: value} lines, each line starting with
     * {@code indent}; a value with line breaks starts on its own line, indented further.
     */
    public static String renderValues(Map<String, String> values, String indent) {
        StringBuilder text = new StringBuilder();
        appendValues(text, values, indent);
        return text.toString();
    }

    /** Returns the four-letter mark of an outcome: {@code PASS}, {@code FAIL} or {@code SKIP}. */
    public static String mark(StepOutcome outcome) {
        return switch (outcome) {
            case PASSED -> "PASS";
            case FAILED -> "FAIL";
            case SKIPPED -> "SKIP";
        };
    }

    /** Describes a verdict in one line, with the server's reason or the failed step where there is one. */
    public static String describe(Verdict verdict) {
        String prefix = switch (verdict.kind()) {
            case ACTIVATED -> "activated.";
            case DEACTIVATED -> "deactivated.";
            case REJECTED -> "rejected by the server (reason "
                    + terminalSafe(verdict.serverReason().orElse("none")) + ").";
            case VERIFICATION_FAILED -> "verification failed (failed step "
                    + terminalSafe(verdict.failedStepId().orElse("unknown")) + ").";
            case UNREACHABLE -> "server unreachable (failed step "
                    + terminalSafe(verdict.failedStepId().orElse("unknown")) + ").";
        };
        return prefix + " " + terminalSafe(verdict.message());
    }

    /** Returns the noun of the exchange, such as "activation", from the operation the sign step recorded. */
    private static String exchangeNoun(VerificationTrace trace) {
        String operation = operation(trace);
        return switch (operation == null ? "" : operation) {
            case VALIDATE -> "validation";
            case "deactivate" -> "deactivation";
            default -> "activation";
        };
    }

    /**
     * Returns the v2 operation, such as {@code validate}, or null for a v1 trace.
     * NOTE: "operation" is a display label of the v2 client's sign step, not a stable id.
     */
    private static String operation(VerificationTrace trace) {
        return trace.step(StepId.SIGN_REQUEST).map(step -> step.values().get("operation")).orElse(null);
    }

    private static void appendValues(StringBuilder text, Map<String, String> values, String indent) {
        for (Map.Entry<String, String> value : values.entrySet()) {
            String name = terminalSafe(value.getKey());
            String[] lines = String.valueOf(value.getValue()).split("\r\n|\n|\r", -1);
            if (lines.length == 1) {
                text.append(indent).append(name).append(": ").append(terminalSafe(lines[0])).append('\n');
                continue;
            }
            text.append(indent).append(name).append(":\n");
            for (String line : lines) {
                text.append(indent).append("  ").append(terminalSafe(line)).append('\n');
            }
        }
    }

    /**
     * Returns {@code text} with every control, format, line-separator and paragraph-separator
     * character written as {@code \\uXXXX} (UTF-16 units), so printing it cannot move the cursor,
     * ring the bell, reorder text or start a line. A null text reads {@code null}.
     */
    static String terminalSafe(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder safe = new StringBuilder(text.length() + 16);
        int index = 0;
        while (index < text.length()) {
            int codePoint = text.codePointAt(index);
            if (isUnsafe(codePoint)) {
                for (char unit : Character.toChars(codePoint)) {
                    safe.append(String.format("\\u%04x", (int) unit));
                }
            } else {
                safe.appendCodePoint(codePoint);
            }
            index += Character.charCount(codePoint);
        }
        return safe.toString();
    }

    private static boolean isUnsafe(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SURROGATE:
                return true;
            default:
                // The bidirectional overrides and isolates are format characters already. They are
                // named here so the intent survives a change to the category test above.
                return (codePoint >= 0x202a && codePoint <= 0x202e) || (codePoint >= 0x2066 && codePoint <= 0x2069);
        }
    }
}
