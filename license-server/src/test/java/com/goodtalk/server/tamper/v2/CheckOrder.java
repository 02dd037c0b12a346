package com.goodtalk.server.tamper.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2Status;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Predicts which check must catch an altered v2 message, written from the protocol's check
 * order rather than taken from the code under test, so a test can assert the exact check for
 * every byte it changes.
 *
 * <p>Both predictions assume the body was altered after signing. Then the signature never
 * matches, because forging an HMAC or an Ed25519 signature is infeasible, and the question is
 * only which earlier check catches the change first.
 */
final class CheckOrder {

    /** The request checks, in the server's order, as far as a change without the key can get. */
    enum RequestCheck {
        SIZE_LIMIT(V2Status.TOO_LARGE),
        SYNTAX(V2Status.MALFORMED),
        HEADER_JSON(V2Status.MALFORMED),
        HEADER_ALG_MISSING(V2Status.MALFORMED),
        HEADER_ALG(V2Status.BAD_SIGNATURE),
        HEADER_TYP(V2Status.MALFORMED),
        HEADER_KID_MISSING(V2Status.MALFORMED),
        HEADER_KID_UNKNOWN(V2Status.BAD_SIGNATURE),
        HMAC(V2Status.BAD_SIGNATURE);

        private final V2Status status;

        RequestCheck(V2Status status) {
            this.status = status;
        }

        /** Returns the status the server must reply with when this check fails. */
        V2Status status() {
            return status;
        }
    }

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private CheckOrder() {
    }

    /**
     * Returns the server check that must reject {@code body}, an altered request: size limit,
     * compact syntax, header (strict JSON, {@code alg} exactly HS256, {@code typ}, known
     * {@code kid}), then the HMAC.
     */
    static RequestCheck requestCheck(byte[] body, String clientKeyId) {
        if (body.length > V2Protocol.MAX_REQUEST_BYTES) {
            return RequestCheck.SIZE_LIMIT;
        }
        byte[] headerJson = decodeCompact(body);
        if (headerJson == null) {
            return RequestCheck.SYNTAX;
        }
        ObjectNode header = parseHeader(headerJson);
        if (header == null) {
            return RequestCheck.HEADER_JSON;
        }
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            return RequestCheck.HEADER_ALG_MISSING;
        }
        if (!alg.textValue().equals("HS256")) {
            return RequestCheck.HEADER_ALG;
        }
        if (!V2Protocol.REQUEST_TYPE.equals(header.path("typ").textValue())) {
            return RequestCheck.HEADER_TYP;
        }
        JsonNode kid = header.get("kid");
        if (kid == null || !kid.isTextual()) {
            return RequestCheck.HEADER_KID_MISSING;
        }
        if (!kid.textValue().equals(clientKeyId)) {
            return RequestCheck.HEADER_KID_UNKNOWN;
        }
        return RequestCheck.HMAC;
    }

    /**
     * Returns the client step that must catch {@code body}, an altered reply sent with the right
     * content type: {@code parse_reply} (compact syntax, strict header JSON, {@code typ}),
     * {@code check_algorithm}, {@code check_key_id}, then {@code verify_signature}.
     */
    static String replyStep(byte[] body, JsonWebKeySet pinned) {
        byte[] headerJson = decodeCompact(body);
        if (headerJson == null) {
            return StepId.PARSE_REPLY;
        }
        ObjectNode header = parseHeader(headerJson);
        if (header == null || !V2Protocol.REPLY_TYPE.equals(header.path("typ").textValue())) {
            return StepId.PARSE_REPLY;
        }
        if (!V2Protocol.REPLY_ALGORITHM.equals(header.path("alg").textValue())) {
            return StepId.CHECK_ALGORITHM;
        }
        JsonNode kid = header.get("kid");
        if (kid == null || !kid.isTextual() || pinned.find(kid.textValue()).isEmpty()) {
            return StepId.CHECK_KEY_ID;
        }
        return StepId.VERIFY_SIGNATURE;
    }

    /** Tells whether {@code part} is canonical base64url without padding: the only spelling a strict decoder accepts. */
    static boolean isCanonicalBase64Url(String part) {
        for (int i = 0; i < part.length(); i++) {
            if (ALPHABET.indexOf(part.charAt(i)) < 0) {
                return false;
            }
        }
        if (part.length() % 4 == 1) {
            return false;
        }
        byte[] decoded = Base64.getUrlDecoder().decode(part);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(decoded).equals(part);
    }

    /**
     * Returns the decoded header if {@code body} is three non-empty parts of canonical base64url
     * joined by two dots, otherwise null.
     */
    private static byte[] decodeCompact(byte[] body) {
        for (byte b : body) {
            if (b != '.' && ALPHABET.indexOf(b & 0xff) < 0) {
                return null;
            }
        }
        String[] parts = new String(body, StandardCharsets.US_ASCII).split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        for (String part : parts) {
            if (part.isEmpty() || !isCanonicalBase64Url(part)) {
                return null;
            }
        }
        return Base64.getUrlDecoder().decode(parts[0]);
    }

    /** Returns the header as a strict JSON object without {@code crit}, otherwise null. */
    private static ObjectNode parseHeader(byte[] headerJson) {
        try {
            ObjectNode header = StrictJson.parseObject(headerJson);
            return header.has("crit") ? null : header;
        } catch (MalformedMessageException e) {
            return null;
        }
    }
}
