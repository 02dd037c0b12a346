package com.goodtalk.protocol.v2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.SecretTestAccess;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.jose.Base64Url;
import com.goodtalk.protocol.jose.CompactJws;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds valid and deliberately broken v2 requests for tests: any header and payload text,
 * signed with the real derived key or not signed at all.
 */
final class RequestForge {

    static final String KEY_ID = "desktop-1";
    static final long NOW = 1_750_000_000L;
    static final String PRODUCT_KEY = "APENL-4N9L1-2KA9D-3JX0-44LSK";
    static final String MACHINE = "machine-01:ab.cd_ef";
    static final String APP = "GoodTalk Desktop 0.1.0";
    static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"goodtalk-request+jwt\",\"kid\":\"" + KEY_ID + "\"}";

    /** A client secret generated for this test run; no real secret is ever committed. */
    static final Secret CLIENT_SECRET = randomSecret();

    private RequestForge() {
    }

    static Secret randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Secret.ofBytes(bytes);
    }

    static Clock fixedClock(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    static V2RequestSigner signer() {
        return new V2RequestSigner(KEY_ID, CLIENT_SECRET, fixedClock(NOW));
    }

    static V2RequestVerifier verifier() {
        return verifier(fixedClock(NOW));
    }

    static V2RequestVerifier verifier(Clock clock) {
        return V2RequestVerifier.builder().clientKey(KEY_ID, CLIENT_SECRET).clock(clock).build();
    }

    /** Returns the derived request HMAC key bytes, which only tests may see. */
    static byte[] hmacKeyBytes() {
        return SecretTestAccess.bytesOf(V2Protocol.requestHmacKey(CLIENT_SECRET));
    }

    /** Returns the claims of a valid activate request, in wire order, for tests to edit. */
    static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("op", "activate");
        claims.put("key", PRODUCT_KEY);
        claims.put("machine", MACHINE);
        claims.put("app", APP);
        claims.put("jti", Nonces.randomUrlSafe(32));
        claims.put("iat", NOW);
        return claims;
    }

    static String json(Map<String, Object> claims) {
        try {
            return StrictJson.mapper().writeValueAsString(claims);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs any header and payload text with the real derived request key. */
    static byte[] signed(String headerJson, String payloadJson) {
        return CompactJws.serialize(headerJson.getBytes(StandardCharsets.UTF_8),
                payloadJson.getBytes(StandardCharsets.UTF_8), RequestForge::hmac).getBytes(StandardCharsets.US_ASCII);
    }

    /** Signs the default header and the given claims. */
    static byte[] signed(Map<String, Object> claims) {
        return signed(HEADER, json(claims));
    }

    /** Joins encoded parts without signing, for attacks that reuse or drop a signature. */
    static byte[] joined(String headerJson, String payloadJson, String encodedSignature) {
        return (Base64Url.encode(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + Base64Url.encode(payloadJson.getBytes(StandardCharsets.UTF_8)) + "." + encodedSignature)
                .getBytes(StandardCharsets.US_ASCII);
    }

    static String ascii(byte[] body) {
        return new String(body, StandardCharsets.US_ASCII);
    }

    private static byte[] hmac(byte[] input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKeyBytes(), "HmacSHA256"));
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
