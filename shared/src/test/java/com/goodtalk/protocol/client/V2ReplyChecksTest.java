package com.goodtalk.protocol.client;

import static com.goodtalk.protocol.client.ReplyForge.check;
import static com.goodtalk.protocol.client.ReplyForge.genuine;
import static com.goodtalk.protocol.client.ReplyForge.header;
import static com.goodtalk.protocol.client.ReplyForge.http;
import static com.goodtalk.protocol.client.ReplyForge.json;
import static com.goodtalk.protocol.client.ReplyForge.payload;
import static com.goodtalk.protocol.client.ReplyForge.request;
import static com.goodtalk.protocol.client.ReplyForge.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Request;
import com.goodtalk.protocol.v2.V2Status;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the client's acceptance of genuine v2 replies: verdicts, step order and trace values. */
class V2ReplyChecksTest {

    private static final List<String> STEP_ORDER = List.of(StepId.SIGN_REQUEST, StepId.SEND_REQUEST,
            StepId.PARSE_REPLY, StepId.CHECK_ALGORITHM, StepId.CHECK_KEY_ID, StepId.VERIFY_SIGNATURE,
            StepId.CHECK_REQUEST_HASH, StepId.CHECK_ECHO, StepId.READ_DECISION);

    private static List<String> stepIds(VerificationTrace trace) {
        return trace.steps().stream().map(TraceStep::id).toList();
    }

    private static List<StepOutcome> outcomes(VerificationTrace trace) {
        return trace.steps().stream().map(TraceStep::outcome).toList();
    }

    @Test
    void activatedReplyPassesEveryStep() {
        V2Request request = request(V2Operation.ACTIVATE);

        VerificationTrace trace = check(request, genuine(request, V2Status.ACTIVATED));

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.ACTIVATED);
        assertThat(trace.verdict().isActivated()).isTrue();
        assertThat(stepIds(trace)).isEqualTo(STEP_ORDER);
        assertThat(outcomes(trace)).containsOnly(StepOutcome.PASSED);
    }

    @Test
    void validReplyToValidateIsActivated() {
        V2Request request = request(V2Operation.VALIDATE);

        VerificationTrace trace = check(request, genuine(request, V2Status.VALID));

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.ACTIVATED);
        assertThat(trace.verdict().message()).isEqualTo("The product key is valid and the server's reply is verified.");
    }

    @Test
    void deactivatedReplyIsDeactivated() {
        V2Request request = request(V2Operation.DEACTIVATE);

        VerificationTrace trace = check(request, genuine(request, V2Status.DEACTIVATED));

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.DEACTIVATED);
        assertThat(trace.verdict().isActivated()).isFalse();
        assertThat(outcomes(trace)).containsOnly(StepOutcome.PASSED);
    }

    @Test
    void signedKeyInvalidIsRejectedAfterAllChecks() {
        V2Request request = request(V2Operation.ACTIVATE);

        VerificationTrace trace = check(request, genuine(request, V2Status.KEY_INVALID));

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.REJECTED);
        assertThat(trace.verdict().serverReason()).contains("key_invalid");
        assertThat(trace.verdict().message()).isEqualTo("The server rejected the request (key_invalid): Test reply"
                + " with status key_invalid.");
        assertThat(stepIds(trace)).isEqualTo(STEP_ORDER);
        assertThat(outcomes(trace).subList(0, 8)).containsOnly(StepOutcome.PASSED);
        assertThat(trace.step(StepId.READ_DECISION).orElseThrow().outcome()).isEqualTo(StepOutcome.FAILED);
    }

    @Test
    void everyErrorStatusIsRejectedWithItsWord() {
        for (V2Status status : V2Status.values()) {
            if (status == V2Status.ACTIVATED || status == V2Status.VALID || status == V2Status.DEACTIVATED) {
                continue;
            }
            V2Request request = request(V2Operation.ACTIVATE);

            VerificationTrace trace = check(request, genuine(request, status));

            assertThat(trace.verdict().kind()).as(status.word()).isEqualTo(Verdict.Kind.REJECTED);
            assertThat(trace.verdict().serverReason()).as(status.word()).contains(status.word());
        }
    }

    @Test
    void unknownSignedStatusIsRejected() {
        V2Request request = request(V2Operation.ACTIVATE);
        ObjectNode payload = payload(request, V2Status.KEY_INVALID);
        payload.put("status", "key_suspended");

        VerificationTrace trace = check(request, http(403, signed(payload)));

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.REJECTED);
        assertThat(trace.verdict().serverReason()).contains("key_suspended");
    }

    @Test
    void errorReplyWithoutJtiEchoAccepted() {
        // A server that rejected the request before reading its jti omits req_jti; req still binds the reply.
        V2Request request = request(V2Operation.ACTIVATE);
        ObjectNode payload = payload(request, V2Status.BAD_SIGNATURE);
        payload.remove("req_jti");

        VerificationTrace trace = check(request, http(401, signed(payload)));

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.REJECTED);
        assertThat(trace.verdict().serverReason()).contains("bad_signature");
        assertThat(trace.step(StepId.CHECK_ECHO).orElseThrow().summary()).contains("echoed no jti");
    }

    @Test
    void traceShowsRequestAndReplyParts() {
        V2Request request = request(V2Operation.ACTIVATE);
        HttpReply reply = genuine(request, V2Status.ACTIVATED);
        String[] parts = new String(reply.body(), StandardCharsets.US_ASCII).split("\\.");

        VerificationTrace trace = check(request, reply);

        var parse = trace.step(StepId.PARSE_REPLY).orElseThrow().values();
        assertThat(parse.get("JWS header")).isEqualTo(header());
        assertThat(parse.get("payload (not yet verified)")).startsWith("{\"req\":\"" + request.requestHash() + "\"");
        assertThat(parse.get("signature")).isEqualTo(parts[2]);
        var hash = trace.step(StepId.CHECK_REQUEST_HASH).orElseThrow().values();
        assertThat(hash.get("SHA-256 of the sent body")).isEqualTo(request.requestHash());
        var decision = trace.step(StepId.READ_DECISION).orElseThrow().values();
        assertThat(decision.get("clock offset")).isEqualTo("0 s (the clocks agree to the second)");
        assertThat(decision.get("status")).isEqualTo("activated");
        assertThat(decision.get("seats")).isEqualTo("1 of 3 used");
        assertThat(decision.get("features")).isEqualTo("export, sync");
        assertThat(decision.get("licensed machine")).isEqualTo(ReplyForge.MACHINE);
    }

    @Test
    void clockOffsetShowsServerAhead() {
        V2Request request = request(V2Operation.ACTIVATE);
        ObjectNode payload = payload(request, V2Status.ACTIVATED);
        payload.put("iat", ReplyForge.NOW + 42);

        VerificationTrace trace = check(request, http(signed(payload)));

        assertThat(trace.step(StepId.READ_DECISION).orElseThrow().values().get("clock offset"))
                .isEqualTo("+42 s (the server clock is 42 s ahead of this computer's)");
    }

    @Test
    void contentTypeParametersAccepted() {
        V2Request request = request(V2Operation.ACTIVATE);
        HttpReply genuine = genuine(request, V2Status.ACTIVATED);

        VerificationTrace trace = check(request, new HttpReply(200, "Application/JOSE; charset=us-ascii",
                genuine.body()));

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.ACTIVATED);
    }

    @Test
    void unknownExtraClaimsIgnored() {
        V2Request request = request(V2Operation.ACTIVATE);
        ObjectNode payload = payload(request, V2Status.ACTIVATED);
        payload.put("future_claim", "ignored");

        VerificationTrace trace = check(request, http(signed(payload)));

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.ACTIVATED);
    }

    @Test
    void replyPayloadHasSpecOrder() {
        V2Request request = request(V2Operation.ACTIVATE);

        String text = json(payload(request, V2Status.ACTIVATED));

        assertThat(text).matches("\\{\"req\":\"[A-Za-z0-9_-]{43}\",\"req_jti\":\"" + request.jti()
                + "\",\"jti\":\"[A-Za-z0-9_-]{43}\",\"iat\":" + ReplyForge.NOW + ",\"status\":\"activated\","
                + "\"message\":\"[^\"]+\",\"license\":\\{\"product\":\"GoodTalk\",\"edition\":\"pro\","
                + "\"features\":\\[\"export\",\"sync\"\\],\"expires\":\\d+,\"seats\":\\{\"used\":1,\"allowed\":3\\},"
                + "\"machine\":\"machine-01\"\\}\\}");
    }
}
