package com.goodtalk.desktop;

import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.TraceStep;
import java.util.Map;
import java.util.Optional;

/**
 * One sentence per failed step that explains what the failure means for the user, by protocol
 * and step id. The step's own summary describes the technical fault, and this sentence its consequence.
 */
final class StepExplanations {

    private static final String TAMPERED = "The reply was changed after the server signed it; something between"
            + " you and the server edits traffic.";

    private static final Map<String, String> SHARED = Map.of(
            StepId.SIGN_REQUEST, "This app could not build the request, so nothing was sent; check the key and the"
                    + " client secret.",
            StepId.SEND_REQUEST, "The server could not be reached or answered with an error; check the server URL,"
                    + " your network connection and whether the server is running.",
            StepId.PARSE_REPLY, "What came back is not a reply of a license server; the URL may point to another"
                    + " service, or something between you and the server replaced the reply.",
            StepId.CHECK_ECHO, "The reply belongs to an earlier request, as when someone replays an old reply;"
                    + " nothing was activated by this one.",
            StepId.READ_DECISION, "The server did not activate the key; its reason is shown above.");

    private static final Map<String, String> V1 = Map.of(
            StepId.VERIFY_SIGNATURE, "The reply was changed after the server signed it, or it was signed with another"
                    + " shared secret; something between you and the server edits traffic, or the secrets differ.");

    private static final Map<String, String> V2 = Map.of(
            StepId.CHECK_ALGORITHM, "The reply was signed in a way this app does not accept, which is how forged"
                    + " replies try to slip past the signature check.",
            StepId.CHECK_KEY_ID, "The reply was signed with a key this app does not trust; it comes from another"
                    + " server, or the server's keys changed and this app needs the new ones.",
            StepId.VERIFY_SIGNATURE, TAMPERED,
            StepId.CHECK_REQUEST_HASH, "The reply answers another request, or your request was changed on its way"
                    + " to the server.",
            StepId.CHECK_ECHO, "The reply carries another request's id, as when someone replays an old reply;"
                    + " nothing was activated by this one.");

    private StepExplanations() {
    }

    /** Returns what the failure of {@code step} in a trace of {@code protocol} means, if it failed and is known. */
    static Optional<String> forFailed(String protocol, TraceStep step) {
        if (step == null || step.outcome() != StepOutcome.FAILED) {
            return Optional.empty();
        }
        Map<String, String> specific = "v1".equals(protocol) ? V1 : "v2".equals(protocol) ? V2 : Map.of();
        return Optional.ofNullable(specific.getOrDefault(step.id(), SHARED.get(step.id())));
    }
}
