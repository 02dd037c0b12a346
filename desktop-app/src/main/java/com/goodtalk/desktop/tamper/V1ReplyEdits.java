package com.goodtalk.desktop.tamper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v1.V1Reply;
import com.goodtalk.protocol.v1.V1Request;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The attacks' edits of protocol v1 replies, which are JSON with an HMAC in {@code serverSignature}. */
final class V1ReplyEdits {

    private static final String SIGNATURE_MEMBER = "serverSignature";
    private static final String NONCE_MEMBER = "serverNonce";
    private static final String ERROR_MEMBER = "error";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_QUOTED_CHARS = 100;

    private V1ReplyEdits() {
    }

    /**
     * Replaces a 403 rejection with a 200 success that echoes {@code requestBody} and carries a
     * made-up server nonce and signature, since the attacker does not hold the secret.
     */
    static TamperedReply forgeSuccess(byte[] requestBody, RelayedReply reply) {
        if (reply.status() == 200) {
            return TamperedReply.unchanged(reply, "The server accepted the request, so there was no rejection to"
                    + " forge; the proxy passed the genuine reply on unchanged.");
        }
        if (reply.status() != 403) {
            return TamperedReply.unchanged(reply, "The server answered HTTP " + reply.status() + ", which is not a v1"
                    + " rejection, so the proxy passed it on unchanged.");
        }
        V1Request request;
        try {
            request = V1Protocol.parseRequest(requestBody);
        } catch (MalformedMessageException e) {
            return TamperedReply.unchanged(reply, "The request is not a v1 request (" + e.getMessage()
                    + "), so the proxy could not forge a reply to it.");
        }
        String madeUpSignature = HexFormat.of().formatHex(randomBytes(32));
        V1Reply forged = new V1Reply(request.key(), request.nonce(), request.version(), request.hmac(),
                Nonces.clientNonce(), madeUpSignature);
        RelayedReply success = new RelayedReply(200, "application/json", new byte[0]).withBody(forged.toJson());
        return TamperedReply.changed(success, "Replaced the server's HTTP 403 rejection "
                + abbreviate(reply.text().strip()) + " with an HTTP 200 success that echoes the request and carries a made-up"
                + " serverNonce and serverSignature.");
    }

    /** Puts the {@code serverSignature} of {@code recorded} into {@code reply}. */
    static TamperedReply swapSignature(RelayedReply reply, RelayedReply recorded) {
        String current = signatureOf(reply);
        String other = signatureOf(recorded);
        if (current == null || other == null) {
            return TamperedReply.unchanged(reply, "v1 signs only successes, and "
                    + (current == null ? "the server's reply" : "the recorded reply") + " carries no "
                    + SIGNATURE_MEMBER + ", so the proxy had no signature to swap; the reply passed unchanged.");
        }
        if (current.equals(other)) {
            return TamperedReply.unchanged(reply, "The recorded reply carries the same signature, so swapping"
                    + " changed nothing.");
        }
        return TamperedReply.changed(reply.withBody(reply.text().replace(current, other)),
                "Replaced the reply's " + SIGNATURE_MEMBER + " " + current + " with " + other
                        + " from an earlier genuine reply.");
    }

    /** Removes {@code serverNonce} from a success, or {@code error} from a rejection. */
    static TamperedReply stripField(RelayedReply reply) {
        ObjectNode object;
        try {
            object = StrictJson.parseObject(reply.body());
        } catch (MalformedMessageException e) {
            return TamperedReply.unchanged(reply, "The reply is not JSON (" + e.getMessage()
                    + "), so the proxy had no member to strip.");
        }
        String member = object.has(NONCE_MEMBER) ? NONCE_MEMBER : ERROR_MEMBER;
        if (object.remove(member) == null) {
            return TamperedReply.unchanged(reply, "The reply has neither " + NONCE_MEMBER + " nor " + ERROR_MEMBER
                    + ", so the proxy had no member to strip.");
        }
        try {
            return TamperedReply.changed(reply.withBody(StrictJson.mapper().writeValueAsString(object)),
                    "Removed the member " + member + " from the reply.");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Jackson could not write a JSON object it had parsed", e);
        }
    }

    private static String signatureOf(RelayedReply reply) {
        if (reply.status() != 200) {
            return null;
        }
        try {
            return V1Protocol.parseReply(reply.body()).serverSignature();
        } catch (MalformedMessageException e) {
            return null;
        }
    }

    /** Shortens a rejection body for the summary; v1 error bodies are short, but a proxy in front may send a page. */
    private static String abbreviate(String body) {
        return body.length() <= MAX_QUOTED_CHARS ? body : body.substring(0, MAX_QUOTED_CHARS) + "...";
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
