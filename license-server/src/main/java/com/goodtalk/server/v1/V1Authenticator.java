package com.goodtalk.server.v1;

import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v1.V1Reply;
import com.goodtalk.protocol.v1.V1Request;
import com.goodtalk.server.http.LogText;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides v1 activation requests in the reference server's order: parse the four members,
 * verify the HMAC, then check the client version, then the product key.
 *
 * <p>Nothing in a request is trusted before its HMAC verifies, so an unsigned or wrongly signed
 * request gets {@code Not Allowed} whatever its version or key. Errors are unsigned, as in the
 * reference, so only an activation carries a server signature.
 */
public final class V1Authenticator {

    private static final int STATUS_OK = 200;
    private static final int STATUS_FORBIDDEN = 403;
    private static final int MAX_LOGGED_REASON_CHARS = 300;
    private static final int MAX_LOGGED_VERSION_CHARS = 16;

    private final Secret secret;
    private final Set<String> productKeys;
    private final Set<String> acceptedVersions;
    private final Supplier<String> serverNonces;

    /**
     * Creates the authenticator.
     *
     * @param serverNonces the source of the fresh nonce in each signed reply
     */
    public V1Authenticator(Secret secret, Set<String> productKeys, Set<String> acceptedVersions,
                           Supplier<String> serverNonces) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.productKeys = Set.copyOf(productKeys);
        this.acceptedVersions = Set.copyOf(acceptedVersions);
        this.serverNonces = Objects.requireNonNull(serverNonces, "serverNonces");
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
