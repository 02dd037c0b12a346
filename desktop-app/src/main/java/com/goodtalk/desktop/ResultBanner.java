package com.goodtalk.desktop;

import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.client.VerificationTrace;
import java.util.Objects;

/**
 * The content of the window's result banner: a kind, which sets its colour, and one or two sentences.
 *
 * @param kind the kind of result, {@link Kind#NONE} before the first activation and while one runs
 * @param text the sentences shown, empty for {@link Kind#NONE}
 */
public record ResultBanner(Kind kind, String text) {

    /** The kinds of result, one colour each. */
    public enum Kind {
        /** No result to show. */
        NONE,
        /** Green: the key is activated and the reply verified. */
        ACTIVATED,
        /** Blue: this machine's seat is freed and the reply verified. */
        DEACTIVATED,
        /** Orange: the server rejected the request and gave a reason. */
        REJECTED,
        /** Red: a check of the reply failed. */
        VERIFICATION_FAILED,
        /** Grey: no usable reply arrived. */
        UNREACHABLE,
        /** Red: the client could not build a request from the input, such as a key too long to send. */
        INVALID_INPUT,
        /** Red: the activation stopped because of a bug, not because of the server. */
        INTERNAL_ERROR
    }

    public ResultBanner {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** Returns the empty banner. */
    public static ResultBanner none() {
        return new ResultBanner(Kind.NONE, "");
    }

    /** Returns the banner for a finished activation. */
    public static ResultBanner of(VerificationTrace trace) {
        Verdict verdict = trace.verdict();
        return switch (verdict.kind()) {
            case ACTIVATED -> new ResultBanner(Kind.ACTIVATED, "Activated. " + verdict.message());
            case DEACTIVATED -> new ResultBanner(Kind.DEACTIVATED, "Deactivated. " + verdict.message());
            case REJECTED -> new ResultBanner(Kind.REJECTED, "Rejected by the server: "
                    + verdict.serverReason().orElse("no reason given") + ". " + rejectionMessage(trace));
            case VERIFICATION_FAILED -> new ResultBanner(Kind.VERIFICATION_FAILED,
                    "Verification failed at the step \"" + failedStepTitle(trace) + "\". " + verdict.message());
            case UNREACHABLE -> new ResultBanner(Kind.UNREACHABLE,
                    "The server could not be reached. " + verdict.message());
        };
    }

    /** Returns the banner for input that the client rejected before sending, with the client's message. */
    public static ResultBanner invalidInput(IllegalArgumentException problem) {
        return new ResultBanner(Kind.INVALID_INPUT, "Nothing was sent. " + problem.getMessage());
    }

    /** Returns the banner for an activation that ended with an unexpected exception. */
    public static ResultBanner internalError(Throwable error) {
        return new ResultBanner(Kind.INTERNAL_ERROR, "The activation stopped because of a program error ("
                + error.getClass().getSimpleName() + "). The log on the console has the details.");
    }

    /**
     * Returns the server's own sentence for a signed v2 rejection, which the read_decision step
     * stores as its "message" value, and otherwise the verdict's message. The verdict's message
     * of a v2 rejection repeats the status word that the banner already shows.
     */
    private static String rejectionMessage(VerificationTrace trace) {
        return trace.step(StepId.READ_DECISION)
                .map(step -> step.values().get("message"))
                .filter(message -> !message.isBlank())
                .orElse(trace.verdict().message());
    }

    private static String failedStepTitle(VerificationTrace trace) {
        String failedId = trace.verdict().failedStepId().orElse("");
        return trace.step(failedId).map(TraceStep::title).orElse(failedId);
    }
}
