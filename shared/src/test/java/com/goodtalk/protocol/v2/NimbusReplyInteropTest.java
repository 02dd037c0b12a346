package com.goodtalk.protocol.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Cross-checks EdDSA replies and the JWKS with nimbus-jose-jwt and the JDK's own Ed25519. */
class NimbusReplyInteropTest {

    private static final ServerSigningKey KEY = ServerSigningKey.generate();

    private static String reply() {
        V2ReplySigner signer = new V2ReplySigner(KEY, RequestForge.fixedClock(RequestForge.NOW));
        V2SignedReply reply = signer.sign("request".getBytes(StandardCharsets.US_ASCII), null, V2Status.KEY_INVALID,
                "The product key is not valid.", null);
        return new String(reply.body(), StandardCharsets.US_ASCII);
    }

    @Test
    void nimbusVerifiesReplyWithOurJwks() throws Exception {
        JWKSet jwks = JWKSet.parse(JsonWebKeySet.of(KEY.publicKey()).toJson());
        JWSObject jws = JWSObject.parse(reply());

        OctetKeyPair jwk = (OctetKeyPair) jwks.getKeyByKeyId(jws.getHeader().getKeyID());

        assertThat(jwk).isNotNull();
        assertThat(jwk.getCurve()).isEqualTo(Curve.Ed25519);
        assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(jws.getHeader().getType().getType()).isEqualTo(V2Protocol.REPLY_TYPE);
        assertThat(jws.verify(new Ed25519Verifier(jwk))).isTrue();
        assertThat(jws.getPayload().toJSONObject()).containsEntry("status", "key_invalid");
    }

    @Test
    void nimbusComputesSameThumbprint() throws Exception {
        JWKSet jwks = JWKSet.parse(JsonWebKeySet.of(KEY.publicKey()).toJson());

        String thumbprint = jwks.getKeys().get(0).computeThumbprint().toString();

        assertThat(thumbprint).isEqualTo(KEY.publicKey().thumbprint());
    }

    @Test
    void nimbusRejectsEditedReply() throws Exception {
        JWSObject jws = JWSObject.parse(reply());
        String[] parts = reply().split("\\.");
        String edited = parts[0] + "." + com.goodtalk.protocol.jose.Base64Url.encode(
                jws.getPayload().toString().replace("key_invalid", "activated").getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        OctetKeyPair jwk = (OctetKeyPair) JWKSet.parse(JsonWebKeySet.of(KEY.publicKey()).toJson()).getKeys().get(0);

        assertThat(JWSObject.parse(edited).verify(new Ed25519Verifier(jwk))).isFalse();
    }

    @Test
    void jdkEd25519VerifiesReply() throws Exception {
        String[] parts = reply().split("\\.");
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                Base64.getMimeDecoder().decode(KEY.publicKey().toPem().replaceAll("-----[A-Z ]+-----", ""))));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));

        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void ourJwksParserAcceptsNimbusKey() throws Exception {
        OctetKeyPair generated = new OctetKeyPairGenerator(Curve.Ed25519).keyIDFromThumbprint(true).generate();
        String publicJwks = new JWKSet(generated.toPublicJWK()).toString();

        JsonWebKeySet parsed = JsonWebKeySet.parse(publicJwks);
        JWSObject jws = new JWSObject(new com.nimbusds.jose.JWSHeader.Builder(JWSAlgorithm.EdDSA)
                .keyID(generated.getKeyID()).build(), new com.nimbusds.jose.Payload("signed by nimbus"));
        jws.sign(new Ed25519Signer(generated));

        assertThat(parsed.find(generated.getKeyID())).isPresent();
        assertThat(parsed.find(generated.getKeyID()).orElseThrow().verifySignature(
                jws.getSigningInput(), jws.getSignature().decode())).isTrue();
    }
}
