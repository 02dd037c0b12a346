package com.goodtalk.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2Request;
import com.goodtalk.protocol.v2.V2RequestSigner;
import com.goodtalk.protocol.v2.V2WorkedExample;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Checks that the client accepts the reply of {@code docs/protocol-v2-example.md} as the answer to its request. */
class V2WorkedExampleReplyTest {

    private static final Clock CLIENT_CLOCK = Clock.fixed(V2WorkedExample.CLIENT_TIME, ZoneOffset.UTC);

    @Test
    void clientAcceptsExampleReply() throws Exception {
        V2WorkedExample example = V2WorkedExample.compute();
        JsonWebKeySet pinned = JsonWebKeySet.parse(example.jwks());
        TraceRecorder trace = new TraceRecorder("v2", URI.create("http://127.0.0.1:1/v2/activate"), CLIENT_CLOCK);
        HttpReply reply = new HttpReply(200, V2Protocol.CONTENT_TYPE,
                example.replyBody().getBytes(StandardCharsets.US_ASCII));

        VerificationTrace result = trace.finish(new V2ReplyChecks(pinned, CLIENT_CLOCK)
                .run(trace, example.request(), reply));

        assertThat(result.verdict().kind()).isEqualTo(Verdict.Kind.ACTIVATED);
        assertThat(result.steps()).extracting(TraceStep::id).containsExactly(StepId.PARSE_REPLY,
                StepId.CHECK_ALGORITHM, StepId.CHECK_KEY_ID, StepId.VERIFY_SIGNATURE, StepId.CHECK_REQUEST_HASH,
                StepId.CHECK_ECHO, StepId.READ_DECISION);
        assertThat(result.steps()).extracting(TraceStep::outcome).containsOnly(StepOutcome.PASSED);
        assertThat(result.step(StepId.READ_DECISION).orElseThrow().values())
                .containsEntry("clock offset", "+1 s (the server clock is 1 s ahead of this computer's)");
    }

    @Test
    void exampleReplyFailsForOtherRequest() throws Exception {
        V2WorkedExample example = V2WorkedExample.compute();
        JsonWebKeySet pinned = JsonWebKeySet.parse(example.jwks());
        TraceRecorder trace = new TraceRecorder("v2", URI.create("http://127.0.0.1:1/v2/activate"), CLIENT_CLOCK);
        // The example's request signed again carries a fresh jti and so a different body: the
        // example reply must not be accepted as its answer.
        V2Request otherRequest = new V2RequestSigner(V2WorkedExample.CLIENT_KEY_ID,
                Secret.ofUtf8(V2WorkedExample.CLIENT_SECRET), CLIENT_CLOCK)
                .sign(example.request().operation(), example.request().productKey(), example.request().machine(),
                        example.request().app());

        VerificationTrace result = trace.finish(new V2ReplyChecks(pinned, CLIENT_CLOCK)
                .run(trace, otherRequest, new HttpReply(200, V2Protocol.CONTENT_TYPE,
                        example.replyBody().getBytes(StandardCharsets.US_ASCII))));

        assertThat(result.verdict().kind()).isEqualTo(Verdict.Kind.VERIFICATION_FAILED);
        assertThat(result.verdict().failedStepId()).contains(StepId.CHECK_REQUEST_HASH);
    }
}
