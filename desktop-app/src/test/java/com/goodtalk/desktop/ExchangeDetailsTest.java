package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.TraceStep;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.client.VerificationTrace;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExchangeDetailsTest {

    private static final URI ENDPOINT = URI.create("http://127.0.0.1:8080/v2/activate");
    private static final String REQUEST_HEADER = "{\"alg\":\"HS256\",\"typ\":\"goodtalk-request+jwt\",\"kid\":\"default\"}";
    private static final String REQUEST_PAYLOAD = "{\"op\":\"activate\",\"key\":\"APENL-4N9L1-2KA9D-3JX0-44LSK\","
            + "\"iat\":1700000000}";
    private static final String REPLY_HEADER = "{\"alg\":\"EdDSA\",\"typ\":\"goodtalk-reply+jwt\",\"kid\":\"kid-1\"}";
    private static final String REPLY_PAYLOAD = "{\"status\":\"activated\",\"seats\":{\"used\":1,\"allowed\":3}}";

    private static TraceStep step(String id, StepOutcome outcome, Map<String, String> values) {
        return new TraceStep(id, id, outcome, "summary of " + id, values, Duration.ZERO);
    }

    private static Map<String, String> values(String... namesAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return values;
    }

    private static TraceStep signStep() {
        return step(StepId.SIGN_REQUEST, StepOutcome.PASSED, values("operation", "activate",
                "JWS header", REQUEST_HEADER, "payload", REQUEST_PAYLOAD, "signature", "request-signature"));
    }

    private static VerificationTrace v2Trace(String replyPayload, StepOutcome signature, Verdict verdict) {
        List<TraceStep> steps = new ArrayList<>();
        steps.add(signStep());
        steps.add(step(StepId.SEND_REQUEST, StepOutcome.PASSED, values("HTTP status", "200")));
        steps.add(step(StepId.PARSE_REPLY, StepOutcome.PASSED, values("JWS header", REPLY_HEADER,
                "payload (not yet verified)", replyPayload, "signature", "reply-signature")));
        steps.add(step(StepId.VERIFY_SIGNATURE, signature, Map.of()));
        if (signature == StepOutcome.PASSED) {
            steps.add(step(StepId.READ_DECISION, StepOutcome.PASSED,
                    values("status", "activated", "clock offset", "+2 s (the server clock is 2 s ahead)")));
        }
        return new VerificationTrace("v2", ENDPOINT, Instant.EPOCH, steps, verdict);
    }

    @Test
    void verifiedV2ExchangeShowsBothJwsParts() {
        String text = ExchangeDetails.describe(v2Trace(REPLY_PAYLOAD, StepOutcome.PASSED, Verdict.activated("ok")));

        assertThat(text).isEqualTo("""
                REQUEST, as sent
                JWS header:
                {
                  "alg": "HS256",
                  "typ": "goodtalk-request+jwt",
                  "kid": "default"
                }
                Payload:
                {
                  "op": "activate",
                  "key": "APENL-4N9L1-2KA9D-3JX0-44LSK",
                  "iat": 1700000000
                }
                Signature:
                request-signature

                REPLY, signature verified
                JWS header:
                {
                  "alg": "EdDSA",
                  "typ": "goodtalk-reply+jwt",
                  "kid": "kid-1"
                }
                Payload:
                {
                  "status": "activated",
                  "seats": {
                    "used": 1,
                    "allowed": 3
                  }
                }
                Signature:
                reply-signature

                Clock offset: +2 s (the server clock is 2 s ahead)
                """);
    }

    @Test
    void forgedReplyMarkedAsNotFromServer() {
        String text = ExchangeDetails.describe(v2Trace(REPLY_PAYLOAD, StepOutcome.FAILED,
                Verdict.verificationFailed(StepId.VERIFY_SIGNATURE, "forged")));

        assertThat(text).contains("REPLY, signature does not match, so none of this comes from the server\n")
                .contains("Clock offset: unknown, because the reply was not verified\n");
    }

    @Test
    void duplicateMemberShownAsReceived() {
        String duplicated = "{\"status\":\"key_invalid\",\"status\":\"activated\"}";

        String text = ExchangeDetails.describe(v2Trace(duplicated, StepOutcome.FAILED,
                Verdict.verificationFailed(StepId.VERIFY_SIGNATURE, "forged")));

        assertThat(text).contains("Payload:\n" + duplicated + "\n(shown as received, because it is not a valid JSON"
                + " object: ");
    }

    @Test
    void unsentRequestHasNoReply() {
        VerificationTrace trace = new VerificationTrace("v2", ENDPOINT, Instant.EPOCH, List.of(signStep(),
                step(StepId.SEND_REQUEST, StepOutcome.FAILED, values("URL", ENDPOINT.toString())),
                step(StepId.PARSE_REPLY, StepOutcome.SKIPPED, Map.of())),
                Verdict.unreachable(StepId.SEND_REQUEST, "refused"));

        String text = ExchangeDetails.describe(trace);

        assertThat(text).contains("\"kid\": \"default\"").contains("REPLY, not verified\nNo reply was read.\n");
    }

    @Test
    void replyThatIsNotJwsShownAsBody() {
        VerificationTrace trace = new VerificationTrace("v2", ENDPOINT, Instant.EPOCH, List.of(signStep(),
                step(StepId.PARSE_REPLY, StepOutcome.FAILED, values("HTTP status", "200",
                        "reply body", "<html>hello</html>"))),
                Verdict.verificationFailed(StepId.PARSE_REPLY, "not a JWS"));

        assertThat(ExchangeDetails.describe(trace)).contains("Body, which is not a JWS:\n<html>hello</html>\n");
    }

    @Test
    void v1ExchangeShowsBothBodies() {
        VerificationTrace trace = new VerificationTrace("v1", URI.create("http://127.0.0.1:8080/authenticate"),
                Instant.EPOCH, List.of(
                        step(StepId.SIGN_REQUEST, StepOutcome.PASSED, values("request JSON", "{\"key\": \"K\"}")),
                        step(StepId.SEND_REQUEST, StepOutcome.PASSED, values("reply body", "{\"error\": \"x\"}"))),
                Verdict.rejected("x", "rejected"));

        assertThat(ExchangeDetails.describe(trace)).isEqualTo("""
                REQUEST, as sent
                {
                  "key": "K"
                }

                REPLY
                {
                  "error": "x"
                }

                v1 messages are JSON without a JWS header; the signature is a member of the body.
                """);
    }

    @Test
    void noTraceGivesEmptyText() {
        assertThat(ExchangeDetails.describe(null)).isEmpty();
    }
}
