package com.goodtalk.protocol.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.goodtalk.protocol.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks every case computed by the original proof-of-concept code. */
class V1SeedVectorsTest {

    private static JsonNode vectors() throws IOException {
        try (InputStream in = V1SeedVectorsTest.class.getResourceAsStream("/vectors/v1-seed.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode vector : vectors().get("cases")) {
            cases.add(Arguments.of(Named.of(vector.get("name").asText(), vector)));
        }
        return cases.stream();
    }

    private static Secret secret() throws IOException {
        return Secret.ofUtf8(vectors().get("secret").asText());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void requestSigningTextMatchesReference(JsonNode vector) {
        String text = V1Protocol.requestSigningText(
                vector.get("key").asText(), vector.get("nonce").asText(), vector.get("version").asText());

        assertThat(text).isEqualTo(vector.get("requestSigningText").asText());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void requestHmacMatchesReference(JsonNode vector) throws IOException {
        V1Request request = V1Protocol.signRequest(secret(),
                vector.get("key").asText(), vector.get("nonce").asText(), vector.get("version").asText());

        assertThat(request.hmac()).isEqualTo(vector.get("hmac").asText());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void replySigningTextMatchesReference(JsonNode vector) {
        String text = V1Protocol.replySigningText(vector.get("key").asText(), vector.get("nonce").asText(),
                vector.get("version").asText(), vector.get("hmac").asText(), vector.get("serverNonce").asText());

        assertThat(text).isEqualTo(vector.get("responseSigningText").asText());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void serverSignatureMatchesReference(JsonNode vector) throws IOException {
        V1Request request = new V1Request(vector.get("key").asText(), vector.get("nonce").asText(),
                vector.get("version").asText(), vector.get("hmac").asText());

        V1Reply reply = V1Protocol.signReply(secret(), request, vector.get("serverNonce").asText());

        assertThat(reply.serverSignature()).isEqualTo(vector.get("serverSignature").asText());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void referenceHmacVerifies(JsonNode vector) throws IOException {
        boolean matches = V1Protocol.hmacMatches(secret(),
                vector.get("requestSigningText").asText(), vector.get("hmac").asText());

        assertThat(matches).isTrue();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void requestParsesBackFromItsJson(JsonNode vector) throws Exception {
        V1Request request = new V1Request(vector.get("key").asText(), vector.get("nonce").asText(),
                vector.get("version").asText(), vector.get("hmac").asText());

        V1Request parsed = V1Protocol.parseRequest(request.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(parsed).isEqualTo(request);
    }
}
