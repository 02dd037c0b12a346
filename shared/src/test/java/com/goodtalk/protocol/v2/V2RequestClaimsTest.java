package com.goodtalk.protocol.v2;

import static com.goodtalk.protocol.v2.RequestForge.HEADER;
import static com.goodtalk.protocol.v2.RequestForge.NOW;
import static com.goodtalk.protocol.v2.RequestForge.claims;
import static com.goodtalk.protocol.v2.RequestForge.json;
import static com.goodtalk.protocol.v2.RequestForge.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.goodtalk.protocol.v2.V2RequestRejectedException.Check;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks steps 5 and 6 on correctly signed requests: an attacker who holds a client secret
 * still cannot send claims of the wrong type or time.
 */
class V2RequestClaimsTest {

    private static V2RequestRejectedException rejection(byte[] body) {
        V2RequestRejectedException e = catchThrowableOfType(
                () -> RequestForge.verifier().verify(V2Operation.ACTIVATE, body), V2RequestRejectedException.class);
        assertThat(e).as("the verifier must reject the request").isNotNull();
        return e;
    }

    private static byte[] withClaim(String name, Object value) {
        Map<String, Object> claims = claims();
        claims.put(name, value);
        return signed(claims);
    }

    private static byte[] withPayloadText(String payload) {
        return signed(HEADER, payload);
    }

    static Stream<Arguments> malformedPayloads() {
        String valid = json(claims());
        String body = valid.substring(1, valid.length() - 1);
        return Stream.of(
                Arguments.of("payload not JSON", "not json", "not valid JSON"),
                Arguments.of("payload an array", "[" + valid + "]", "expected a JSON object"),
                Arguments.of("trailing content", valid + "{}", "not valid JSON"),
                Arguments.of("duplicate iat", "{" + body + ",\"iat\":" + (NOW + 1) + "}", "Duplicate field 'iat'"),
                Arguments.of("duplicate key", "{\"key\":\"OTHER\"," + body + "}", "Duplicate field 'key'"),
                Arguments.of("iat a string", valid.replace("\"iat\":" + NOW, "\"iat\":\"" + NOW + "\""),
                        "must be a JSON integer"),
                Arguments.of("iat a float", valid.replace("\"iat\":" + NOW, "\"iat\":" + NOW + ".0"),
                        "non-integer or out-of-range number"),
                Arguments.of("iat an exponent", valid.replace("\"iat\":" + NOW, "\"iat\":1.75e9"),
                        "non-integer or out-of-range number"),
                Arguments.of("iat a boolean", valid.replace("\"iat\":" + NOW, "\"iat\":true"), "it is a JSON boolean"),
                Arguments.of("iat null", valid.replace("\"iat\":" + NOW, "\"iat\":null"), "it is a JSON null"),
                Arguments.of("iat beyond long", valid.replace("\"iat\":" + NOW, "\"iat\":99999999999999999999"),
                        "non-integer or out-of-range number"),
                Arguments.of("op a number", valid.replace("\"op\":\"activate\"", "\"op\":1"), "must be a JSON string"),
                Arguments.of("key an array", valid.replace("\"key\":\"" + RequestForge.PRODUCT_KEY + "\"",
                        "\"key\":[\"x\"]"), "\"key\" must be a JSON string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPayloads")
    void malformedPayloadRejected(String name, String payload, String expectedMessage) {
        V2RequestRejectedException e = rejection(withPayloadText(payload));

        assertThat(e.check()).isEqualTo(Check.CLAIMS);
        assertThat(e.status()).isEqualTo(V2Status.MALFORMED);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains(expectedMessage);
    }

    @ParameterizedTest(name = "missing {0}")
    @ValueSource(strings = {"op", "key", "machine", "app", "jti", "iat"})
    void missingClaimRejected(String claim) {
        Map<String, Object> claims = claims();
        claims.remove(claim);

        V2RequestRejectedException e = rejection(signed(claims));

        assertThat(e.check()).isEqualTo(Check.CLAIMS);
        assertThat(e.status()).isEqualTo(V2Status.MALFORMED);
        assertThat(e.getMessage()).contains(claim).contains("missing");
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of("op", "ACTIVATE", "use one of activate, validate, deactivate"),
                Arguments.of("op", "renew", "use one of activate, validate, deactivate"),
                Arguments.of("key", "", "claim key is empty"),
                Arguments.of("machine", "", "claim machine \"\" is invalid"),
                Arguments.of("machine", "has space", "claim machine \"has space\" is invalid"),
                Arguments.of("machine", "m/1", "claim machine \"m/1\" is invalid"),
                Arguments.of("machine", "m".repeat(129), "claim machine"),
                Arguments.of("app", "", "claim app \"\" is invalid"),
                Arguments.of("app", "a".repeat(65), "claim app"),
                Arguments.of("app", "tab\tin", "claim app"),
                Arguments.of("app", "Caf\u00e9", "claim app"),
                Arguments.of("jti", "short", "claim jti \"short\" is invalid"),
                Arguments.of("jti", "A".repeat(44), "exactly 43 characters"),
                Arguments.of("jti", "A".repeat(42) + "=", "exactly 43 characters"),
                Arguments.of("jti", "A".repeat(42) + "+", "exactly 43 characters"),
                Arguments.of("jti", "A".repeat(42) + "B", "exactly 43 characters"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidValues")
    void invalidClaimValueRejected(String claim, String value, String expectedMessage) {
        V2RequestRejectedException e = rejection(withClaim(claim, value));

        assertThat(e.check()).isEqualTo(Check.CLAIMS);
        assertThat(e.status()).isEqualTo(V2Status.MALFORMED);
        assertThat(e.getMessage()).contains(expectedMessage);
    }

    @Test
    void boundaryValuesAccepted() throws Exception {
        Map<String, Object> claims = claims();
        claims.put("machine", "m".repeat(128));
        claims.put("app", " ~".repeat(32));
        claims.put("key", "\u00e9\uD83D\uDD11 key");

        VerifiedV2Request verified = RequestForge.verifier().verify(V2Operation.ACTIVATE, signed(claims));

        assertThat(verified.machine()).hasSize(128);
        assertThat(verified.app()).hasSize(64);
        assertThat(verified.productKey()).isEqualTo("\u00e9\uD83D\uDD11 key");
    }

    @Test
    void claimRejectionEchoesValidJti() {
        Map<String, Object> claims = claims();
        claims.put("machine", "bad machine");

        V2RequestRejectedException e = rejection(signed(claims));

        assertThat(e.requestJti()).contains((String) claims.get("jti"));
    }

    @Test
    void invalidJtiIsNotEchoed() {
        V2RequestRejectedException e = rejection(withClaim("jti", "not-a-jti"));

        assertThat(e.requestJti()).isEmpty();
    }

    @Test
    void headerRejectionCarriesNoJti() {
        V2RequestRejectedException e = rejection(signed("{\"alg\":\"HS256\",\"typ\":\"goodtalk-request+jwt\","
                + "\"kid\":\"nobody\"}", json(claims())));

        assertThat(e.requestJti()).isEmpty();
    }

    @ParameterizedTest(name = "iat offset {0} s")
    @ValueSource(longs = {-300, -1, 0, 1, 300})
    void iatWithinSkewAccepted(long offset) throws Exception {
        VerifiedV2Request verified = RequestForge.verifier().verify(V2Operation.ACTIVATE,
                withClaim("iat", NOW + offset));

        assertThat(verified.issuedAt().getEpochSecond()).isEqualTo(NOW + offset);
    }

    @ParameterizedTest(name = "iat offset {0} s")
    @ValueSource(longs = {-301, 301, -600, 600, Long.MIN_VALUE, Long.MAX_VALUE, 0 - NOW})
    void iatOutsideSkewIsStale(long offset) {
        Map<String, Object> claims = claims();
        claims.put("iat", offset == Long.MIN_VALUE || offset == Long.MAX_VALUE ? offset : NOW + offset);

        V2RequestRejectedException e = rejection(signed(claims));

        assertThat(e.check()).isEqualTo(Check.ISSUED_AT);
        assertThat(e.status()).isEqualTo(V2Status.STALE_REQUEST);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.requestJti()).contains((String) claims.get("jti"));
    }

    @Test
    void staleMessageNamesServerTimeAndSkew() {
        V2RequestRejectedException e = rejection(withClaim("iat", NOW - 600));

        assertThat(e.getMessage()).isEqualTo("The request's iat " + (NOW - 600) + " is 600 s behind the server time"
                + " 2025-06-15T15:06:40Z (" + NOW + "); the allowed skew is 300 s either way. Set the client"
                + " computer's clock to the correct time and retry.");
    }

    @Test
    void futureIatMessageSaysAhead() {
        V2RequestRejectedException e = rejection(withClaim("iat", NOW + 600));

        assertThat(e.getMessage()).contains("is 600 s ahead of the server time");
    }

    @Test
    void configuredSkewApplies() throws Exception {
        V2RequestVerifier verifier = V2RequestVerifier.builder()
                .clientKey(RequestForge.KEY_ID, RequestForge.CLIENT_SECRET)
                .clock(RequestForge.fixedClock(NOW))
                .allowedSkew(Duration.ofSeconds(60))
                .build();

        assertThat(verifier.allowedSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(verifier.verify(V2Operation.ACTIVATE, withClaim("iat", NOW - 60)).issuedAt().getEpochSecond())
                .isEqualTo(NOW - 60);
        assertThat(catchThrowableOfType(() -> verifier.verify(V2Operation.ACTIVATE, withClaim("iat", NOW - 61)),
                V2RequestRejectedException.class).check()).isEqualTo(Check.ISSUED_AT);
    }

    @Test
    void clockMovesWithInjectedClock() throws Exception {
        MutableClock clock = new MutableClock(java.time.Instant.ofEpochSecond(NOW));
        V2RequestVerifier verifier = RequestForge.verifier(clock);
        byte[] body = signed(claims());

        verifier.verify(V2Operation.ACTIVATE, body);
        clock.advanceSeconds(300);
        verifier.verify(V2Operation.ACTIVATE, body);
        clock.advanceSeconds(1);

        assertThat(catchThrowableOfType(() -> verifier.verify(V2Operation.ACTIVATE, body),
                V2RequestRejectedException.class).status()).isEqualTo(V2Status.STALE_REQUEST);
    }
}
