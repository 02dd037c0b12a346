package com.goodtalk.server.v1;

import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v1.V1Reply;
import com.goodtalk.protocol.v1.V1Request;
import com.goodtalk.server.http.LogText;
import com.goodtalk.server.store.KeyCheckResult;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.StoreException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides v1 activation requests in the reference server's order: parse the four members,
 * verify the HMAC, then check the client version, then the product key. Between the HMAC and
 * the version check, the request must be new to the {@link V1ReplayCache}; a repeated one gets
 * {@value #ERROR_REPLAYED}, and a full cache {@value #ERROR_RATE_LIMITED}.
 *
 * <p>Nothing in a request is trusted before its HMAC verifies, so an unsigned or wrongly signed
 * request gets {@code Not Allowed} whatever its version or key, and is not recorded. Errors are
 * unsigned, as in the reference, so only an activation carries a server signature.
 *
 * <p>The key is checked against the license store ({@link LicenseStore#checkKey}). The store looks
 * the key up as sent and, if the shared normaliser accepts it, normalised, so legacy keys match as
 * listed and issued keys in any form a user types. It records every decision in the audit log as
 * {@value LicenseStore#V1_CLIENT_ACTOR}. A v1 request carries no
 * machine, so v1 takes and counts no seat: a usable key is accepted on any number of machines, and
 * only v2 enforces seat limits. Deployed v1 clients cannot be changed to send a machine, so refusing
 * them a seat would lock every one of them out. Old clients know only the reference's error words,
 * so an unknown, suspended, revoked or expired key all get {@code key_invalid} on the wire, while the
 * server log and the audit log name the real reason.
 */
public final class V1Authenticator {

    /** The error of a request that the server received before, within the window. */
    public static final String ERROR_REPLAYED = "replayed";

    /** The error of a request that arrives while the replay cache is full or the license store fails. */
    public static final String ERROR_RATE_LIMITED = "rate_limited";

    private static final int STATUS_OK = 200;
    private static final int STATUS_FORBIDDEN = 403;
    private static final int MAX_LOGGED_REASON_CHARS = 300;
    private static final int MAX_LOGGED_VERSION_CHARS = 16;

    private final Secret secret;
    private final LicenseStore store;
    private final Set<String> acceptedVersions;
    private final Supplier<String> serverNonces;
    private final Optional<V1ReplayCache> replayCache;

    /**
     * Creates the authenticator without a replay check, so a repeated request is decided again
     * like the first, as the reference server does.
     *
     * @param serverNonces the source of the fresh nonce in each signed reply
     */
    public V1Authenticator(Secret secret, LicenseStore store, Set<String> acceptedVersions,
                           Supplier<String> serverNonces) {
        this(secret, store, acceptedVersions, serverNonces, Optional.empty());
    }

    /**
     * Creates the authenticator.
     *
     * @param store       the license store that decides whether a key may be used; the caller closes it
     * @param serverNonces the source of the fresh nonce in each signed reply
     * @param replayCache  the record of requests received, which rejects a repeated one; empty
     *                     to decide a repeated request again like the first
     */
    public V1Authenticator(Secret secret, LicenseStore store, Set<String> acceptedVersions,
                           Supplier<String> serverNonces, Optional<V1ReplayCache> replayCache) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.store = Objects.requireNonNull(store, "store");
        this.acceptedVersions = Set.copyOf(acceptedVersions);
        this.serverNonces = Objects.requireNonNull(serverNonces, "serverNonces");
        this.replayCache = Objects.requireNonNull(replayCache, "replayCache");
    }

    /** Decides the request in {@code body}. Every body gets a decision, malformed ones included. */
    public V1Decision authenticate(byte[] body) {
        V1Request request;
        try {
            request = V1Protocol.parseRequest(body);
        } catch (MalformedMessageException e) {
            // Parser messages may quote parts of the body, such as a member name that is a key.
            return reject(V1Protocol.ERROR_NOT_ALLOWED,
                    "malformed request: " + KeyMask.maskQuotedTokens(e.getMessage(), MAX_LOGGED_REASON_CHARS));
        }

        String key = KeyMask.mask(request.key());
        if (!V1Protocol.hmacMatches(secret, request.signingText(), request.hmac())) {
            return reject(V1Protocol.ERROR_NOT_ALLOWED, "key " + key + ": the HMAC does not match the request");
        }
        V1ReplayCache.Outcome replay;
        try {
            replay = replayCache.map(cache -> cache.checkAndRecord(request)).orElse(V1ReplayCache.Outcome.FRESH);
        } catch (StoreException e) {
            // A store-backed replay check meets a failed store before the key check does.
            return storeFailed(key, e);
        }
        if (replay == V1ReplayCache.Outcome.REPLAYED) {
            return reject(ERROR_REPLAYED, "key " + key + ": the same request was received before, so a captured"
                    + " request was sent again");
        }
        if (replay == V1ReplayCache.Outcome.FULL) {
            return reject(ERROR_RATE_LIMITED, "key " + key + ": the replay cache is full of unexpired requests");
        }
        if (!acceptedVersions.contains(request.version())) {
            return reject(V1Protocol.ERROR_VERSION_NOT_ALLOWED, "key " + key + ": client version \""
                    + LogText.escape(request.version(), MAX_LOGGED_VERSION_CHARS) + "\" is not accepted");
        }
        KeyCheckResult check;
        try {
            check = store.checkKey(request.key(), LicenseStore.V1_CLIENT_ACTOR);
        } catch (StoreException e) {
            return storeFailed(key, e);
        }
        if (!check.isUsable()) {
            return reject(V1Protocol.ERROR_KEY_INVALID, "key " + key + ": " + reason(check));
        }

        V1Reply reply = V1Protocol.signReply(secret, request, serverNonces.get());
        return new V1Decision(STATUS_OK, reply.toJson(), "activated key " + key + " (license "
                + check.licenseId() + ", no seat taken)");
    }

    /** Rejects a request that the failed store could not decide; it may be fine, so the error means "try again later". */
    private static V1Decision storeFailed(String maskedKey, StoreException e) {
        return reject(ERROR_RATE_LIMITED, "key " + maskedKey + ": the license store failed, "
                + LogText.escape(e.getMessage(), MAX_LOGGED_REASON_CHARS));
    }

    private static String reason(KeyCheckResult check) {
        return switch (check.outcome()) {
            case KEY_INVALID -> "not a known product key";
            case KEY_SUSPENDED -> "license " + check.licenseId() + " is suspended (key_suspended)";
            case KEY_REVOKED -> "license " + check.licenseId() + " is revoked (key_revoked)";
            case KEY_EXPIRED -> "license " + check.licenseId() + " has expired (key_expired)";
            case USABLE -> throw new IllegalArgumentException("A usable key has no rejection reason");
        };
    }

    private static V1Decision reject(String error, String detail) {
        return new V1Decision(STATUS_FORBIDDEN, V1Protocol.errorBody(error), "rejected (" + error + "), " + detail);
    }
}
