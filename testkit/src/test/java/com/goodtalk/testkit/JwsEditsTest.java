package com.goodtalk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwsEditsTest {

    private static final String HEADER = "{\"alg\":\"EdDSA\",\"typ\":\"goodtalk-reply+jwt\",\"kid\":\"k1\"}";
    private static final String PAYLOAD = "{\"req\":\"abc\",\"status\":\"key_invalid\",\"iat\":1750000000,"
            + "\"license\":{\"product\":\"GoodTalk\",\"seats\":{\"used\":1,\"allowed\":3}}}";

    /** A 64-byte signature, as Ed25519 makes, encoded in 86 characters. */
    private static final byte[] SIGNATURE_64 = IntStream.range(0, 64).collect(() -> new byte[64],
            (bytes, i) -> bytes[i] = (byte) (i * 7 + 3), (a, b) -> { });

    /** A 32-byte signature, as HS256 makes, encoded in 43 characters. */
    private static final byte[] SIGNATURE_32 = Arrays.copyOf(SIGNATURE_64, 32);

    private static String encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static byte[] jws(String header, String payload, byte[] signature) {
        return (encode(header) + "." + encode(payload) + "." + encode(signature)).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] body() {
        return jws(HEADER, PAYLOAD, SIGNATURE_64);
    }

    private static String[] parts(byte[] body) {
        return new String(body, StandardCharsets.US_ASCII).split("\\.", -1);
    }

    /** Applies {@code edit} to the test body and returns the decoded payload, after checking the other parts kept. */
    private static String editedPayload(BodyEdit edit) {
        String[] original = parts(body());
        String[] edited = parts(edit.apply(body()));
        assertThat(edited[0]).as("header part").isEqualTo(original[0]);
        assertThat(edited[2]).as("signature part").isEqualTo(original[2]);
        return decode(edited[1]);
    }

    /** Applies {@code edit} to the test body and returns the decoded header, after checking the other parts kept. */
    private static String editedHeader(BodyEdit edit) {
        String[] original = parts(body());
        String[] edited = parts(edit.apply(body()));
        assertThat(edited[1]).as("payload part").isEqualTo(original[1]);
        assertThat(edited[2]).as("signature part").isEqualTo(original[2]);
        return decode(edited[0]);
    }

    /** Applies {@code edit} to {@code body} and returns the signature part, after checking the other parts kept. */
    private static String editedSignature(BodyEdit edit, byte[] body) {
        String[] original = parts(body);
        String[] edited = parts(edit.apply(body));
        assertThat(edited[0]).as("header part").isEqualTo(original[0]);
        assertThat(edited[1]).as("payload part").isEqualTo(original[1]);
        return edited[2];
    }

    @Test
    void setClaimReplacesOnlyThatValue() {
        assertThat(editedPayload(JwsEdits.setClaim("status", "\"activated\"")))
                .isEqualTo(PAYLOAD.replace("\"key_invalid\"", "\"activated\""));
    }

    @Test
    void setClaimWritesAnyJsonType() {
        assertThat(editedPayload(JwsEdits.setClaim("iat", "1.5"))).isEqualTo(PAYLOAD.replace("1750000000", "1.5"));
        assertThat(editedPayload(JwsEdits.setClaim("iat", "\"1750000000\"")))
                .isEqualTo(PAYLOAD.replace("1750000000", "\"1750000000\""));
        assertThat(editedPayload(JwsEdits.setClaim("license", "null")))
                .isEqualTo("{\"req\":\"abc\",\"status\":\"key_invalid\",\"iat\":1750000000,\"license\":null}");
    }

    @Test
    void setClaimAtChangesNestedMember() {
        assertThat(editedPayload(JwsEdits.setClaimAt("/license/seats/allowed", "1000")))
                .isEqualTo(PAYLOAD.replace("\"allowed\":3", "\"allowed\":1000"));
        assertThat(editedPayload(JwsEdits.setClaimAt("/license/product", "\"Other\"")))
                .isEqualTo(PAYLOAD.replace("\"GoodTalk\"", "\"Other\""));
    }

    @Test
    void setClaimAtMissingMemberNamesThePath() {
        BodyEdit edit = JwsEdits.setClaimAt("/license/seats/free", "1");

        assertThatThrownBy(() -> edit.apply(body()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("In the member \"license\"")
                .hasMessageContaining("no member \"free\"");
    }

    @Test
    void setClaimAtRejectsPointerWithoutSlash() {
        assertThatThrownBy(() -> JwsEdits.setClaimAt("license", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with '/'");
    }

    @ParameterizedTest(name = "value <{0}>")
    @ValueSource(strings = {"", "activated", "\"a\" \"b\"", "{\"a\":", "1 2"})
    void invalidJsonValueIsRejected(String value) {
        assertThatThrownBy(() -> JwsEdits.setClaim("status", value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not one JSON value");
        assertThatThrownBy(() -> JwsEdits.addClaim("status", value)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwsEdits.setHeaderJson("alg", value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removeClaimDeletesMemberAndComma() {
        assertThat(editedPayload(JwsEdits.removeClaim("req"))).isEqualTo(PAYLOAD.replace("\"req\":\"abc\",", ""));
        assertThat(editedPayload(JwsEdits.removeClaim("license")))
                .isEqualTo("{\"req\":\"abc\",\"status\":\"key_invalid\",\"iat\":1750000000}");
    }

    @Test
    void removeClaimAtDeletesNestedMember() {
        assertThat(editedPayload(JwsEdits.removeClaimAt("/license/seats/used")))
                .isEqualTo(PAYLOAD.replace("\"used\":1,", ""));
    }

    @Test
    void removeMissingClaimFails() {
        assertThatThrownBy(() -> JwsEdits.removeClaim("req_jti").apply(body()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no member \"req_jti\"");
    }

    @Test
    void addClaimAppendsCompactly() {
        assertThat(editedPayload(JwsEdits.addClaim("extra", "true")))
                .isEqualTo(PAYLOAD.substring(0, PAYLOAD.length() - 1) + ",\"extra\":true}");
    }

    @Test
    void addClaimMakesDuplicate() {
        assertThat(editedPayload(JwsEdits.addClaim("status", "\"activated\"")))
                .isEqualTo(PAYLOAD.substring(0, PAYLOAD.length() - 1) + ",\"status\":\"activated\"}");
    }

    @Test
    void setHeaderReplacesInPlace() {
        assertThat(editedHeader(JwsEdits.setHeader("alg", "none")))
                .isEqualTo("{\"alg\":\"none\",\"typ\":\"goodtalk-reply+jwt\",\"kid\":\"k1\"}");
    }

    @Test
    void setHeaderAddsMissingMember() {
        assertThat(editedHeader(JwsEdits.setHeader("jku", "http://127.0.0.1:1/keys")))
                .isEqualTo(HEADER.substring(0, HEADER.length() - 1) + ",\"jku\":\"http://127.0.0.1:1/keys\"}");
    }

    @Test
    void setHeaderJsonWritesOtherTypes() {
        assertThat(editedHeader(JwsEdits.setHeaderJson("alg", "null")))
                .isEqualTo("{\"alg\":null,\"typ\":\"goodtalk-reply+jwt\",\"kid\":\"k1\"}");
    }

    @Test
    void removeHeaderDeletesMember() {
        assertThat(editedHeader(JwsEdits.removeHeader("kid")))
                .isEqualTo("{\"alg\":\"EdDSA\",\"typ\":\"goodtalk-reply+jwt\"}");
    }

    @Test
    void editHeaderAndPayloadTakeAnyJsonEdit() {
        assertThat(editedHeader(JwsEdits.editHeader(BodyEdits.replace("EdDSA", "eddsa"))))
                .isEqualTo(HEADER.replace("EdDSA", "eddsa"));
        assertThat(editedPayload(JwsEdits.editPayload(json -> "[]".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("[]");
    }

    @Test
    void replaceSignatureWithTextOrBytes() {
        assertThat(editedSignature(JwsEdits.replaceSignature("AAAA"), body())).isEqualTo("AAAA");
        assertThat(editedSignature(JwsEdits.replaceSignature(new byte[] {(byte) 0xfb, (byte) 0xff}), body()))
                .isEqualTo("-_8");
    }

    @Test
    void truncateSignatureCutsCharacters() {
        String signature = encode(SIGNATURE_64);

        assertThat(editedSignature(JwsEdits.truncateSignature(1), body()))
                .isEqualTo(signature.substring(0, signature.length() - 1));
        assertThat(editedSignature(JwsEdits.truncateSignature(2), body()))
                .isEqualTo(signature.substring(0, 84));
    }

    @Test
    void truncateSignatureBeyondLengthFails() {
        assertThatThrownBy(() -> JwsEdits.truncateSignature(86).apply(body()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot cut 86 characters from a signature of 86");
        assertThatThrownBy(() -> JwsEdits.truncateSignature(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void truncateSignatureBytesStaysCanonical() {
        String cut = editedSignature(JwsEdits.truncateSignatureBytes(1), body());

        assertThat(Base64.getUrlDecoder().decode(cut)).isEqualTo(Arrays.copyOf(SIGNATURE_64, 63));
        assertThat(cut).isEqualTo(encode(Arrays.copyOf(SIGNATURE_64, 63)));
    }

    @Test
    void padSignatureAppends() {
        assertThat(editedSignature(JwsEdits.padSignature("="), body())).isEqualTo(encode(SIGNATURE_64) + "=");
        assertThat(editedSignature(JwsEdits.padSignature("=="), body())).isEqualTo(encode(SIGNATURE_64) + "==");
        assertThatThrownBy(() -> JwsEdits.padSignature("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void changeLastSignatureCharKeepsEncodingCanonical() {
        for (byte[] signature : new byte[][] {SIGNATURE_32, SIGNATURE_64, {1, 2, 3}, {1}}) {
            String original = encode(signature);

            String changed = editedSignature(JwsEdits.changeLastSignatureChar(), jws(HEADER, PAYLOAD, signature));

            assertThat(changed).as("length of %s", original).hasSameSizeAs(original);
            assertThat(changed.substring(0, changed.length() - 1)).isEqualTo(original.substring(0, original.length() - 1));
            assertThat(changed.charAt(changed.length() - 1)).isNotEqualTo(original.charAt(original.length() - 1));
            byte[] decoded = Base64.getUrlDecoder().decode(changed);
            assertThat(encode(decoded)).as("canonical re-encoding of %s", changed).isEqualTo(changed);
            assertThat(decoded[decoded.length - 1] ^ signature[signature.length - 1]).isEqualTo(1);
        }
    }

    @Test
    void setLastSignatureCharWritesAnyCharacter() {
        String signature = encode(SIGNATURE_64);

        assertThat(editedSignature(JwsEdits.setLastSignatureChar('='), body()))
                .isEqualTo(signature.substring(0, 85) + "=");
        assertThatThrownBy(() -> JwsEdits.setLastSignatureChar(signature.charAt(85)).apply(body()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already ends with");
    }

    @Test
    void emptySignatureKeepsSecondDot() {
        String edited = new String(JwsEdits.emptySignature().apply(body()), StandardCharsets.US_ASCII);

        assertThat(edited).isEqualTo(encode(HEADER) + "." + encode(PAYLOAD) + ".");
    }

    @Test
    void resignHs256SetsAlgAndValidHmac() throws Exception {
        byte[] key = SIGNATURE_32;

        String[] edited = parts(JwsEdits.setClaim("status", "\"activated\"")
                .andThen(JwsEdits.resignHs256(key)).apply(body()));

        assertThat(decode(edited[0])).isEqualTo(HEADER.replace("EdDSA", "HS256"));
        assertThat(decode(edited[1])).isEqualTo(PAYLOAD.replace("key_invalid", "activated"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = mac.doFinal((edited[0] + "." + edited[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(edited[2]).isEqualTo(encode(expected));
    }

    @Test
    void resignHs256RejectsEmptyKey() {
        assertThatThrownBy(() -> JwsEdits.resignHs256(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void swapPartsExchangesTwoParts() {
        String[] original = parts(body());

        String[] headerPayload = parts(JwsEdits.swapParts(JwsEdits.Part.HEADER, JwsEdits.Part.PAYLOAD).apply(body()));
        String[] payloadSignature = parts(JwsEdits.swapParts(JwsEdits.Part.SIGNATURE, JwsEdits.Part.PAYLOAD)
                .apply(body()));

        assertThat(headerPayload).containsExactly(original[1], original[0], original[2]);
        assertThat(payloadSignature).containsExactly(original[0], original[2], original[1]);
        assertThatThrownBy(() -> JwsEdits.swapParts(JwsEdits.Part.HEADER, JwsEdits.Part.HEADER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "body <{0}>")
    @ValueSource(strings = {"", "{\"a\": 1}", "a.b", "a.b.c.d", "a.b.c\n", "a.b.\u00e9"})
    void nonJwsBodyIsRejected(String body) {
        BodyEdit edit = JwsEdits.emptySignature();

        assertThatThrownBy(() -> edit.apply(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compact JWS");
    }

    @Test
    void undecodablePartIsRejected() {
        byte[] body = "e30.!!!!.AAAA".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> JwsEdits.setClaim("a", "1").apply(body))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload part is not base64url");
    }

    @Test
    void inputArrayIsNotModified() {
        byte[] body = body();
        byte[] copy = body.clone();

        JwsEdits.setClaim("status", "\"valid\"").apply(body);
        JwsEdits.setHeader("alg", "none").apply(body);
        JwsEdits.changeLastSignatureChar().apply(body);
        JwsEdits.resignHs256(SIGNATURE_32).apply(body);

        assertThat(body).isEqualTo(copy);
    }
}
