package com.goodtalk.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.jose.CompactJws;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerPublicKey;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v1.V1Reply;
import com.goodtalk.protocol.v1.V1Request;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2Request;
import com.goodtalk.protocol.v2.V2Status;
import java.util.Optional;

/**
 * The load clients' checks of each reply, so that a server which replies fast but wrongly under
 * load fails the run. They follow the clients' acceptance rules in short: a v2 reply must be an
 * EdDSA JWS from the pinned key over this exact request ({@code req}, {@code req_jti}) whose
 * status word agrees with the HTTP status; a v1 activation must carry a valid server signature
 * and echo the request. The verification trace that {@code V2Client} records is left out.
 */
final class ReplyChecks {

    /** A reply that failed a check, which the message names. */
    static final class InvalidReplyException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidReplyException(String message) {
            super(message, null, false, false);
        }
    }

    private ReplyChecks() {
    }

    /**
     * Checks a v2 reply to {@code request} and returns its status word.
     *
     * @throws InvalidReplyException if a check fails
     */
    static String checkV2(V2Request request, int httpStatus, String contentType, byte[] body,
                          JsonWebKeySet pinnedKeys) throws InvalidReplyException {
        if (!contentType.startsWith(V2Protocol.CONTENT_TYPE)) {
            throw new InvalidReplyException("content type " + contentType + " instead of " + V2Protocol.CONTENT_TYPE);
        }
        CompactJws jws;
        ObjectNode payload;
        try {
            jws = CompactJws.parse(body);
            payload = StrictJson.parseObject(jws.payload());
        } catch (MalformedMessageException e) {
            throw new InvalidReplyException("not a compact JWS with a JSON payload");
        }
        if (!V2Protocol.REPLY_ALGORITHM.equals(jws.header().path("alg").textValue())) {
            throw new InvalidReplyException("alg is not " + V2Protocol.REPLY_ALGORITHM);
        }
        Optional<ServerPublicKey> key = pinnedKeys.find(jws.header().path("kid").asText());
        if (key.isEmpty()) {
            throw new InvalidReplyException("kid is not a pinned key");
        }
        if (!key.get().verifySignature(jws.signingInput(), jws.signature())) {
            throw new InvalidReplyException("Ed25519 signature does not verify");
        }
        if (!request.requestHash().equals(payload.path("req").textValue())) {
            throw new InvalidReplyException("req is not the hash of the request sent");
        }
        JsonNode echoedJti = payload.get("req_jti");
        if (echoedJti != null && !request.jti().equals(echoedJti.textValue())) {
            throw new InvalidReplyException("req_jti is another request's jti");
        }
        String word = payload.path("status").asText();
        Optional<V2Status> status = V2Status.fromWord(word);
        if (status.isEmpty()) {
            throw new InvalidReplyException("unknown status word");
        }
        if (status.get().httpStatus() != httpStatus) {
            throw new InvalidReplyException("status " + word + " came with HTTP " + httpStatus);
        }
        return word;
    }

    /**
     * Checks a v1 reply to {@code request}: an activation ({@code ok}) or an error reply,
     * whose error it returns.
     *
     * @throws InvalidReplyException if a check fails
     */
    static String checkV1(V1Request request, int httpStatus, byte[] body, Secret secret)
            throws InvalidReplyException {
        if (httpStatus != 200) {
            try {
                return StrictJson.requireString(StrictJson.parseObject(body), "error");
            } catch (MalformedMessageException e) {
                throw new InvalidReplyException("HTTP " + httpStatus + " without an error member");
            }
        }
        V1Reply reply;
        try {
            reply = V1Protocol.parseReply(body);
        } catch (MalformedMessageException e) {
            throw new InvalidReplyException("activation reply without the six members");
        }
        if (!V1Protocol.hmacMatches(secret, reply.signingText(), reply.serverSignature())) {
            throw new InvalidReplyException("server signature does not verify");
        }
        boolean echoed = reply.key().equals(request.key()) && reply.nonce().equals(request.nonce())
                && reply.version().equals(request.version()) && reply.hmac().equals(request.hmac());
        if (!echoed) {
            throw new InvalidReplyException("reply does not echo the request");
        }
        return "ok";
    }
}
