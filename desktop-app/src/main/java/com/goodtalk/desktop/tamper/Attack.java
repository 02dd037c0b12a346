package com.goodtalk.desktop.tamper;

import com.goodtalk.desktop.Protocol;
import com.goodtalk.protocol.client.StepId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The attacks of the tamper demonstration. Each names what a man in the middle does to one
 * exchange and which step of the verification trace is meant to catch it, for each protocol.
 * The tests run every attack against a real server and check that the trace fails at the step
 * named here.
 */
public enum Attack {

    /** Turns the server's rejection into a success. */
    FORGE_SUCCESS("forge-success", "Forge a success",
            "The attacker answers the server's unsigned 403 rejection with a 200 success that echoes the request"
                    + " and carries a made-up server nonce and signature.",
            StepId.VERIFY_SIGNATURE,
            "The attacker rewrites the signed reply's status to the success word and keeps the server's"
                    + " signature.",
            StepId.VERIFY_SIGNATURE),

    /** Returns an earlier genuine reply in place of the server's. */
    REPLAY_REPLY("replay-reply", "Replay an old reply",
            "The attacker returns a genuine success recorded from an earlier exchange, whose echoed nonce"
                    + " belongs to the earlier request.",
            StepId.CHECK_ECHO,
            "The attacker returns a genuine signed reply recorded from an earlier exchange, whose request hash"
                    + " belongs to the earlier request.",
            StepId.CHECK_REQUEST_HASH),

    /** Puts the signature of another genuine reply on this one. */
    SWAP_SIGNATURE("swap-signature", "Swap the signature",
            "The attacker replaces the reply's serverSignature with the one of a genuine reply recorded earlier.",
            StepId.VERIFY_SIGNATURE,
            "The attacker replaces the reply's JWS signature with the one of a genuine reply recorded earlier.",
            StepId.VERIFY_SIGNATURE),

    /** Removes one member from the reply. */
    STRIP_FIELD("strip-field", "Strip a field",
            "The attacker removes the serverNonce member from a success, or the error member from a rejection.",
            StepId.PARSE_REPLY,
            "The attacker removes the req claim, which binds the reply to the request, and keeps the signature.",
            StepId.VERIFY_SIGNATURE),

    /** Holds the request longer than the server's allowed clock skew before forwarding it. */
    DELAY_REQUEST("delay-request", "Delay the request",
            "The attacker holds the request past the v2 skew window and then forwards it; v1 requests carry no"
                    + " time, so the server accepts the late request and no step catches it.",
            null,
            "The attacker holds the request past the server's allowed clock skew and then forwards it; the"
                    + " server rejects it as stale_request in a signed reply.",
            StepId.READ_DECISION);

    private final String word;
    private final String label;
    private final String v1Description;
    private final String v1CatchingStep;
    private final String v2Description;
    private final String v2CatchingStep;

    Attack(String word, String label, String v1Description, String v1CatchingStep, String v2Description,
           String v2CatchingStep) {
        this.word = word;
        this.label = label;
        this.v1Description = v1Description;
        this.v1CatchingStep = v1CatchingStep;
        this.v2Description = v2Description;
        this.v2CatchingStep = v2CatchingStep;
    }

    /** Returns the command-line value, such as {@code forge-success}. */
    public String word() {
        return word;
    }

    /** Returns the short name the window's choice shows, such as "Forge a success". */
    public String label() {
        return label;
    }

    /** Returns one sentence describing what the attacker does to an exchange of {@code protocol}. */
    public String description(Protocol protocol) {
        return protocol == Protocol.V1 ? v1Description : v2Description;
    }

    /**
     * Returns the id of the trace step that catches this attack with {@code protocol}, or empty when
     * nothing catches it, as for a delayed v1 request. For {@link #DELAY_REQUEST} with v2 the step
     * is {@code read_decision}, where the client reads the server's signed {@code stale_request}.
     */
    public Optional<String> catchingStep(Protocol protocol) {
        return Optional.ofNullable(protocol == Protocol.V1 ? v1CatchingStep : v2CatchingStep);
    }

    /** Returns every command-line value, comma-separated, for help and error messages. */
    public static String words() {
        return Arrays.stream(values()).map(Attack::word).collect(Collectors.joining(", "));
    }

    /**
     * Returns the attack named {@code text}, ignoring case and surrounding whitespace.
     *
     * @throws IllegalArgumentException if it names no attack, with a message that lists the valid values
     */
    public static Attack fromWord(String text) {
        String word = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (Attack attack : values()) {
            if (attack.word.equals(word)) {
                return attack;
            }
        }
        throw new IllegalArgumentException("The attack \"" + text + "\" is unknown. Use one of: " + words() + ".");
    }

    @Override
    public String toString() {
        return word;
    }

    /**
     * Tells whether the demonstration first runs the exchange once untampered to record a genuine
     * reply. That first exchange takes effect on the server, so it must not be one that changes the
     * license, such as a deactivation.
     */
    public boolean recordsGenuineReplyFirst() {
        return this == REPLAY_REPLY || this == SWAP_SIGNATURE;
    }
}
