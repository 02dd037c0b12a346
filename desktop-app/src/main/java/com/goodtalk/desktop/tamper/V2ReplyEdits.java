package com.goodtalk.desktop.tamper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.jose.Base64Url;
import com.goodtalk.protocol.v2.V2Operation;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The attacks' edits of protocol v2 replies: compact JWS whose payload the proxy may rewrite
 * while it keeps the header and the server's Ed25519 signature as they are.
 */
final class V2ReplyEdits {

    private static final String STRIPPED_CLAIM = "req";

    private V2ReplyEdits() {
    }

    /**
     * Rewrites the payload's {@code status} to the success word of the operation at {@code path}
     * and the HTTP status to 200, keeping the signature.
     */
    static TamperedReply forgeSuccess(String path, RelayedReply reply) {
        String success = successWord(path);
        return editPayload(reply, payload -> {
            String status = payload.path("status").asText("");
            if (status.equals(success)) {
                return "The server already answered " + success + ", so there was no rejection to forge; the proxy"
                        + " passed the genuine reply on unchanged.";
            }
            payload.put("status", success);
            payload.put("message", "The product key is " + success + ".");
            return "Rewrote the signed reply's status from " + status + " to " + success + " (and HTTP "
                    + reply.status() + " to 200), keeping the server's signature.";
        }, 200);
    }

    /** Puts the signature of {@code recorded} on {@code reply}. */
    static TamperedReply swapSignature(RelayedReply reply, RelayedReply recorded) {
        String[] parts = parts(reply);
        String[] otherParts = parts(recorded);
        if (parts == null || otherParts == null) {
            return TamperedReply.unchanged(reply, (parts == null ? "The server's reply" : "The recorded reply")
                    + " is not a compact JWS, so the proxy had no signature to swap; the reply passed unchanged.");
        }
        if (parts[2].equals(otherParts[2])) {
            return TamperedReply.unchanged(reply, "The recorded reply carries the same signature, so swapping"
                    + " changed nothing.");
        }
        return TamperedReply.changed(reply.withBody(parts[0] + "." + parts[1] + "." + otherParts[2]),
                "Replaced the reply's JWS signature with the one of an earlier genuine reply.");
    }

    /** Removes the {@code req} claim from the payload, keeping the signature. */
    static TamperedReply stripField(RelayedReply reply) {
        return editPayload(reply, payload -> {
            if (payload.remove(STRIPPED_CLAIM) == null) {
                return "The signed reply has no " + STRIPPED_CLAIM + " claim, so the proxy had nothing to strip.";
            }
            return "Removed the " + STRIPPED_CLAIM + " claim from the signed reply's payload, keeping the server's"
                    + " signature.";
        }, reply.status());
    }

    /**
     * Applies {@code edit} to the decoded payload and encodes it again with the original header and
     * signature. The edit returns the sentence that describes its change. A payload that it leaves equal
     * to the original yields the unchanged reply.
     */
    private static TamperedReply editPayload(RelayedReply reply, Function<ObjectNode, String> edit, int httpStatus) {
        String[] parts = parts(reply);
        if (parts == null) {
            return TamperedReply.unchanged(reply, "The reply is not a compact JWS, so the proxy passed it on"
                    + " unchanged.");
        }
        ObjectNode payload;
        try {
            payload = StrictJson.parseObject(Base64Url.decode(parts[1], "the reply's JWS payload"));
        } catch (MalformedMessageException e) {
            return TamperedReply.unchanged(reply, "The reply's payload is unreadable (" + e.getMessage()
                    + "), so the proxy passed it on unchanged.");
        }
        ObjectNode original = payload.deepCopy();
        String change = edit.apply(payload);
        if (payload.equals(original)) {
            return TamperedReply.unchanged(reply, change);
        }
        String encoded;
        try {
            encoded = Base64Url.encode(StrictJson.mapper().writeValueAsString(payload)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Jackson could not write a JSON object it had parsed", e);
        }
        RelayedReply edited = new RelayedReply(httpStatus, reply.contentType(), reply.body())
                .withBody(parts[0] + "." + encoded + "." + parts[2]);
        return TamperedReply.changed(edited, change);
    }

    /** Returns the three parts of a compact JWS body, or null if the body is not one. */
    private static String[] parts(RelayedReply reply) {
        String[] parts = reply.text().strip().split("\\.", -1);
        return parts.length == 3 ? parts : null;
    }

    private static String successWord(String path) {
        for (V2Operation operation : V2Operation.values()) {
            if (path.endsWith(operation.path())) {
                return switch (operation) {
                    case ACTIVATE -> "activated";
                    case VALIDATE -> "valid";
                    case DEACTIVATE -> "deactivated";
                };
            }
        }
        return "activated";
    }
}
