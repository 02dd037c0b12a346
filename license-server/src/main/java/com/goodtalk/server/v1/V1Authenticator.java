package com.goodtalk.server.v1;

import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v1.V1Reply;
import com.goodtalk.protocol.v1.V1Request;
import com.goodtalk.server.http.LogText;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides v1 activation requests in the reference server's order: parse the four members,
 * verify the HMAC, then check the client version, then the product key. Between the HMAC and
 * the version check, the nonce must be new to the {@link V1NonceCache}; a repeated one gets
 * {@value #ERROR_REPLAYED}, and a full cache {@value #ERROR_RATE_LIMITED}.
 *
 * <p>Nothing in a request is trusted before its HMAC verifies, so an unsigned or wrongly signed
 * request gets {@code Not Allowed} whatever its version or key, and is not recorded. Errors are
 * unsigned, as in the reference; only an activation carries a server signature.
 */
public final class V1Authenticator {

    /** The error of a request whose nonce the server received before, within the window. */
    public static final String ERROR_REPLAYED = "replayed";

    /** The error of a request that arrives while the nonce cache is full. */
    public static final String ERROR_RATE_LIMITED = "rate_limited";

    /** The nonce cache capacity of the constructor without a cache, as the server's default. */
    static final int DEFAULT_NONCE_CAPACITY = 200_000;

    /** The nonce window of the constructor without a cache, as the server's default skew. */
    static final Duration DEFAULT_NONCE_WINDOW = Duration.ofSeconds(300);

    private static final int STATUS_OK = 200;
    private static final int STATUS_FORBIDDEN = 403;
    private static final int MAX_LOGGED_REASON_CHARS = 300;
    private static final int MAX_LOGGED_VERSION_CHARS = 16;

    private final Secret secret;
    private final Set<String> productKeys;
    private final Set<String> acceptedVersions;
    private final Supplier<String> serverNonces;
    private final V1NonceCache nonceCache;

    /**
     * Creates the authenticator with its own nonce cache of {@value #DEFAULT_NONCE_CAPACITY}
     * entries kept for 300 s on the system clock.
     *
     * @param serverNonces the source of the fresh nonce in each signed reply
     */
    public V1Authenticator(Secret secret, Set<String> productKeys, Set<String> acceptedVersions,
                           Supplier<String> serverNonces) {
        this(secret, productKeys, acceptedVersions, serverNonces,
                new V1NonceCache(DEFAULT_NONCE_CAPACITY, DEFAULT_NONCE_WINDOW, Clock.systemUTC()));
    }

    /**
     * Creates the authenticator.
     *
     * @param serverNonces the source of the fresh nonce in each signed reply
     * @param nonceCache   the record of request nonces received, which rejects a repeated one
     */
    public V1Authenticator(Secret secret, Set<String> productKeys, Set<String> acceptedVersions,
                           Supplier<String> serverNonces, V1NonceCache nonceCache) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.productKeys = Set.copyOf(productKeys);
        this.acceptedVersions = Set.copyOf(acceptedVersions);
        this.serverNonces = Objects.requireNonNull(serverNonces, "serverNonces");
        this.nonceCache = Objects.requireNonNull(nonceCache, "nonceCache");
    }

    /** Decides the request in {@code body}; every outcome, including malformed input, is a decision. */
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
        switch (nonceCache.checkAndRecord(request.nonce())) {
            case REPLAYED:
                return reject(ERROR_REPLAYED, "key " + key + ": the nonce was received before; a captured request"
                        + " was sent again");
            case FULL:
                return reject(ERROR_RATE_LIMITED, "key " + key + ": the nonce cache is full of unexpired nonces");
            case FRESH:
                break;
        }
        if (!acceptedVersions.contains(request.version())) {
            return reject(V1Protocol.ERROR_VERSION_NOT_ALLOWED, "key " + key + ": client version \""
                    + LogText.escape(request.version(), MAX_LOGGED_VERSION_CHARS) + "\" is not accepted");
        }
        if (!productKeys.contains(request.key())) {
            return reject(V1Protocol.ERROR_KEY_INVALID, "key " + key + ": not a known product key");
        }

        V1Reply reply = V1Protocol.signReply(secret, request, serverNonces.get());
        return new V1Decision(STATUS_OK, reply.toJson(), "activated key " + key);
    }

    private static V1Decision reject(String error, String detail) {
        return new V1Decision(STATUS_FORBIDDEN, V1Protocol.errorBody(error), "rejected (" + error + "), " + detail);
    }
}
