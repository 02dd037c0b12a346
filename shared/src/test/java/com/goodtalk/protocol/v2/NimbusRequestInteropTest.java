package com.goodtalk.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.goodtalk.protocol.jose.CompactJws;
import com.goodtalk.protocol.v2.V2RequestRejectedException.Check;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Cross-checks HS256 requests with a second JOSE implementation, nimbus-jose-jwt. */
class NimbusRequestInteropTest {

    private static JWSObject nimbusRequest(JWSAlgorithm algorithm, String keyId) throws Exception {
        JWSHeader header = new JWSHeader.Builder(algorithm)
                .type(new JOSEObjectType(V2Protocol.REQUEST_TYPE))
                .keyID(keyId)
                .build();
        JWSObject jws = new JWSObject(header, new Payload(RequestForge.json(RequestForge.claims())));
        byte[] key = RequestForge.hmacKeyBytes();
        // HS512 needs a 64-byte key in nimbus; doubling the derived key gives one for the algorithm attack.
        jws.sign(new MACSigner(algorithm == JWSAlgorithm.HS256 ? key : concat(key, key)));
        return jws;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] result = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }

    @Test
    void verifierAcceptsNimbusSignedRequest() throws Exception {
        JWSObject jws = nimbusRequest(JWSAlgorithm.HS256, RequestForge.KEY_ID);

        VerifiedV2Request verified = RequestForge.verifier().verify(V2Operation.ACTIVATE,
                jws.serialize().getBytes(StandardCharsets.US_ASCII));

        assertThat(verified.productKey()).isEqualTo(RequestForge.PRODUCT_KEY);
        assertThat(verified.keyId()).isEqualTo(RequestForge.KEY_ID);
    }

    @Test
    void nimbusVerifiesOurRequest() throws Exception {
        V2Request request = RequestForge.signer().sign(V2Operation.ACTIVATE, RequestForge.PRODUCT_KEY,
                RequestForge.MACHINE, RequestForge.APP);

        JWSObject parsed = JWSObject.parse(new String(request.body(), StandardCharsets.US_ASCII));

        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(parsed.getHeader().getType().getType()).isEqualTo(V2Protocol.REQUEST_TYPE);
        assertThat(parsed.verify(new MACVerifier(RequestForge.hmacKeyBytes()))).isTrue();
        assertThat(parsed.getPayload().toJSONObject()).containsEntry("jti", request.jti());
    }

    @Test
    void nimbusSignedHs512Rejected() throws Exception {
        byte[] body = nimbusRequest(JWSAlgorithm.HS512, RequestForge.KEY_ID).serialize()
                .getBytes(StandardCharsets.US_ASCII);

        V2RequestRejectedException e = catchThrowableOfType(
                () -> RequestForge.verifier().verify(V2Operation.ACTIVATE, body), V2RequestRejectedException.class);

        assertThat(e.check()).isEqualTo(Check.HEADER);
        assertThat(e.status()).isEqualTo(V2Status.BAD_SIGNATURE);
    }

    @Test
    void nimbusHeaderSpellingKeptAsReceived() throws Exception {
        // nimbus writes its own header member order; the verifier must MAC the bytes as received.
        JWSObject jws = nimbusRequest(JWSAlgorithm.HS256, RequestForge.KEY_ID);

        CompactJws parsed = CompactJws.parse(jws.serialize().getBytes(StandardCharsets.US_ASCII));

        assertThat(parsed.signingInput()).isEqualTo(jws.getSigningInput());
    }
}
