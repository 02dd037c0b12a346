package com.goodtalk.protocol.license;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.jose.Base64Url;
import com.goodtalk.protocol.jose.CompactJws;
import com.goodtalk.protocol.jose.JoseTestAccess;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerSigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Issues genuine certificates and forges altered ones for the certificate tests. */
final class CertificateForge {

    static final Instant NOW = Instant.ofEpochSecond(1_750_000_000L);
    static final Clock CLOCK = at(NOW);
    static final Instant EXPIRES = NOW.plus(Duration.ofDays(365));
    static final Duration REVALIDATE_WITHIN = Duration.ofDays(7);
    static final String MACHINE = "mf1:2bT9Qx3c1Vd7Ke0Lm4Np8Rs6Tu5Wy_zA-Bc1De2Fg3H";
    static final String OTHER_MACHINE = "mf1:Zz9Qx3c1Vd7Ke0Lm4Np8Rs6Tu5Wy_zA-Bc1De2Fg3Hq";

    /** Keys generated for this test run; no real key is committed. */
    static final ServerSigningKey SERVER_KEY = ServerSigningKey.generate();
    static final JsonWebKeySet PINNED = JsonWebKeySet.of(SERVER_KEY.publicKey());

    private CertificateForge() {
    }

    static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    static CertificateClaims claims(Instant expiresAt) {
        return new CertificateClaims("42", "GT7Q2M-****", "goodtalk-desktop", "pro", List.of("export", "sync"),
                MACHINE, expiresAt, REVALIDATE_WITHIN);
    }

    /** Returns a genuine certificate issued at {@link #NOW} that expires at {@link #EXPIRES}. */
    static String genuine() {
        return LicenseCertificates.issue(SERVER_KEY, claims(EXPIRES), CLOCK);
    }

    /** Returns the decoded payload of a genuine certificate, for tests to edit and sign again. */
    static ObjectNode genuinePayload() {
        try {
            return StrictJson.parseObject(CompactJws.parse(genuine().getBytes(StandardCharsets.US_ASCII)).payload());
        } catch (MalformedMessageException e) {
            throw new IllegalStateException("A genuine certificate did not parse", e);
        }
    }

    /** Signs {@code payload} with the server key under the genuine certificate header. */
    static String signedPayload(ObjectNode payload) {
        return SERVER_KEY.signJws(LicenseCertificate.TYPE, payload.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Signs header and payload JSON text exactly as given with the server key, whatever the header says. */
    static String signedRaw(String headerJson, String payloadJson) {
        String signingInput = encode(headerJson) + "." + encode(payloadJson);
        byte[] signature = JoseTestAccess.sign(SERVER_KEY, signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64Url.encode(signature);
    }

    static String encode(String json) {
        return Base64Url.encode(json.getBytes(StandardCharsets.UTF_8));
    }

    static String[] parts(String compactJws) {
        return compactJws.split("\\.", -1);
    }
}
