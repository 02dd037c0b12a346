package com.goodtalk.protocol.license;

import static com.goodtalk.protocol.license.CertificateForge.CLOCK;
import static com.goodtalk.protocol.license.CertificateForge.EXPIRES;
import static com.goodtalk.protocol.license.CertificateForge.MACHINE;
import static com.goodtalk.protocol.license.CertificateForge.NOW;
import static com.goodtalk.protocol.license.CertificateForge.PINNED;
import static com.goodtalk.protocol.license.CertificateForge.REVALIDATE_WITHIN;
import static com.goodtalk.protocol.license.CertificateForge.genuine;
import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cross-checks certificates with nimbus-jose-jwt (which verifies Ed25519 through Tink), both ways. */
class NimbusCertificateInteropTest {

    @Test
    void nimbusVerifiesCertificateWithJwks() throws Exception {
        JWKSet jwks = JWKSet.parse(PINNED.toJson());
        SignedJWT jwt = SignedJWT.parse(genuine());

        OctetKeyPair key = (OctetKeyPair) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();

        assertThat(key).isNotNull();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType(LicenseCertificate.TYPE));
        assertThat(jwt.verify(new Ed25519Verifier(key))).isTrue();
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(NOW));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(EXPIRES));
        assertThat(claims.getJWTID()).hasSize(43);
        assertThat(claims.getStringClaim("lic")).isEqualTo("42");
        assertThat(claims.getStringClaim("machine")).isEqualTo(MACHINE);
        assertThat(claims.getStringListClaim("features")).containsExactly("export", "sync");
        assertThat(claims.getLongClaim("rvb")).isEqualTo(NOW.plus(REVALIDATE_WITHIN).getEpochSecond());
    }

    @Test
    void nimbusRejectsOtherKey() throws Exception {
        OctetKeyPair other = new OctetKeyPairGenerator(Curve.Ed25519).generate().toPublicJWK();

        assertThat(SignedJWT.parse(genuine()).verify(new Ed25519Verifier(other))).isFalse();
    }

    @Test
    void certificateSignedByNimbusVerifies() throws Exception {
        OctetKeyPair nimbusKey = new OctetKeyPairGenerator(Curve.Ed25519).keyIDFromThumbprint(true).generate();
        JsonWebKeySet pinned = JsonWebKeySet.parse(new JWKSet(nimbusKey.toPublicJWK()).toString());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("lic", "7")
                .claim("key_hint", "APENL-****")
                .claim("product", "goodtalk-desktop")
                .claim("edition", "demo")
                .claim("features", List.of())
                .claim("machine", MACHINE)
                .issueTime(Date.from(NOW))
                .claim("rvb", NOW.plusSeconds(3600).getEpochSecond())
                .jwtID("nimbus-certificate-id")
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA)
                .type(new JOSEObjectType(LicenseCertificate.TYPE)).keyID(nimbusKey.getKeyID()).build(), claims);
        jwt.sign(new Ed25519Signer(nimbusKey));

        LicenseCertificate verified = LicenseCertificate.verifyOffline(jwt.serialize(), pinned, MACHINE, CLOCK);

        assertThat(verified.licenseId()).isEqualTo("7");
        assertThat(verified.expiresAt()).isEmpty();
        assertThat(verified.revalidateBy()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(verified.keyId()).isEqualTo(nimbusKey.getKeyID());
    }
}
