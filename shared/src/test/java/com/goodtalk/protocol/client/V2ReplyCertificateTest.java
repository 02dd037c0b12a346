package com.goodtalk.protocol.client;

import static com.goodtalk.protocol.client.ReplyForge.NOW;
import static com.goodtalk.protocol.client.ReplyForge.check;
import static com.goodtalk.protocol.client.ReplyForge.genuine;
import static com.goodtalk.protocol.client.ReplyForge.http;
import static com.goodtalk.protocol.client.ReplyForge.payload;
import static com.goodtalk.protocol.client.ReplyForge.request;
import static com.goodtalk.protocol.client.ReplyForge.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Request;
import com.goodtalk.protocol.v2.V2Status;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Checks that the client hands out the license certificate of a verified reply, and only of one. */
class V2ReplyCertificateTest {

    private static final String CERTIFICATE = "eyJhbGciOiJFZERTQSJ9.eyJsaWMiOiIxIn0.c2ln";

    private static ObjectNode withCertificate(V2Request request, V2Status status, Object certificate) {
        ObjectNode payload = payload(request, status);
        ObjectNode license = (ObjectNode) payload.get("license");
        if (certificate instanceof String text) {
            license.put("certificate", text);
        } else if (certificate instanceof Integer number) {
            license.put("certificate", number);
        }
        return payload;
    }

    @Test
    void activatedReplyHandsOutItsCertificateAndTime() {
        V2Request request = request(V2Operation.ACTIVATE);

        VerificationTrace trace = check(request, http(signed(withCertificate(request, V2Status.ACTIVATED,
                CERTIFICATE))));

        assertThat(trace.verdict().isActivated()).isTrue();
        assertThat(trace.verdict().licenseCertificate()).contains(CERTIFICATE);
        assertThat(trace.verdict().serverTime()).contains(Instant.ofEpochSecond(NOW));
        assertThat(trace.step(StepId.READ_DECISION).orElseThrow().values())
                .containsEntry("license certificate", CERTIFICATE);
    }

    @Test
    void validReplyHandsOutItsCertificate() {
        V2Request request = request(V2Operation.VALIDATE);

        VerificationTrace trace = check(request, http(signed(withCertificate(request, V2Status.VALID,
                CERTIFICATE))));

        assertThat(trace.verdict().licenseCertificate()).contains(CERTIFICATE);
    }

    @Test
    void replyWithoutCertificateHasNone() {
        V2Request request = request(V2Operation.ACTIVATE);

        VerificationTrace trace = check(request, genuine(request, V2Status.ACTIVATED));

        assertThat(trace.verdict().isActivated()).isTrue();
        assertThat(trace.verdict().licenseCertificate()).isEmpty();
        assertThat(trace.verdict().serverTime()).contains(Instant.ofEpochSecond(NOW));
    }

    @Test
    void certificateOfNonStringTypeFailsTheDecision() {
        V2Request request = request(V2Operation.ACTIVATE);

        VerificationTrace trace = check(request, http(signed(withCertificate(request, V2Status.ACTIVATED, 7))));

        assertThat(trace.verdict().kind()).isEqualTo(Verdict.Kind.VERIFICATION_FAILED);
        assertThat(trace.verdict().failedStepId()).contains(StepId.READ_DECISION);
        assertThat(trace.verdict().message()).contains("license.certificate");
        assertThat(trace.verdict().licenseCertificate()).isEmpty();
    }

    @Test
    void certificateInAForgedReplyIsNotHandedOut() {
        V2Request request = request(V2Operation.ACTIVATE);
        ObjectNode payload = withCertificate(request, V2Status.ACTIVATED, CERTIFICATE);

        VerificationTrace trace = check(request, http(ReplyForge.signedBy(
                ServerSigningKey.generate(), ReplyForge.header(), ReplyForge.json(payload))));

        assertThat(trace.verdict().isActivated()).isFalse();
        assertThat(trace.verdict().licenseCertificate()).isEmpty();
    }
}
