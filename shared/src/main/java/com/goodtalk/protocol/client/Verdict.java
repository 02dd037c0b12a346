package com.goodtalk.protocol.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The conclusion of one activation attempt.
 *
 * <p>{@link Kind#ACTIVATED} is the only verdict that means the product may run activated.
 */
public final class Verdict {

    /** The ways an activation, validation or deactivation attempt ends. */
    public enum Kind {
        /** The server accepted the key and every check of its reply passed. */
        ACTIVATED,
        /** The server freed this machine's seat and every check of its reply passed (v2 only). */
        DEACTIVATED,
        /** The server rejected the request; {@link #serverReason()} gives its reason. */
        REJECTED,
        /** A reply arrived but a check failed; {@link #failedStepId()} names it. */
        VERIFICATION_FAILED,
        /** No usable reply arrived: connection refused, timed out, or an HTTP error. */
        UNREACHABLE
    }

    private final Kind kind;
    private final String message;
    private final String serverReason;
    private final String failedStepId;
    private final String licenseCertificate;
    private final Instant serverTime;

    private Verdict(Kind kind, String message, String serverReason, String failedStepId) {
        this(kind, message, serverReason, failedStepId, null, null);
    }

    private Verdict(Kind kind, String message, String serverReason, String failedStepId, String licenseCertificate,
                    Instant serverTime) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.message = Objects.requireNonNull(message, "message");
        this.serverReason = serverReason;
        this.failedStepId = failedStepId;
        this.licenseCertificate = licenseCertificate;
        this.serverTime = serverTime;
    }

    /** Creates the verdict of a verified acceptance. */
    public static Verdict activated(String message) {
        return new Verdict(Kind.ACTIVATED, message, null, null);
    }

    /**
     * Creates the verdict of a verified v2 acceptance.
     *
     * @param message            one sentence for the user
     * @param licenseCertificate the {@code certificate} member of the verified reply's license
     *     object, or null if the server sent none
     * @param serverTime         the verified reply's {@code iat}
     */
    public static Verdict activated(String message, String licenseCertificate, Instant serverTime) {
        return new Verdict(Kind.ACTIVATED, message, null, null, licenseCertificate,
                Objects.requireNonNull(serverTime, "serverTime"));
    }

    /** Creates the verdict of a verified deactivation. */
    public static Verdict deactivated(String message) {
        return new Verdict(Kind.DEACTIVATED, message, null, null);
    }

    /** Creates the verdict of a rejection, with the reason the server gave. */
    public static Verdict rejected(String serverReason, String message) {
        return new Verdict(Kind.REJECTED, message, Objects.requireNonNull(serverReason, "serverReason"), null);
    }

    /** Creates the verdict of a failed check, naming the step that caught it. */
    public static Verdict verificationFailed(String failedStepId, String message) {
        return new Verdict(Kind.VERIFICATION_FAILED, message, null,
                Objects.requireNonNull(failedStepId, "failedStepId"));
    }

    /** Creates the verdict of a server that gave no usable reply, naming the step that failed. */
    public static Verdict unreachable(String failedStepId, String message) {
        return new Verdict(Kind.UNREACHABLE, message, null, Objects.requireNonNull(failedStepId, "failedStepId"));
    }

    public Kind kind() {
        return kind;
    }

    /** Returns one sentence for the user. */
    public String message() {
        return message;
    }

    /** Returns the server's reason for a {@link Kind#REJECTED} verdict, such as {@code key_invalid}. */
    public Optional<String> serverReason() {
        return Optional.ofNullable(serverReason);
    }

    /** Returns the id of the step that failed, for {@link Kind#VERIFICATION_FAILED} and {@link Kind#UNREACHABLE}. */
    public Optional<String> failedStepId() {
        return Optional.ofNullable(failedStepId);
    }

    /**
     * Returns the offline license certificate (compact JWS) from the license object of a verified
     * v2 {@code activated} or {@code valid} reply, if the server sent one. The reply's signature
     * covered it, but the certificate itself is not yet checked: verify it with
     * {@code LicenseCertificate.verifyOffline} before storing or trusting it.
     */
    public Optional<String> licenseCertificate() {
        return Optional.ofNullable(licenseCertificate);
    }

    /** Returns the issue time ({@code iat}) of the verified v2 reply behind an {@link Kind#ACTIVATED} verdict. */
    public Optional<Instant> serverTime() {
        return Optional.ofNullable(serverTime);
    }

    /** Tells whether the product may run activated. */
    public boolean isActivated() {
        return kind == Kind.ACTIVATED;
    }

    @Override
    public String toString() {
        return kind + (serverReason != null ? " (" + serverReason + ")" : "")
                + (failedStepId != null ? " at " + failedStepId : "") + ": " + message;
    }
}
