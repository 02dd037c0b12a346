package com.goodtalk.protocol.v2;

import java.util.Optional;

/**
 * Remembers the {@code jti} of every accepted request until its {@code iat} plus the window has
 * passed, so that a captured request cannot be sent again (check 7 of the protocol).
 *
 * <p>It takes only {@link VerifiedV2Request}s, so an attacker without a client secret cannot
 * fill it. Implementations must make {@link #checkAndRecord} atomic: of several concurrent calls
 * with the same {@code jti}, exactly one returns {@link Outcome#FRESH}. The window must be at
 * least the verifier's allowed skew, or a request could be replayed after its entry expired but
 * before its {@code iat} goes stale.
 */
public interface ReplayCache {

    /** The result of one replay check. */
    enum Outcome {
        /** The jti was new and is now recorded: process the request. */
        FRESH(null),
        /** The jti was seen within the window: reply {@code replayed}. */
        REPLAYED(V2Status.REPLAYED),
        /** The cache is full of unexpired entries: reply {@code rate_limited} rather than forget a nonce. */
        FULL(V2Status.RATE_LIMITED);

        private final V2Status rejection;

        Outcome(V2Status rejection) {
            this.rejection = rejection;
        }

        /** Returns the reply status for a rejected request; empty for {@link #FRESH}. */
        public Optional<V2Status> rejectionStatus() {
            return Optional.ofNullable(rejection);
        }
    }

    /** Records the request's {@code jti} unless it is already recorded or the cache is full, atomically. */
    Outcome checkAndRecord(VerifiedV2Request request);
}
