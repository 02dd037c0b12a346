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
import com.goodtalk.protocol.jose.Base64Url;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Request;
import com.goodtalk.protocol.v2.V2Status;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Attacks on replies, each asserting the exact step that catches it. */
class V2ReplyAttackTest {

    private static final String THUMBPRINT = ReplyForge.SERVER_KEY.publicKey().thumbprint();

    private static void assertFailsAt(VerificationTrace trace, String stepId) {
        assertThat(trace.verdict().kind()).as(trace.verdict().toString()).isEqualTo(Verdict.Kind.VERIFICATION_FAILED);
        assertThat(trace.verdict().failedStepId()).as(trace.verdict().toString()).contains(stepId);
        assertThat(trace.firstFailedStep().orElseThrow().id()).isEqualTo(stepId);
        assertThat(trace.steps().get(trace.steps().size() - 1).id()).isEqualTo(StepId.READ_DECISION);
    }

    private static String[] parts(HttpReply reply) {
        return new String(reply.body(), StandardCharsets.US_ASCII).split("\\.", -1);
    }

    private static byte[] join(String header, String payload, String signature) {
        return (header + "." + payload + "." + signature).getBytes(StandardCharsets.US_ASCII);
    }

    private static String encode(String json) {
        return Base64Url.encode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String headerWith(String alg, String kid) {
        return "{\"alg\":\"" + alg + "\",\"typ\":\"goodtalk-reply+jwt\",\"kid\":\"" + kid + "\"}";
    }

    @Test
    void algNoneWithEmptySignatureFailsParse() {
        V2Request request = request(V2Operation.ACTIVATE);
        String payload = parts(genuine(request, V2Status.ACTIVATED))[1];

        VerificationTrace trace = check(request, http(join(encode(headerWith("none", THUMBPRINT)), payload, "")));

        assertFailsAt(trace, StepId.PARSE_REPLY);
        assertThat(trace.verdict().message()).contains("signature part is empty");
    }

    @Test
    void algNoneWithSignatureFailsAlgorithm() {
        V2Request request = request(V2Operation.ACTIVATE);
        String[] parts = parts(genuine(request, V2Status.ACTIVATED));

        VerificationTrace trace = check(request, http(join(encode(headerWith("none", THUMBPRINT)), parts[1],
                parts[2])));

        assertFailsAt(trace, StepId.CHECK_ALGORITHM);
    }

    @Test
    void hs256WithPublicKeyAsSecretFailsAlgorithm() throws GeneralSecurityException {
        // The classic confusion attack: HMAC keyed with the public key bytes, which every client has.
        V2Request request = request(V2Operation.ACTIVATE);
        String payload = parts(genuine(request, V2Status.ACTIVATED))[1];
        String signingInput = encode(headerWith("HS256", THUMBPRINT)) + "." + payload;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ReplyForge.SERVER_KEY.publicKey().raw(), "HmacSHA256"));
        String signature = Base64Url.encode(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));

        VerificationTrace trace = check(request, http((signingInput + "." + signature)
                .getBytes(StandardCharsets.US_ASCII)));

        assertFailsAt(trace, StepId.CHECK_ALGORITHM);
        assertThat(trace.verdict().message()).contains("\"HS256\"");
    }

    static Stream<String> otherAlgorithms() {
        return Stream.of("eddsa", "ES256", "Ed25519", "EdDSA ", "");
    }

    @ParameterizedTest(name = "alg {0}")
    @MethodSource("otherAlgorithms")
    void otherAlgorithmWithValidSignatureFails(String alg) {
        V2Request request = request(V2Operation.ACTIVATE);

        VerificationTrace trace = check(request, http(signed(headerWith(alg, THUMBPRINT),
                json(payload(request, V2Status.ACTIVATED)))));

        assertFailsAt(trace, StepId.CHECK_ALGORITHM);
    }

    @Test
    void missingAlgFails() {
        V2Request request = request(V2Operation.ACTIVATE);

        VerificationTrace trace = check(request, http(signed("{\"typ\":\"goodtalk-reply+jwt\",\"kid\":\""
                + THUMBPRINT + "\"}", json(payload(request, V2Status.ACTIVATED)))));

        assertFailsAt(trace, StepId.CHECK_ALGORITHM);
    }

    @Test
    void unpinnedKeyFailsKeyId() {
        ServerSigningKey attacker = ServerSigningKey.generate();
        V2Request request = request(V2Operation.ACTIVATE);

        VerificationTrace trace = check(request, http(ReplyForge.signedBy(attacker,
                headerWith("EdDSA", attacker.publicKey().thumbprint()), json(payload(request, V2Status.ACTIVATED)))));

        assertFailsAt(trace, StepId.CHECK_KEY_ID);
        assertThat(trace.verdict().message()).contains("not one of the pinned keys");
    }

    @Test
    void missingKidFailsKeyId() {
        V2Request request = request(V2Operation.ACTIVATE);

        VerificationTrace trace = check(request, http(signed("{\"alg\":\"EdDSA\",\"typ\":\"goodtalk-reply+jwt\"}",
                json(payload(request, V2Status.ACTIVATED)))));

        assertFailsAt(trace, StepId.CHECK_KEY_ID);
    }

    @Test
    void pinnedKidSignedByOtherKeyFailsSignature() {
        V2Request request = request(V2Operation.ACTIVATE);

        VerificationTrace trace = check(request, http(ReplyForge.signedBy(ServerSigningKey.generate(), header(),
                json(payload(request, V2Status.ACTIVATED)))));

        assertFailsAt(trace, StepId.VERIFY_SIGNATURE);
    }

    @Test
    void wrongTypFailsParse() {
        V2Request request = request(V2Operation.ACTIVATE);

        VerificationTrace trace = check(request, http(signed("{\"alg\":\"EdDSA\",\"typ\":\"goodtalk-request+jwt\","
                + "\"kid\":\"" + THUMBPRINT + "\"}", json(payload(request, V2Status.ACTIVATED)))));

        assertFailsAt(trace, StepId.PARSE_REPLY);
    }

    @Test
    void unsignedJsonErrorFailsParse() {
        V2Request request = request(V2Operation.ACTIVATE);

        VerificationTrace trace = check(request, new HttpReply(403, "application/json",
                "{\"error\": \"key_invalid\"}".getBytes(StandardCharsets.UTF_8)));

        assertFailsAt(trace, StepId.PARSE_REPLY);
        assertThat(trace.verdict().message()).contains("HTTP 403").contains("application/json");
    }

    @Test
    void jsonBodyLabelledJoseFailsParse() {
        V2Request request = request(V2Operation.ACTIVATE);

        VerificationTrace trace = check(request, http(403, "{\"status\":\"key_invalid\"}"
                .getBytes(StandardCharsets.UTF_8)));

        assertFailsAt(trace, StepId.PARSE_REPLY);
    }

    @Test
    void decodedSignatureTruncatedFailsSignature() throws Exception {
        V2Request request = request(V2Operation.ACTIVATE);
        String[] parts = parts(genuine(request, V2Status.ACTIVATED));
        byte[] signature = Base64Url.decode(parts[2], "signature");

        VerificationTrace trace = check(request, http(join(parts[0], parts[1],
                Base64Url.encode(Arrays.copyOf(signature, 63)))));

        assertFailsAt(trace, StepId.VERIFY_SIGNATURE);
    }

    @Test
    void paddedSignatureFailsParse() {
        V2Request request = request(V2Operation.ACTIVATE);
        String[] parts = parts(genuine(request, V2Status.ACTIVATED));

        assertFailsAt(check(request, http(join(parts[0], parts[1], parts[2] + "=="))), StepId.PARSE_REPLY);
    }

    @Test
    void signatureLastCharacterChangedFails() {
        V2Request request = request(V2Operation.ACTIVATE);
        String[] parts = parts(genuine(request, V2Status.ACTIVATED));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String signature = parts[2];

        for (char replacement : alphabet.toCharArray()) {
            if (replacement == signature.charAt(signature.length() - 1)) {
                continue;
            }
            String changed = signature.substring(0, signature.length() - 1) + replacement;
            // The last of 86 characters carries 2 signature bits and 4 unused bits, which must be zero.
            boolean unusedBitsSet = (alphabet.indexOf(replacement) & 0b1111) != 0;

            assertFailsAt(check(request, http(join(parts[0], parts[1], changed))),
                    unusedBitsSet ? StepId.PARSE_REPLY : StepId.VERIFY_SIGNATURE);
        }
    }

    static Stream<Arguments> claimEdits() {
        return Stream.of(
                Arguments.of("status", "valid"),
                Arguments.of("message", "Everything is fine."),
                Arguments.of("req", Base64Url.encode(new byte[32])),
                Arguments.of("req_jti", Base64Url.encode(new byte[32])),
                Arguments.of("jti", Base64Url.encode(new byte[32])),
                Arguments.of("iat", "1"),
                Arguments.of("license", "{}"),
                Arguments.of("extra", "added"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("claimEdits")
    void editedClaimWithoutResigningFailsSignature(String claim, String value) {
        V2Request request = request(V2Operation.ACTIVATE);
        String[] parts = parts(genuine(request, V2Status.KEY_INVALID));
        ObjectNode edited = payload(request, V2Status.KEY_INVALID);
        edited.put(claim, value);

        VerificationTrace trace = check(request, http(join(parts[0], encode(json(edited)), parts[2])));

        assertFailsAt(trace, StepId.VERIFY_SIGNATURE);
    }

    @Test
    void errorTurnedSuccessWithoutResigningFailsSignature() {
        V2Request request = request(V2Operation.ACTIVATE);
        String[] error = parts(genuine(request, V2Status.KEY_INVALID));
        String[] success = parts(genuine(request, V2Status.ACTIVATED));

        VerificationTrace trace = check(request, http(join(error[0], success[1], error[2])));

        assertFailsAt(trace, StepId.VERIFY_SIGNATURE);
    }

    @Test
    void replyToAnotherRequestFailsRequestHash() {
        V2Request request = request(V2Operation.ACTIVATE);
        V2Request other = request(V2Operation.ACTIVATE);

        VerificationTrace trace = check(request, genuine(other, V2Status.ACTIVATED));

        assertFailsAt(trace, StepId.CHECK_REQUEST_HASH);
    }

    @Test
    void missingReqFailsRequestHash() {
        V2Request request = request(V2Operation.ACTIVATE);
        ObjectNode payload = payload(request, V2Status.ACTIVATED);
        payload.remove("req");

        assertFailsAt(check(request, http(signed(payload))), StepId.CHECK_REQUEST_HASH);
    }

    @Test
    void duplicateClaimInSignedPayloadFailsRequestHash() {
        V2Request request = request(V2Operation.ACTIVATE);
        String payload = json(payload(request, V2Status.KEY_INVALID));
        String duplicated = payload.substring(0, payload.length() - 1) + ",\"status\":\"activated\"}";

        VerificationTrace trace = check(request, http(signed(header(), duplicated)));

        assertFailsAt(trace, StepId.CHECK_REQUEST_HASH);
        assertThat(trace.verdict().message()).contains("Duplicate field 'status'");
    }

    @Test
    void reqJtiOfAnotherRequestFailsEcho() {
        V2Request request = request(V2Operation.ACTIVATE);
        ObjectNode payload = payload(request, V2Status.ACTIVATED);
        payload.put("req_jti", request(V2Operation.ACTIVATE).jti());

        VerificationTrace trace = check(request, http(signed(payload)));

        assertFailsAt(trace, StepId.CHECK_ECHO);
        assertThat(trace.verdict().message()).contains("replayed old reply");
    }

    @Test
    void successWithoutJtiEchoFailsEcho() {
        V2Request request = request(V2Operation.ACTIVATE);
        ObjectNode payload = payload(request, V2Status.ACTIVATED);
        payload.remove("req_jti");

        assertFailsAt(check(request, http(signed(payload))), StepId.CHECK_ECHO);
    }

    @Test
    void reqJtiNumberFailsEcho() {
        V2Request request = request(V2Operation.ACTIVATE);
        ObjectNode payload = payload(request, V2Status.KEY_INVALID);
        payload.put("req_jti", 7);

        assertFailsAt(check(request, http(signed(payload))), StepId.CHECK_ECHO);
    }

    @Test
    void statusForOtherOperationFailsDecision() {
        V2Request request = request(V2Operation.ACTIVATE);
        ObjectNode payload = payload(request, V2Status.ACTIVATED);
        payload.put("status", "valid");

        assertFailsAt(check(request, http(signed(payload))), StepId.READ_DECISION);
    }

    static Stream<Arguments> incompleteReplies() {
        return Stream.of(
                Arguments.of("no status", "status", null),
                Arguments.of("status a number", "status", "1"),
                Arguments.of("no message", "message", null),
                Arguments.of("iat a string", "iat", "\"1750000000\""),
                Arguments.of("iat a float", "iat", "1750000000.5"),
                Arguments.of("no license", "license", null),
                Arguments.of("license a string", "license", "\"pro\""),
                Arguments.of("seats missing", "license", "{\"product\":\"p\",\"edition\":\"e\",\"features\":[],"
                        + "\"expires\":null,\"machine\":\"m\"}"),
                Arguments.of("feature not a string", "license", "{\"product\":\"p\",\"edition\":\"e\","
                        + "\"features\":[1],\"expires\":null,\"seats\":{\"used\":1,\"allowed\":1},\"machine\":\"m\"}"),
                Arguments.of("expires a string", "license", "{\"product\":\"p\",\"edition\":\"e\",\"features\":[],"
                        + "\"expires\":\"never\",\"seats\":{\"used\":1,\"allowed\":1},\"machine\":\"m\"}"),
                Arguments.of("negative seats", "license", "{\"product\":\"p\",\"edition\":\"e\",\"features\":[],"
                        + "\"expires\":null,\"seats\":{\"used\":-1,\"allowed\":1},\"machine\":\"m\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incompleteReplies")
    void incompleteSignedReplyFailsDecision(String name, String claim, String jsonValue) throws Exception {
        V2Request request = request(V2Operation.ACTIVATE);
        ObjectNode payload = payload(request, V2Status.ACTIVATED);
        if (jsonValue == null) {
            payload.remove(claim);
        } else {
            payload.set(claim, com.goodtalk.protocol.StrictJson.mapper().readTree(jsonValue));
        }

        assertFailsAt(check(request, http(signed(payload))), StepId.READ_DECISION);
    }

    @Test
    void partsSwappedFail() {
        V2Request request = request(V2Operation.ACTIVATE);
        String[] parts = parts(genuine(request, V2Status.ACTIVATED));

        VerificationTrace headerPayload = check(request, http(join(parts[1], parts[0], parts[2])));
        VerificationTrace payloadSignature = check(request, http(join(parts[0], parts[2], parts[1])));

        assertFailsAt(headerPayload, StepId.PARSE_REPLY);
        assertFailsAt(payloadSignature, StepId.VERIFY_SIGNATURE);
    }

    @Test
    void everyByteFlipFails() {
        V2Request request = request(V2Operation.ACTIVATE);
        byte[] valid = genuine(request, V2Status.ACTIVATED).body();
        Map<String, Integer> distribution = new TreeMap<>();
        int[] masks = {0x01, 0x20, 0x80};

        for (int mask : masks) {
            for (int i = 0; i < valid.length; i++) {
                byte[] flipped = valid.clone();
                flipped[i] ^= (byte) mask;

                VerificationTrace trace = check(request, http(flipped));

                assertThat(trace.verdict().kind()).as("flip 0x%02x at %d", mask, i)
                        .isEqualTo(Verdict.Kind.VERIFICATION_FAILED);
                distribution.merge(trace.verdict().failedStepId().orElseThrow(), 1, Integer::sum);
            }
        }
        System.out.println("Reply byte flips (" + valid.length + " bytes x " + masks.length + " masks): "
                + distribution);
        assertThat(distribution.keySet()).isSubsetOf(StepId.PARSE_REPLY, StepId.CHECK_ALGORITHM, StepId.CHECK_KEY_ID,
                StepId.VERIFY_SIGNATURE);
    }
}
