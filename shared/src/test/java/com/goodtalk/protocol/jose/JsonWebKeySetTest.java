package com.goodtalk.protocol.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goodtalk.protocol.MalformedMessageException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks strict JWKS parsing and serialisation of Ed25519 server keys. */
class JsonWebKeySetTest {

    private static final ServerPublicKey KEY = ServerSigningKey.generate().publicKey();
    private static final String X = Base64Url.encode(KEY.raw());
    private static final String KID = KEY.thumbprint();

    private static String set(String... jwks) {
        return "{\"keys\":[" + String.join(",", jwks) + "]}";
    }

    private static String jwk(String members) {
        return "{" + members + "}";
    }

    private static final String VALID = "\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\",\"kid\":\"" + KID + "\"";

    @Test
    void serialisedSetHasSpecMembers() {
        String json = JsonWebKeySet.of(KEY).toJson();

        assertThat(json).isEqualTo("{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\",\"kid\":\""
                + KID + "\",\"use\":\"sig\",\"alg\":\"EdDSA\"}]}");
        assertThat(KEY.toJwk()).isEqualTo(json.substring("{\"keys\":[".length(), json.length() - 2));
    }

    @Test
    void serialisedSetParsesBack() throws MalformedMessageException {
        ServerPublicKey other = ServerSigningKey.generate().publicKey();

        JsonWebKeySet parsed = JsonWebKeySet.parse(JsonWebKeySet.of(KEY, other).toJson());

        assertThat(parsed.keys()).containsExactly(KEY, other);
        assertThat(parsed.find(KID)).contains(KEY);
        assertThat(parsed.find(other.thumbprint())).contains(other);
        assertThat(parsed.find("unknown")).isEmpty();
    }

    @Test
    void minimalKeyAccepted() throws MalformedMessageException {
        JsonWebKeySet parsed = JsonWebKeySet.parse(set(jwk(VALID)));

        assertThat(parsed.keys()).containsExactly(KEY);
    }

    @Test
    void unknownMembersIgnored() throws MalformedMessageException {
        JsonWebKeySet parsed = JsonWebKeySet.parse("{\"keys\":[" + jwk(VALID + ",\"x5t\":\"abc\"") + "],\"note\":1}");

        assertThat(parsed.keys()).containsExactly(KEY);
    }

    static Stream<Arguments> invalidSets() {
        String otherKid = ServerSigningKey.generate().publicKey().thumbprint();
        return Stream.of(
                Arguments.of("no keys member", "{}", "needs a \"keys\" array"),
                Arguments.of("keys not an array", "{\"keys\":{}}", "needs a \"keys\" array"),
                Arguments.of("empty keys", set(), "is empty"),
                Arguments.of("key not an object", set("1"), "Key 0 of the key set is a JSON number"),
                Arguments.of("RSA key", set(jwk("\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"kid\":\"r\"")),
                        "\"kty\":\"RSA\"; only \"OKP\""),
                Arguments.of("X25519 key", set(jwk(VALID.replace("Ed25519", "X25519"))), "\"crv\":\"X25519\""),
                Arguments.of("missing kid", set(jwk(VALID.replace(",\"kid\":\"" + KID + "\"", ""))),
                        "\"kid\" is missing"),
                Arguments.of("kid not thumbprint", set(jwk(VALID.replace(KID, otherKid))), "Set kid to the thumbprint"),
                Arguments.of("use enc", set(jwk(VALID + ",\"use\":\"enc\"")), "\"use\":\"enc\""),
                Arguments.of("alg HS256", set(jwk(VALID + ",\"alg\":\"HS256\"")), "\"alg\":\"HS256\""),
                Arguments.of("private d", set(jwk(VALID + ",\"d\":\"" + X + "\"")), "private member \"d\""),
                Arguments.of("short x", set(jwk(VALID.replace(X, X.substring(0, 40)))), "got 30"),
                Arguments.of("padded x", set(jwk(VALID.replace(X, X + "="))), "not in the base64url alphabet"),
                Arguments.of("x a number", set(jwk(VALID.replace("\"" + X + "\"", "7"))), "must be a JSON string"),
                Arguments.of("duplicate key", set(jwk(VALID), jwk(VALID)), "appears earlier in the set"),
                Arguments.of("duplicate member", set(jwk(VALID + ",\"kid\":\"" + KID + "\"")), "Duplicate field"),
                Arguments.of("not JSON", "{\"keys\":[", "not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSets")
    void invalidSetRejected(String name, String json, String expectedMessage) {
        assertThatThrownBy(() -> JsonWebKeySet.parse(json))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(expectedMessage);
    }

    @Test
    void duplicateKeyRejectedWhenBuilding() {
        assertThatThrownBy(() -> JsonWebKeySet.of(KEY, KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("appears twice");
    }

    @Test
    void emptySetRejectedWhenBuilding() {
        assertThatThrownBy(JsonWebKeySet::of)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one key");
    }
}
