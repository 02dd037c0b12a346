package com.goodtalk.desktop.tamper;

import com.goodtalk.desktop.Protocol;
import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.client.VerificationTrace;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of a {@link TamperDemo}: the attack, what the proxy did, and the trace of the
 * tampered exchange.
 *
 * @param attack   the attack applied
 * @param protocol the protocol the client spoke
 * @param actions  what the proxy did, one sentence each, oldest first
 * @param tampered whether the proxy held the request or changed the reply
 * @param trace    the client's trace of the tampered exchange
 */
public record TamperResult(Attack attack, Protocol protocol, List<String> actions, boolean tampered,
                           VerificationTrace trace) {

    /** The v2 rejections with which the server itself catches a delayed or repeated request. */
    private static final Set<String> SERVER_DETECTIONS = Set.of("stale_request", "replayed");

    public TamperResult {
        Objects.requireNonNull(attack, "attack");
        Objects.requireNonNull(protocol, "protocol");
        actions = List.copyOf(actions);
        Objects.requireNonNull(trace, "trace");
    }

    /**
     * Returns the id of the step that caught the attack: the failed step of a verification
     * failure, or {@code read_decision} when the server rejected the request as stale or
     * replayed. It is empty when the client accepted the exchange or the server rejected it for
     * another reason, such as an unknown key whose rejection the proxy left alone.
     */
    public Optional<String> caughtBy() {
        Verdict verdict = trace.verdict();
        if (verdict.kind() == Verdict.Kind.VERIFICATION_FAILED) {
            return verdict.failedStepId();
        }
        if (verdict.kind() == Verdict.Kind.REJECTED && SERVER_DETECTIONS.contains(verdict.serverReason().orElse(""))) {
            return Optional.of(StepId.READ_DECISION);
        }
        return Optional.empty();
    }

    /** Returns one or two sentences that name the step that caught the attack, or say that none did and why. */
    public String verdictText() {
        Optional<String> step = caughtBy();
        if (step.isPresent()) {
            String title = trace.step(step.get()).map(TraceStep::title).orElse(step.get());
            String by = step.get().equals(StepId.READ_DECISION)
                    ? "The server caught it (" + trace.verdict().serverReason().orElse("") + "), and the client reported"
                    + " that at the step \"" + title + "\" (" + step.get() + ")."
                    : "Caught by the step \"" + title + "\" (" + step.get() + ").";
            return by;
        }
        if (!tampered) {
            return "Nothing to catch: the proxy changed nothing in this exchange, so the verdict is the server's.";
        }
        if (attack == Attack.DELAY_REQUEST && protocol == Protocol.V1) {
            return "No step caught it: v1 requests carry no time, so the server accepted the late request. Protocol"
                    + " v2 rejects it as stale_request.";
        }
        if (attack == Attack.DELAY_REQUEST && trace.verdict().isActivated()) {
            return "No step caught it: the server accepted the late request, so the delay was within its allowed"
                    + " clock skew. Set the delay above the skew, such as --tamper-delay 305s for the default 300 s.";
        }
        return "No step caught it: the verdict is " + trace.verdict().kind().name().toLowerCase() + ".";
    }

    /** Returns the attack, what the proxy did and the verdict text as one paragraph, for the window's result area. */
    public String paragraph() {
        return "Attack " + attack.word() + ": " + String.join(" ", actions) + " " + verdictText();
    }

    /** Returns the lines that the command line prints after the trace and the window shows after an activation. */
    public String summary() {
        StringBuilder text = new StringBuilder("Tamper demonstration: the proxy applied the attack " + attack.word()
                + " (" + attack.label() + ") to this " + protocol.word() + " exchange.\n");
        for (String action : actions) {
            text.append("  ").append(action).append('\n');
        }
        return text.append(verdictText()).append('\n').toString();
    }
}
