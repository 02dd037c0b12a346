package com.goodtalk.protocol.v2;

import static com.goodtalk.protocol.v2.RequestForge.HEADER;
import static com.goodtalk.protocol.v2.RequestForge.NOW;
import static com.goodtalk.protocol.v2.RequestForge.ascii;
import static com.goodtalk.protocol.v2.RequestForge.claims;
import static com.goodtalk.protocol.v2.RequestForge.joined;
import static com.goodtalk.protocol.v2.RequestForge.json;
import static com.goodtalk.protocol.v2.RequestForge.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.goodtalk.protocol.jose.Base64Url;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.protocol.v2.V2RequestRejectedException.Check;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Attacks on requests, each asserting the exact check and status that catches it. */
class V2RequestAttackTest {

    private static V2RequestRejectedException rejection(byte[] body) {
        V2RequestRejectedException e = catchThrowableOfType(
                () -> RequestForge.verifier().verify(V2Operation.ACTIVATE, body), V2RequestRejectedException.class);
        assertThat(e).as("the verifier must reject " + ascii(body)).isNotNull();
        return e;
    }

    private static void assertRejected(byte[] body, Check check, V2Status status) {
        V2RequestRejectedException e = rejection(body);
        assertThat(e.check()).as(e.getMessage()).isEqualTo(check);
        assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
    }

    private static byte[] validBody() {
        return signed(claims());
    }

    private static String[] parts(byte[] body) {
        return ascii(body).split("\\.", -1);
    }

    private static String header(String alg) {
        return "{\"alg\":\"" + alg + "\",\"typ\":\"goodtalk-request+jwt\",\"kid\":\"" + RequestForge.KEY_ID + "\"}";
    }

    @Test
    void algNoneWithEmptySignatureRejected() {
        byte[] body = joined(header("none"), json(claims()), "");

        assertRejected(body, Check.SYNTAX, V2Status.MALFORMED);
        assertThat(rejection(body).getMessage()).contains("signature part is empty");
    }

    @Test
    void algNoneWithOldSignatureRejected() {
        byte[] body = joined(header("none"), json(claims()), parts(validBody())[2]);

        assertRejected(body, Check.HEADER, V2Status.BAD_SIGNATURE);
        assertThat(rejection(body).getMessage()).isEqualTo("The request header's alg is \"none\"; requests must be"
                + " signed with exactly \"HS256\".");
    }

    @ParameterizedTest(name = "alg {0}")
    @MethodSource("otherAlgorithms")
    void otherAlgorithmRejectedEvenWithValidMac(String alg) {
        // The attacker even has the key: the header alone must decide.
        byte[] body = signed(header(alg), json(claims()));

        assertRejected(body, Check.HEADER, V2Status.BAD_SIGNATURE);
    }

    static Stream<String> otherAlgorithms() {
        return Stream.of("hs256", "HS512", "HS384", "none", "None", "EdDSA", "RS256", "HS256 ", "");
    }

    @Test
    void eddsaSignedRequestRejected() {
        ServerSigningKey attackerKey = ServerSigningKey.generate();
        String jws = attackerKey.signJws(V2Protocol.REQUEST_TYPE, json(claims()).getBytes(StandardCharsets.UTF_8));

        assertRejected(jws.getBytes(StandardCharsets.US_ASCII), Check.HEADER, V2Status.BAD_SIGNATURE);
    }

    @Test
    void algNotStringRejected() {
        byte[] body = signed("{\"alg\":256,\"typ\":\"goodtalk-request+jwt\",\"kid\":\"desktop-1\"}", json(claims()));

        assertRejected(body, Check.HEADER, V2Status.MALFORMED);
    }

    @Test
    void unknownKidRejected() {
        byte[] body = signed("{\"alg\":\"HS256\",\"typ\":\"goodtalk-request+jwt\",\"kid\":\"desktop-2\"}",
                json(claims()));

        assertRejected(body, Check.HEADER, V2Status.BAD_SIGNATURE);
        assertThat(rejection(body).getMessage()).contains("\"desktop-2\" is unknown");
    }

    @Test
    void missingKidRejected() {
        assertRejected(signed("{\"alg\":\"HS256\",\"typ\":\"goodtalk-request+jwt\"}", json(claims())),
                Check.HEADER, V2Status.MALFORMED);
    }

    @Test
    void wrongTypRejected() {
        byte[] replyTyp = signed("{\"alg\":\"HS256\",\"typ\":\"goodtalk-reply+jwt\",\"kid\":\"desktop-1\"}",
                json(claims()));
        byte[] noTyp = signed("{\"alg\":\"HS256\",\"kid\":\"desktop-1\"}", json(claims()));

        assertRejected(replyTyp, Check.HEADER, V2Status.MALFORMED);
        assertThat(rejection(replyTyp).getMessage()).contains("typ is \"goodtalk-reply+jwt\"");
        assertRejected(noTyp, Check.HEADER, V2Status.MALFORMED);
    }

    @Test
    void duplicateHeaderMemberRejected() {
        byte[] body = signed("{\"alg\":\"HS256\",\"alg\":\"none\",\"typ\":\"goodtalk-request+jwt\","
                + "\"kid\":\"desktop-1\"}", json(claims()));

        assertRejected(body, Check.HEADER, V2Status.MALFORMED);
    }

    @Test
    void critHeaderRejected() {
        byte[] body = signed("{\"alg\":\"HS256\",\"typ\":\"goodtalk-request+jwt\",\"kid\":\"desktop-1\","
                + "\"crit\":[\"b64\"],\"b64\":false}", json(claims()));

        assertRejected(body, Check.HEADER, V2Status.MALFORMED);
    }

    @Test
    void decodedSignatureTruncatedRejected() throws Exception {
        String[] parts = parts(validBody());
        byte[] mac = Base64Url.decode(parts[2], "mac");

        byte[] body = (parts[0] + "." + parts[1] + "." + Base64Url.encode(Arrays.copyOf(mac, 31)))
                .getBytes(StandardCharsets.US_ASCII);

        assertRejected(body, Check.HMAC, V2Status.BAD_SIGNATURE);
    }

    @Test
    void signatureTextTruncatedRejected() {
        String text = ascii(validBody());

        V2RequestRejectedException e = rejection(text.substring(0, text.length() - 1).getBytes(StandardCharsets.US_ASCII));

        // 42 characters can only encode 31 bytes if the unused bits are zero, so this is a syntax or an HMAC failure.
        assertThat(e.check()).isIn(Check.SYNTAX, Check.HMAC);
        assertThat(e.status()).isIn(V2Status.MALFORMED, V2Status.BAD_SIGNATURE);
    }

    @Test
    void signaturePaddedRejected() {
        assertRejected((ascii(validBody()) + "=").getBytes(StandardCharsets.US_ASCII), Check.SYNTAX,
                V2Status.MALFORMED);
    }

    @Test
    void signatureLastCharacterChangedRejected() {
        String text = ascii(validBody());
        char last = text.charAt(text.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int lastValue = alphabet.indexOf(last);

        for (char replacement : alphabet.toCharArray()) {
            if (replacement == last) {
                continue;
            }
            byte[] body = (text.substring(0, text.length() - 1) + replacement).getBytes(StandardCharsets.US_ASCII);
            // The last of 43 characters carries 4 signature bits and 2 unused bits, which must be zero.
            boolean unusedBitsSet = (alphabet.indexOf(replacement) & 0b11) != 0;

            assertRejected(body, unusedBitsSet ? Check.SYNTAX : Check.HMAC,
                    unusedBitsSet ? V2Status.MALFORMED : V2Status.BAD_SIGNATURE);
        }
        assertThat(lastValue & 0b11).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("claimEdits")
    void editedClaimWithoutResigningRejected(String claim, Object value) {
        String[] parts = parts(validBody());
        Map<String, Object> edited = claims();
        edited.put(claim, value);

        byte[] body = joined(HEADER, json(edited), parts[2]);

        assertRejected(body, Check.HMAC, V2Status.BAD_SIGNATURE);
    }

    static Stream<Arguments> claimEdits() {
        return Stream.of(
                Arguments.of("op", "validate"),
                Arguments.of("key", "SDFK9-J4HUL-1JK9I9-923J-0069K"),
                Arguments.of("machine", "other-machine"),
                Arguments.of("app", "GoodTalk Desktop 9.9.9"),
                Arguments.of("jti", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                Arguments.of("iat", NOW + 1),
                Arguments.of("extra", "added"));
    }

    @Test
    void headerEditedWithoutResigningRejected() {
        String[] parts = parts(validBody());
        String reordered = "{\"typ\":\"goodtalk-request+jwt\",\"alg\":\"HS256\",\"kid\":\"desktop-1\"}";

        assertRejected(joined(reordered, json(claims()), parts[2]), Check.HMAC, V2Status.BAD_SIGNATURE);
    }

    @Test
    void partsSwappedRejected() {
        String[] parts = parts(validBody());

        assertRejected((parts[1] + "." + parts[0] + "." + parts[2]).getBytes(StandardCharsets.US_ASCII),
                Check.HEADER, V2Status.MALFORMED);
        assertRejected((parts[0] + "." + parts[2] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                Check.HMAC, V2Status.BAD_SIGNATURE);
    }

    @Test
    void everyByteFlipRejected() {
        byte[] valid = validBody();
        Map<String, Integer> distribution = new TreeMap<>();
        int masks[] = {0x01, 0x20, 0x80};

        for (int mask : masks) {
            for (int i = 0; i < valid.length; i++) {
                byte[] flipped = valid.clone();
                flipped[i] ^= (byte) mask;

                V2RequestRejectedException e = rejection(flipped);

                assertThat(e.status()).as("flip 0x%02x at %d", mask, i)
                        .isIn(V2Status.MALFORMED, V2Status.BAD_SIGNATURE);
                distribution.merge(e.check() + "/" + e.status().word(), 1, Integer::sum);
            }
        }
        System.out.println("Request byte flips (" + valid.length + " bytes x " + masks.length + " masks): "
                + distribution);
        assertThat(distribution.values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(valid.length * masks.length);
    }

    @Test
    void flipsInPayloadCaughtByHmac() {
        byte[] valid = validBody();
        String[] parts = parts(valid);
        int payloadStart = parts[0].length() + 1;
        Map<Check, Integer> checks = new EnumMap<>(Check.class);

        for (int i = payloadStart; i < payloadStart + parts[1].length(); i++) {
            byte[] flipped = valid.clone();
            flipped[i] ^= 0x20;
            checks.merge(rejection(flipped).check(), 1, Integer::sum);
        }

        // The payload is never parsed before the HMAC check, so no flip there reaches the claims check.
        assertThat(checks.keySet()).isSubsetOf(List.of(Check.SYNTAX, Check.HMAC));
        assertThat(checks).containsKey(Check.HMAC);
    }
}
