package com.goodtalk.protocol.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goodtalk.protocol.MalformedMessageException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks that compact JWS parsing accepts exactly the RFC 7515 syntax and nothing looser. */
class CompactJwsTest {

    private static final String HEADER = Base64Url.encode("{\"alg\":\"EdDSA\",\"typ\":\"t\"}".getBytes(StandardCharsets.UTF_8));
    private static final String PAYLOAD = Base64Url.encode("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    private static final String SIGNATURE = Base64Url.encode(new byte[] {1, 2, 3, 4, 5});

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void validJwsParses() throws MalformedMessageException {
        CompactJws jws = CompactJws.parse(ascii(HEADER + "." + PAYLOAD + "." + SIGNATURE));

        assertThat(jws.header().get("typ").textValue()).isEqualTo("t");
        assertThat(jws.headerJson()).isEqualTo("{\"alg\":\"EdDSA\",\"typ\":\"t\"}");
        assertThat(jws.payloadText()).isEqualTo("{\"a\":1}");
        assertThat(jws.signature()).containsExactly(1, 2, 3, 4, 5);
        assertThat(jws.encodedSignature()).isEqualTo(SIGNATURE);
        assertThat(new String(jws.signingInput(), StandardCharsets.US_ASCII)).isEqualTo(HEADER + "." + PAYLOAD);
        assertThat(jws.toString()).isEqualTo(HEADER + "." + PAYLOAD + "." + SIGNATURE);
    }

    @Test
    void serializeSignsExactSigningInput() throws MalformedMessageException {
        byte[][] seen = new byte[1][];

        String jws = CompactJws.serialize(ascii("{\"alg\":\"x\"}"), ascii("payload"), input -> {
            seen[0] = input;
            return new byte[] {9};
        });

        CompactJws parsed = CompactJws.parse(ascii(jws));
        assertThat(parsed.signingInput()).isEqualTo(seen[0]);
        assertThat(parsed.signature()).containsExactly(9);
        assertThat(parsed.payloadText()).isEqualTo("payload");
    }

    @Test
    void headerReturnsCopy() throws MalformedMessageException {
        CompactJws jws = CompactJws.parse(ascii(HEADER + "." + PAYLOAD + "." + SIGNATURE));

        jws.header().put("alg", "none");

        assertThat(jws.header().get("alg").textValue()).isEqualTo("EdDSA");
    }

    static Stream<Arguments> syntaxErrors() {
        String h = HEADER;
        String p = PAYLOAD;
        String s = SIGNATURE;
        return Stream.of(
                Arguments.of("two parts", h + "." + p, "has 2 dot-separated parts"),
                Arguments.of("four parts", h + "." + p + "." + s + "." + s, "has 4 dot-separated parts"),
                Arguments.of("one part", h, "has 1 dot-separated parts"),
                Arguments.of("empty header", "." + p + "." + s, "header part is empty"),
                Arguments.of("empty payload", h + ".." + s, "payload part is empty"),
                Arguments.of("empty signature (unsigned JWS)", h + "." + p + ".", "signature part is empty"),
                Arguments.of("padded signature", h + "." + p + "." + s + "=", "byte 0x3d"),
                Arguments.of("standard alphabet plus", h + "." + p + "." + s + "+", "byte 0x2b"),
                Arguments.of("standard alphabet slash", h + "." + p + "." + s + "/", "byte 0x2f"),
                Arguments.of("space", h + "." + p + ". " + s, "byte 0x20"),
                Arguments.of("line feed", h + "." + p + "." + s + "\n", "byte 0x0a"),
                Arguments.of("impossible length", h + "." + p + ".AAAAA", "a length no base64url encoding can have"),
                Arguments.of("non-canonical last character", h + "." + p + ".AB", "not canonical"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntaxErrors")
    void syntaxErrorsRejected(String name, String body, String expectedMessage) {
        assertThatThrownBy(() -> CompactJws.parse(ascii(body)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(expectedMessage);
    }

    @Test
    void nonAsciiByteRejected() {
        byte[] body = ascii(HEADER + "." + PAYLOAD + "." + SIGNATURE);
        body[3] = (byte) 0xc3;

        assertThatThrownBy(() -> CompactJws.parse(body))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("byte 0xc3 at offset 3");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON|{alg|The JWS header is invalid",
        "array|[1]|expected a JSON object",
        "duplicate member|{\"alg\":\"EdDSA\",\"alg\":\"none\"}|Duplicate field",
        "trailing content|{\"alg\":\"EdDSA\"} x|The JWS header is invalid",
        "crit member|{\"alg\":\"EdDSA\",\"crit\":[\"b64\"],\"b64\":false}|\"crit\"",
    })
    void badHeadersRejected(String name, String headerJson, String expectedMessage) {
        String body = Base64Url.encode(headerJson.getBytes(StandardCharsets.UTF_8)) + "." + PAYLOAD + "." + SIGNATURE;

        assertThatThrownBy(() -> CompactJws.parse(ascii(body)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining(expectedMessage);
    }

    @Test
    void base64UrlRoundTripsEveryLength() throws MalformedMessageException {
        for (int length = 0; length < 70; length++) {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = (byte) (i * 37 + length);
            }

            assertThat(Base64Url.decode(Base64Url.encode(bytes), "bytes")).isEqualTo(bytes);
        }
    }

    @Test
    void base64UrlRejectsNonZeroUnusedBits() {
        // "AQ" is the canonical encoding of 0x01; "AR" decodes to the same byte with a stray low bit set.
        assertThatThrownBy(() -> Base64Url.decode("AR", "the value"))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("the value is not canonical base64url: its last character carries non-zero unused bits.");
    }
}
