package com.goodtalk.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.jose.CompactJws;
import com.goodtalk.protocol.jose.ServerSigningKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checks the server's reply signing: wire format, license rules and rejection replies. */
class V2ReplySignerTest {

    private static final ServerSigningKey KEY = ServerSigningKey.generate();
    private static final V2ReplySigner SIGNER = new V2ReplySigner(KEY, RequestForge.fixedClock(RequestForge.NOW));

    private static V2License license() {
        return new V2License("GoodTalk", "pro", List.of("export"), Optional.empty(), 1, 2, RequestForge.MACHINE);
    }

    private static ObjectNode payloadOf(V2SignedReply reply) throws Exception {
        CompactJws jws = CompactJws.parse(reply.body());
        assertThat(KEY.publicKey().verifySignature(jws.signingInput(), jws.signature())).isTrue();
        return StrictJson.parseObject(jws.payload());
    }

    @Test
    void replyToVerifiedRequestHasSpecFormat() throws Exception {
        V2Request request = RequestForge.signer().sign(V2Operation.ACTIVATE, "K", RequestForge.MACHINE, "a");
        VerifiedV2Request verified = RequestForge.verifier().verify(V2Operation.ACTIVATE, request.body());

        V2SignedReply reply = SIGNER.sign(verified, V2Status.ACTIVATED, "Activated.", license());

        CompactJws jws = CompactJws.parse(reply.body());
        assertThat(jws.headerJson()).isEqualTo("{\"alg\":\"EdDSA\",\"typ\":\"goodtalk-reply+jwt\",\"kid\":\""
                + KEY.publicKey().thumbprint() + "\"}");
        ObjectNode payload = payloadOf(reply);
        assertThat(payload.get("req").textValue()).isEqualTo(request.requestHash());
        assertThat(payload.get("req_jti").textValue()).isEqualTo(request.jti());
        assertThat(payload.get("jti").textValue()).hasSize(43).isNotEqualTo(request.jti());
        assertThat(payload.get("iat").longValue()).isEqualTo(RequestForge.NOW);
        assertThat(payload.get("status").textValue()).isEqualTo("activated");
        assertThat(payload.get("message").textValue()).isEqualTo("Activated.");
        assertThat(payload.get("license").toString()).isEqualTo("{\"product\":\"GoodTalk\",\"edition\":\"pro\","
                + "\"features\":[\"export\"],\"expires\":null,\"seats\":{\"used\":1,\"allowed\":2},"
                + "\"machine\":\"" + RequestForge.MACHINE + "\"}");
        assertThat(reply.httpStatus()).isEqualTo(200);
        assertThat(reply.status()).isEqualTo(V2Status.ACTIVATED);
    }

    @Test
    void expiresWrittenAsSeconds() throws Exception {
        V2License expiring = new V2License("p", "e", List.of(), Optional.of(Instant.ofEpochSecond(1_800_000_000L,
                999_000_000)), 0, 1, "m");

        ObjectNode payload = payloadOf(SIGNER.sign(new byte[] {1}, null, V2Status.VALID, "Valid.", expiring));

        assertThat(payload.get("license").get("expires").longValue()).isEqualTo(1_800_000_000L);
        assertThat(payload.has("req_jti")).isFalse();
    }

    @Test
    void rejectionReplyCarriesStatusMessageAndJti() throws Exception {
        var claims = RequestForge.claims();
        claims.put("iat", RequestForge.NOW - 1000);
        byte[] body = RequestForge.signed(claims);
        V2RequestRejectedException rejection = catchThrowableOfType(
                () -> RequestForge.verifier().verify(V2Operation.ACTIVATE, body), V2RequestRejectedException.class);

        V2SignedReply reply = SIGNER.signRejection(rejection);

        ObjectNode payload = payloadOf(reply);
        assertThat(reply.httpStatus()).isEqualTo(401);
        assertThat(payload.get("status").textValue()).isEqualTo("stale_request");
        assertThat(payload.get("message").textValue()).isEqualTo(rejection.getMessage());
        assertThat(payload.get("req").textValue()).isEqualTo(V2Protocol.requestHash(body));
        assertThat(payload.get("req_jti").textValue()).isEqualTo(claims.get("jti"));
        assertThat(payload.has("license")).isFalse();
    }

    @Test
    void rejectionBeforePayloadOmitsJti() throws Exception {
        byte[] body = "not a jws".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        V2RequestRejectedException rejection = catchThrowableOfType(
                () -> RequestForge.verifier().verify(V2Operation.ACTIVATE, body), V2RequestRejectedException.class);

        ObjectNode payload = payloadOf(SIGNER.signRejection(rejection));

        assertThat(payload.has("req_jti")).isFalse();
        assertThat(payload.get("req").textValue()).isEqualTo(V2Protocol.requestHash(body));
        assertThat(payload.get("status").textValue()).isEqualTo("malformed");
    }

    @Test
    void everyReplyGetsFreshJti() throws Exception {
        byte[] body = {1, 2, 3};

        String first = payloadOf(SIGNER.sign(body, null, V2Status.MALFORMED, "Bad.", null)).get("jti").textValue();
        String second = payloadOf(SIGNER.sign(body, null, V2Status.MALFORMED, "Bad.", null)).get("jti").textValue();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void licenseRulesEnforced() {
        byte[] body = {1};

        assertThatThrownBy(() -> SIGNER.sign(body, null, V2Status.ACTIVATED, "Activated.", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("activated reply needs a license");
        assertThatThrownBy(() -> SIGNER.sign(body, null, V2Status.KEY_INVALID, "No.", license()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key_invalid reply carries no");
        assertThatThrownBy(() -> SIGNER.sign(body, null, V2Status.KEY_INVALID, " ", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("message is blank");
        assertThatThrownBy(() -> new V2License("p", "e", List.of(), Optional.empty(), -1, 1, "m"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("used=-1");
    }

    @Test
    void statusWordsAndCodesMatchSpec() {
        assertThat(V2Status.values()).extracting(V2Status::word).containsExactly("activated", "valid",
                "deactivated", "malformed", "bad_signature", "stale_request", "replayed", "key_invalid",
                "version_not_allowed", "rate_limited", "too_large", "seat_limit_reached", "not_activated",
                "key_suspended", "key_revoked", "key_expired", "certificate_invalid");
        assertThat(V2Status.values()).extracting(V2Status::httpStatus).containsExactly(200, 200, 200, 400, 401,
                401, 409, 403, 403, 429, 413, 403, 403, 403, 403, 403, 403);
        assertThat(V2Status.fromWord("replayed")).contains(V2Status.REPLAYED);
        assertThat(V2Status.fromWord("Replayed")).isEmpty();
        assertThat(V2Operation.fromClaim("deactivate")).contains(V2Operation.DEACTIVATE);
        assertThat(V2Operation.VALIDATE.path()).isEqualTo("/v2/validate");
    }
}
