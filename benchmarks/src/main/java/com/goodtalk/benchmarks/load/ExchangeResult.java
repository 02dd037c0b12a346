package com.goodtalk.benchmarks.load;

import java.util.Objects;

/**
 * The end of one request of the load run.
 *
 * @param kind            what was sent
 * @param httpStatus      the reply's HTTP status, or 0 when no reply arrived
 * @param outcome         the v2 status word, the v1 error, {@code ok} for a v1 activation, or the
 *                        exception for a connection error
 * @param latencyNanos    from sending the request to having read the whole reply
 * @param invalidReply    why the reply failed the client's checks, or null when it passed them
 */
record ExchangeResult(RequestKind kind, int httpStatus, String outcome, long latencyNanos, String invalidReply) {

    ExchangeResult {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** Creates the result of a request that got no reply because the connection failed, timed out or was interrupted. */
    static ExchangeResult connectionError(RequestKind kind, long latencyNanos, Exception error) {
        String message = error.getMessage() == null ? "" : ": " + error.getMessage();
        return new ExchangeResult(kind, 0, error.getClass().getSimpleName() + message, latencyNanos, null);
    }

    boolean isConnectionError() {
        return httpStatus == 0;
    }
}
