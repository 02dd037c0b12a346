package com.goodtalk.protocol.v2;

import static com.goodtalk.protocol.v2.RequestForge.HEADER;
import static com.goodtalk.protocol.v2.RequestForge.KEY_ID;
import static com.goodtalk.protocol.v2.RequestForge.NOW;
import static com.goodtalk.protocol.v2.RequestForge.claims;
import static com.goodtalk.protocol.v2.RequestForge.json;
import static com.goodtalk.protocol.v2.RequestForge.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.goodtalk.protocol.jose.CompactJws;
import com.goodtalk.protocol.v2.V2RequestRejectedException.Check;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checks the server's request verification, steps 1 to 6, on valid requests and their edge cases. */
class V2RequestVerifierTest {

    private static V2RequestRejectedException rejection(V2Operation endpoint, byte[] body) {
        return catchThrowableOfType(() -> RequestForge.verifier().verify(endpoint, body),
                V2RequestRejectedException.class);
    }

    private static V2RequestRejectedException rejection(byte[] body) {
        return rejection(V2Operation.ACTIVATE, body);
    }

    @Test
    void signedRequestVerifies() throws Exception {
        V2Request request = RequestForge.signer().sign(V2Operation.ACTIVATE, RequestForge.PRODUCT_KEY,
                RequestForge.MACHINE, RequestForge.APP);

        VerifiedV2Request verified = RequestForge.verifier().verify(V2Operation.ACTIVATE, request.body());

        assertThat(verified.operation()).isEqualTo(V2Operation.ACTIVATE);
        assertThat(verified.keyId()).isEqualTo(KEY_ID);
        assertThat(verified.productKey()).isEqualTo(RequestForge.PRODUCT_KEY);
        assertThat(verified.machine()).isEqualTo(RequestForge.MACHINE);
        assertThat(verified.app()).isEqualTo(RequestForge.APP);
        assertThat(verified.jti()).isEqualTo(request.jti());
        assertThat(verified.issuedAt().getEpochSecond()).isEqualTo(NOW);
        assertThat(verified.requestHash()).isEqualTo(V2Protocol.requestHash(request.body()));
    }

    @Test
    void signedRequestHasSpecWireFormat() throws Exception {
        V2Request request = RequestForge.signer().sign(V2Operation.VALIDATE, "K-1", "m1", "App 1");

        CompactJws jws = CompactJws.parse(request.body());

        assertThat(jws.headerJson()).isEqualTo(HEADER);
        assertThat(jws.payloadText()).isEqualTo("{\"op\":\"validate\",\"key\":\"K-1\",\"machine\":\"m1\","
                + "\"app\":\"App 1\",\"jti\":\"" + request.jti() + "\",\"iat\":" + NOW + "}");
        assertThat(jws.signature()).hasSize(32);
        assertThat(request.headerJson()).isEqualTo(HEADER);
        assertThat(request.payloadJson()).isEqualTo(jws.payloadText());
        assertThat(request.encodedSignature()).isEqualTo(jws.encodedSignature());
        assertThat(request.jti()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(request.issuedAt().getEpochSecond()).isEqualTo(NOW);
        assertThat(request.requestHash()).isEqualTo(V2Protocol.requestHash(request.body()));
    }

    @Test
    void eachRequestGetsFreshJti() {
        V2RequestSigner signer = RequestForge.signer();

        V2Request first = signer.sign(V2Operation.ACTIVATE, "K", "m", "a");
        V2Request second = signer.sign(V2Operation.ACTIVATE, "K", "m", "a");

        assertThat(first.jti()).isNotEqualTo(second.jti());
        assertThat(Arrays.equals(first.body(), second.body())).isFalse();
    }

    @Test
    void requestHmacUsesDerivedKeyNotClientSecret() {
        // A request MACed with the raw client secret, as v1 would, must not verify.
        V2Request request = new V2RequestSigner(KEY_ID, RequestForge.CLIENT_SECRET, RequestForge.fixedClock(NOW))
                .sign(V2Operation.ACTIVATE, "K", "m", "a");
        String signingInput = RequestForge.ascii(request.body()).substring(0, RequestForge.ascii(request.body())
                .lastIndexOf('.'));
        byte[] rawSecretMac = RequestForge.CLIENT_SECRET.hmacSha256(signingInput.getBytes(StandardCharsets.US_ASCII));
        byte[] body = (signingInput + "." + com.goodtalk.protocol.jose.Base64Url.encode(rawSecretMac))
                .getBytes(StandardCharsets.US_ASCII);

        V2RequestRejectedException e = rejection(body);

        assertThat(e.check()).isEqualTo(Check.HMAC);
        assertThat(e.status()).isEqualTo(V2Status.BAD_SIGNATURE);
    }

    @Test
    void headerFormattingIsNotCanonicalised() throws Exception {
        // The HMAC covers the received bytes, so any header spelling that is signed verifies.
        String header = "{ \"kid\" : \"" + KEY_ID + "\", \"typ\":\"goodtalk-request+jwt\", \"alg\":\"HS256\", \"x\":1 }";

        VerifiedV2Request verified = RequestForge.verifier().verify(V2Operation.ACTIVATE, signed(header,
                json(claims())));

        assertThat(verified.keyId()).isEqualTo(KEY_ID);
    }

    @Test
    void unknownClaimsIgnored() throws Exception {
        Map<String, Object> claims = claims();
        claims.put("extra", Map.of("nested", true));

        VerifiedV2Request verified = RequestForge.verifier().verify(V2Operation.ACTIVATE, signed(claims));

        assertThat(verified.productKey()).isEqualTo(RequestForge.PRODUCT_KEY);
    }

    @Test
    void oversizedBodyIsTooLarge() {
        byte[] body = new byte[V2Protocol.MAX_REQUEST_BYTES + 1];
        Arrays.fill(body, (byte) 'A');

        V2RequestRejectedException e = rejection(body);

        assertThat(e.check()).isEqualTo(Check.SIZE_LIMIT);
        assertThat(e.status()).isEqualTo(V2Status.TOO_LARGE);
        assertThat(e.httpStatus()).isEqualTo(413);
        assertThat(e.getMessage()).contains("16384");
        assertThat(e.requestJti()).isEmpty();
    }

    @Test
    void bodyAtLimitPassesSizeCheck() {
        byte[] body = new byte[V2Protocol.MAX_REQUEST_BYTES];
        Arrays.fill(body, (byte) 'A');

        V2RequestRejectedException e = rejection(body);

        assertThat(e.check()).isEqualTo(Check.SYNTAX);
        assertThat(e.status()).isEqualTo(V2Status.MALFORMED);
    }

    @Test
    void largestValidRequestVerifies() throws Exception {
        // A key that brings the body to exactly 16 KiB is accepted: the limit is inclusive.
        V2RequestSigner signer = RequestForge.signer();
        String key = findKeyFillingLimit(signer);

        V2Request request = signer.sign(V2Operation.ACTIVATE, key, "m", "a");
        VerifiedV2Request verified = RequestForge.verifier().verify(V2Operation.ACTIVATE, request.body());

        assertThat(request.body()).hasSize(V2Protocol.MAX_REQUEST_BYTES);
        assertThat(verified.productKey()).isEqualTo(key);
    }

    private static String findKeyFillingLimit(V2RequestSigner signer) {
        for (int length = 12_000; length < 13_000; length++) {
            String key = "K".repeat(length);
            try {
                if (signer.sign(V2Operation.ACTIVATE, key, "m", "a").body().length == V2Protocol.MAX_REQUEST_BYTES) {
                    return key;
                }
            } catch (IllegalArgumentException tooLong) {
                break;
            }
        }
        throw new AssertionError("No key length gives a body of exactly " + V2Protocol.MAX_REQUEST_BYTES + " bytes");
    }

    @Test
    void signerRejectsKeyBeyondLimit() {
        assertThatThrownBy(() -> RequestForge.signer().sign(V2Operation.ACTIVATE, "K".repeat(20_000), "m", "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than the server accepts (16384)")
                .hasMessageContaining("20000 characters");
    }

    @Test
    void wrongEndpointIsMalformedWithJti() {
        Map<String, Object> claims = claims();

        V2RequestRejectedException e = rejection(V2Operation.DEACTIVATE, signed(claims));

        assertThat(e.check()).isEqualTo(Check.CLAIMS);
        assertThat(e.status()).isEqualTo(V2Status.MALFORMED);
        assertThat(e.getMessage()).isEqualTo("The claim op is \"activate\" but the request was sent to"
                + " /v2/deactivate. Send it to /v2/activate, or set op to \"deactivate\".");
        assertThat(e.requestJti()).contains((String) claims.get("jti"));
    }

    @Test
    void everyOperationVerifiesAtItsEndpoint() throws Exception {
        for (V2Operation operation : V2Operation.values()) {
            V2Request request = RequestForge.signer().sign(operation, "K", "m", "a");

            assertThat(RequestForge.verifier().verify(operation, request.body()).operation()).isEqualTo(operation);
        }
    }

    @Test
    void signerRejectsInvalidValues() {
        V2RequestSigner signer = RequestForge.signer();

        assertThatThrownBy(() -> signer.sign(V2Operation.ACTIVATE, "", "m", "a"))
                .hasMessageContaining("product key is empty");
        assertThatThrownBy(() -> signer.sign(V2Operation.ACTIVATE, "K\uD800", "m", "a"))
                .hasMessageContaining("unpaired UTF-16 surrogate");
        assertThatThrownBy(() -> signer.sign(V2Operation.ACTIVATE, "K", "my machine", "a"))
                .hasMessageContaining("machine fingerprint \"my machine\" is invalid");
        assertThatThrownBy(() -> signer.sign(V2Operation.ACTIVATE, "K", "m".repeat(129), "a"))
                .hasMessageContaining("1 to 128 characters");
        assertThatThrownBy(() -> signer.sign(V2Operation.ACTIVATE, "K", "m", "a".repeat(65)))
                .hasMessageContaining("1 to 64 printable ASCII");
        assertThatThrownBy(() -> signer.sign(V2Operation.ACTIVATE, "K", "m", "Caf\u00e9"))
                .hasMessageContaining("app name \"Caf\u00e9\" is invalid");
        assertThatThrownBy(() -> new V2RequestSigner("has space", RequestForge.CLIENT_SECRET, RequestForge.fixedClock(NOW)))
                .hasMessageContaining("client key id \"has space\" is invalid");
    }

    @Test
    void textsPrintNoProductKey() throws Exception {
        V2Request request = RequestForge.signer().sign(V2Operation.ACTIVATE, RequestForge.PRODUCT_KEY, "m", "a");
        VerifiedV2Request verified = RequestForge.verifier().verify(V2Operation.ACTIVATE, request.body());

        assertThat(request.toString()).doesNotContain(RequestForge.PRODUCT_KEY).contains(request.jti());
        assertThat(verified.toString()).doesNotContain(RequestForge.PRODUCT_KEY).contains(request.jti());
        assertThat(RequestForge.signer().toString()).isEqualTo("V2RequestSigner[kid=desktop-1]");
    }

    @Test
    void builderRejectsBadConfiguration() {
        assertThatThrownBy(() -> V2RequestVerifier.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No client key added");
        assertThatThrownBy(() -> V2RequestVerifier.builder().clientKey("a", RequestForge.CLIENT_SECRET)
                .clientKey("a", RequestForge.CLIENT_SECRET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("added twice");
        assertThatThrownBy(() -> V2RequestVerifier.builder().allowedSkew(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 s to 1 h");
        assertThatThrownBy(() -> V2RequestVerifier.builder().allowedSkew(java.time.Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole seconds");
    }

    @Test
    void secondClientKeyVerifiesItsOwnRequests() throws Exception {
        var otherSecret = RequestForge.randomSecret();
        V2RequestVerifier verifier = V2RequestVerifier.builder()
                .clientKey(KEY_ID, RequestForge.CLIENT_SECRET)
                .clientKey("kiosk-7", otherSecret)
                .clock(RequestForge.fixedClock(NOW))
                .build();
        V2Request request = new V2RequestSigner("kiosk-7", otherSecret, RequestForge.fixedClock(NOW))
                .sign(V2Operation.ACTIVATE, "K", "m", "a");
        V2Request mislabelled = new V2RequestSigner(KEY_ID, otherSecret, RequestForge.fixedClock(NOW))
                .sign(V2Operation.ACTIVATE, "K", "m", "a");

        assertThat(verifier.verify(V2Operation.ACTIVATE, request.body()).keyId()).isEqualTo("kiosk-7");
        assertThat(catchThrowableOfType(() -> verifier.verify(V2Operation.ACTIVATE, mislabelled.body()),
                V2RequestRejectedException.class).check()).isEqualTo(Check.HMAC);
    }
}
