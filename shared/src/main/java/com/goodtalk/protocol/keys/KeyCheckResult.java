package com.goodtalk.protocol.keys;

import java.util.Objects;

/**
 * The outcome of {@link ProductKeys#check(String)} with a message for the user.
 *
 * @param outcome whether the key is a valid new-format key, a legacy key, or mistyped
 * @param message a sentence that can be shown to the user. For {@link Outcome#MISTYPED} it
 *                explains what is wrong and asks the user to copy the key again. It never
 *                contains the full key.
 */
public record KeyCheckResult(Outcome outcome, String message) {

    /** The kinds of result. */
    public enum Outcome {
        /** A key of the form XXXXXX-XXXXXX-XXXXXX-XXXXXX whose check character matches. */
        NEW_FORMAT_VALID,
        /** A key of any other shape, such as the published demo keys, accepted as given. */
        LEGACY,
        /** A new-format key with a wrong character: the check character does not match, or a U is present. */
        MISTYPED
    }

    public KeyCheckResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
    }

    /** Tells whether the key may be sent to the server (new-format valid or legacy). */
    public boolean isAccepted() {
        return outcome != Outcome.MISTYPED;
    }
}
