package com.goodtalk.protocol.client;

import static com.goodtalk.protocol.client.TraceRecorder.values;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.jose.CompactJws;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerPublicKey;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2Request;
import com.goodtalk.protocol.v2.V2Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The client's acceptance checks of a v2 reply, each recorded as its own trace step in the
 * protocol's order: {@code parse_reply}, {@code check_algorithm}, {@code check_key_id},
 * {@code verify_signature}, {@code check_request_hash}, {@code check_echo}, then
 * {@code read_decision}. The first failure skips the remaining steps and ends the attempt as
 * {@link Verdict.Kind#VERIFICATION_FAILED}.
 */
final class V2ReplyChecks {

    /** A failed check: the step that caught it and one sentence for the user. */
    private static final class CheckFailed extends Exception {
        private static final long serialVersionUID = 1L;

        private final String stepId;
        private final transient Map<String, String> values;

        CheckFailed(String stepId, String message, Map<String, String> values) {
            super(message, null, false, false);
            this.stepId = stepId;
            this.values = values;
        }
    }

    static final String[][] STEPS = {
        {StepId.PARSE_REPLY, "Read the reply"},
        {StepId.CHECK_ALGORITHM, "Check the signature algorithm"},
        {StepId.CHECK_KEY_ID, "Check the server key is pinned"},
        {StepId.VERIFY_SIGNATURE, "Verify the server signature"},
        {StepId.CHECK_REQUEST_HASH, "Check the reply is for this request"},
        {StepId.CHECK_ECHO, "Check the reply echoes this request's jti"},
        {StepId.READ_DECISION, "Read the server's decision"},
    };

    /** The maximum number of characters of an unparseable reply body shown in the trace. */
    private static final int MAX_DISPLAYED_CHARS = 4000;

    private final JsonWebKeySet pinnedKeys;
    private final Clock clock;

    V2ReplyChecks(JsonWebKeySet pinnedKeys, Clock clock) {
        this.pinnedKeys = pinnedKeys;
        this.clock = clock;
    }

    /** Runs every check on {@code reply} to {@code request}, records the steps and returns the verdict. */
    Verdict run(TraceRecorder trace, V2Request request, HttpReply reply) {
        try {
            CompactJws jws = parse(trace, reply);
            ObjectNode header = jws.header();
            checkAlgorithm(trace, header);
            ServerPublicKey key = checkKeyId(trace, header);
            verifySignature(trace, jws, key);
            ObjectNode payload = checkRequestHash(trace, request, jws);
            checkEcho(trace, request, payload);
            return readDecision(trace, request, payload, reply.status());
        } catch (CheckFailed failure) {
            trace.failed(failure.stepId, title(failure.stepId), failure.getMessage(), failure.values);
            skipAfter(trace, failure.stepId);
            return Verdict.verificationFailed(failure.stepId, failure.getMessage());
        }
    }

    private static CompactJws parse(TraceRecorder trace, HttpReply reply) throws CheckFailed {
        String httpStatus = Integer.toString(reply.status());
        Map<String, String> values = values("HTTP status", httpStatus, "content type", reply.contentType());
        String mediaType = reply.contentType().split(";", 2)[0].strip();
        if (!mediaType.equalsIgnoreCase(V2Protocol.CONTENT_TYPE)) {
            values.put("reply body", reply.bodyForDisplay(MAX_DISPLAYED_CHARS));
            throw new CheckFailed(StepId.PARSE_REPLY, "The reply (HTTP " + httpStatus + ") has the content type \""
                    + reply.contentType() + "\", not " + V2Protocol.CONTENT_TYPE + ": it is not a signed v2 reply."
                    + " Check that the URL points at a GoodTalk v2 server.", values);
        }
        CompactJws jws;
        try {
            jws = CompactJws.parse(reply.body());
        } catch (MalformedMessageException e) {
            values.put("reply body", reply.bodyForDisplay(MAX_DISPLAYED_CHARS));
            throw new CheckFailed(StepId.PARSE_REPLY, "The reply is not a signed v2 reply: " + e.getMessage(), values);
        }
        values.put("JWS header", jws.headerJson());
        values.put("payload (not yet verified)", jws.payloadText());
        values.put("signature", jws.encodedSignature());
        JsonNode typ = jws.header().get("typ");
        if (typ == null || !V2Protocol.REPLY_TYPE.equals(typ.textValue())) {
            throw new CheckFailed(StepId.PARSE_REPLY, "The reply header's typ is "
                    + (typ == null ? "missing" : typ.toString()) + "; a v2 reply has \"" + V2Protocol.REPLY_TYPE
                    + "\". This is not a reply from a GoodTalk v2 server.", values);
        }
        trace.passed(StepId.PARSE_REPLY, title(StepId.PARSE_REPLY),
                "The reply is a compact JWS with a " + V2Protocol.REPLY_TYPE + " header.", values);
        return jws;
    }

    private static void checkAlgorithm(TraceRecorder trace, ObjectNode header) throws CheckFailed {
        JsonNode alg = header.get("alg");
        String received = alg == null ? "(missing)" : alg.toString();
        Map<String, String> values = values("alg", received, "expected", "\"" + V2Protocol.REPLY_ALGORITHM + "\"");
        if (alg == null || !alg.isTextual() || !alg.textValue().equals(V2Protocol.REPLY_ALGORITHM)) {
            throw new CheckFailed(StepId.CHECK_ALGORITHM, "The reply's alg is " + received + ", but v2 replies must"
                    + " be signed with exactly EdDSA. The reply was forged or altered.", values);
        }
        trace.passed(StepId.CHECK_ALGORITHM, title(StepId.CHECK_ALGORITHM), "The reply is signed with EdDSA"
                + " (Ed25519).", values);
    }

    private ServerPublicKey checkKeyId(TraceRecorder trace, ObjectNode header) throws CheckFailed {
        JsonNode kid = header.get("kid");
        String pinned = pinnedKeys.keys().stream().map(ServerPublicKey::thumbprint).collect(Collectors.joining(", "));
        Map<String, String> values = values("kid", kid == null ? "(missing)" : kid.toString(), "pinned keys", pinned);
        Optional<ServerPublicKey> key = kid != null && kid.isTextual() ? pinnedKeys.find(kid.textValue())
                : Optional.empty();
        if (key.isEmpty()) {
            throw new CheckFailed(StepId.CHECK_KEY_ID, "The reply names the server key "
                    + (kid == null ? "(missing)" : kid.toString()) + ", which is not one of the pinned keys."
                    + " If the server operator rotated keys, install the new public key set; a key fetched from the"
                    + " server is never trusted.", values);
        }
        trace.passed(StepId.CHECK_KEY_ID, title(StepId.CHECK_KEY_ID), "The reply names a pinned server key.", values);
        return key.get();
    }

    private static void verifySignature(TraceRecorder trace, CompactJws jws, ServerPublicKey key) throws CheckFailed {
        Map<String, String> values = values("signature", jws.encodedSignature(), "key", key.thumbprint(),
                "signed bytes", jws.signingInput().length + " bytes (header.payload as received)");
        if (!key.verifySignature(jws.signingInput(), jws.signature())) {
            throw new CheckFailed(StepId.VERIFY_SIGNATURE, "The Ed25519 signature does not match the reply: it was"
                    + " changed after the server signed it, or another key signed it.", values);
        }
        trace.passed(StepId.VERIFY_SIGNATURE, title(StepId.VERIFY_SIGNATURE), "The Ed25519 signature matches the"
                + " reply's header and payload.", values);
    }

    private static ObjectNode checkRequestHash(TraceRecorder trace, V2Request request, CompactJws jws)
            throws CheckFailed {
        String expected = request.requestHash();
        Map<String, String> values = values("payload", jws.payloadText(), "SHA-256 of the sent body", expected);
        ObjectNode payload;
        try {
            payload = StrictJson.parseObject(jws.payload());
        } catch (MalformedMessageException e) {
            throw new CheckFailed(StepId.CHECK_REQUEST_HASH, "The signed payload is not a JSON object: "
                    + e.getMessage(), values);
        }
        JsonNode req = payload.get("req");
        values.put("req", req == null ? "(missing)" : req.toString());
        if (req == null || !req.isTextual() || !constantTimeEquals(expected, req.textValue())) {
            throw new CheckFailed(StepId.CHECK_REQUEST_HASH, "The reply's req " + (req == null ? "is missing"
                    : "does not match this request") + ": the reply answers a different request body, for example"
                    + " an old reply replayed by a man in the middle.", values);
        }
        trace.passed(StepId.CHECK_REQUEST_HASH, title(StepId.CHECK_REQUEST_HASH),
                "The reply carries the SHA-256 of the exact body this client sent.", values);
        return payload;
    }

    private static void checkEcho(TraceRecorder trace, V2Request request, ObjectNode payload) throws CheckFailed {
        JsonNode echoed = payload.get("req_jti");
        Map<String, String> values = values("sent jti", request.jti(),
                "req_jti", echoed == null ? "(absent)" : echoed.toString());
        JsonNode status = payload.get("status");
        boolean success = status != null && V2Status.fromWord(status.asText()).map(V2ReplyChecks::isSuccess)
                .orElse(false);
        String summary;
        if (echoed == null) {
            if (success) {
                throw new CheckFailed(StepId.CHECK_ECHO, "The reply reports success but does not echo this request's"
                        + " jti. A server must echo the jti of every request it accepted.", values);
            }
            summary = "The server echoed no jti because it could not read this request far enough; the request"
                    + " hash already binds the reply to this request.";
        } else if (!echoed.isTextual() || !constantTimeEquals(request.jti(), echoed.textValue())) {
            throw new CheckFailed(StepId.CHECK_ECHO, "The reply echoes the jti " + echoed + " instead of this"
                    + " request's: it answers another request, for example a replayed old reply.", values);
        } else {
            summary = "The reply echoes this request's jti.";
        }
        trace.passed(StepId.CHECK_ECHO, title(StepId.CHECK_ECHO), summary, values);
    }

    private Verdict readDecision(TraceRecorder trace, V2Request request, ObjectNode payload, int httpStatus)
            throws CheckFailed {
        VerifiedV2Reply reply;
        try {
            reply = V2ReplyContent.read(payload);
        } catch (MalformedMessageException e) {
            throw new CheckFailed(StepId.READ_DECISION, "The signed reply is incomplete: " + e.getMessage()
                    + " The server is misbehaving; report this to its operator.",
                    values("payload", payload.toString()));
        }
        long clientNow = clock.instant().getEpochSecond();
        long offset = reply.issuedAt() - clientNow;
        Map<String, String> values = values("status", reply.status(), "message", reply.message(),
                "HTTP status", Integer.toString(httpStatus),
                "server time (iat)", Instant.ofEpochSecond(reply.issuedAt()).toString(),
                "client time", Instant.ofEpochSecond(clientNow).toString(),
                "clock offset", describeOffset(offset),
                "server jti", reply.serverJti());
        reply.license().ifPresent(license -> values.putAll(V2ReplyContent.describe(license)));
        reply.certificate().ifPresent(certificate -> values.put("license certificate", certificate));

        Optional<V2Status> known = V2Status.fromWord(reply.status());
        if (known.isPresent() && isSuccess(known.get())) {
            V2Status expected = successFor(request.operation());
            if (known.get() != expected) {
                throw new CheckFailed(StepId.READ_DECISION, "The server returned \"" + reply.status() + "\" for a"
                        + " request to " + request.operation().claim() + "; only \"" + expected.word()
                        + "\" answers it. The server is misbehaving; report this to its operator.", values);
            }
            String message = expected == V2Status.DEACTIVATED
                    ? "This machine's seat is freed and the server's reply is verified."
                    : "The product key is " + expected.word() + " and the server's reply is verified.";
            trace.passed(StepId.READ_DECISION, title(StepId.READ_DECISION), reply.message(), values);
            return expected == V2Status.DEACTIVATED ? Verdict.deactivated(message)
                    : Verdict.activated(message, reply.certificate().orElse(null),
                            Instant.ofEpochSecond(reply.issuedAt()));
        }
        String message = "The server rejected the request (" + reply.status() + "): " + reply.message();
        trace.failed(StepId.READ_DECISION, title(StepId.READ_DECISION), message, values);
        return Verdict.rejected(reply.status(), message);
    }

    private static boolean isSuccess(V2Status status) {
        return status == V2Status.ACTIVATED || status == V2Status.VALID || status == V2Status.DEACTIVATED;
    }

    private static V2Status successFor(V2Operation operation) {
        return switch (operation) {
            case ACTIVATE -> V2Status.ACTIVATED;
            case VALIDATE -> V2Status.VALID;
            case DEACTIVATE -> V2Status.DEACTIVATED;
        };
    }

    private static String describeOffset(long offset) {
        if (offset == 0) {
            return "0 s (the clocks agree to the second)";
        }
        return (offset > 0 ? "+" : "") + offset + " s (the server clock is " + Math.abs(offset) + " s "
                + (offset > 0 ? "ahead of" : "behind") + " this computer's)";
    }

    private static boolean constantTimeEquals(String expected, String received) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                received.getBytes(StandardCharsets.UTF_8));
    }

    static String title(String stepId) {
        for (String[] step : STEPS) {
            if (step[0].equals(stepId)) {
                return step[1];
            }
        }
        throw new IllegalArgumentException("Unknown v2 reply step " + stepId);
    }

    /** Records every step after {@code failedStepId} as skipped. */
    static void skipAfter(TraceRecorder trace, String failedStepId) {
        boolean skipping = false;
        for (String[] step : STEPS) {
            if (skipping) {
                trace.skipped(step[0], step[1], "Not run, because an earlier step failed.");
            }
            skipping |= step[0].equals(failedStepId);
        }
    }

    /** Records every reply step as skipped, when no reply arrived. */
    static void skipAll(TraceRecorder trace) {
        for (String[] step : STEPS) {
            trace.skipped(step[0], step[1], "Not run, because an earlier step failed.");
        }
    }
}
