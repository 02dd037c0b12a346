package com.goodtalk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v1.V1Reply;
import com.goodtalk.protocol.v1.V1Request;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.testing.TestStores;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sends every case computed by the original proof-of-concept code to a running server that has
 * the vectors' secret, and checks the reply byte for byte against the reference's.
 *
 * <p>The server accepts versions 0.0.1 and 9.9.9, and its license store holds every non-empty
 * vector key as an imported legacy key, so the vector with an empty version is the only one that
 * must get {@code version_not_allowed}.
 */
class SeedVectorsServerTest {

    private static final AtomicReference<String> NEXT_SERVER_NONCE = new AtomicReference<>();

    private static JsonNode vectors;
    @TempDir
    static Path directory;

    private static LicenseStore store;
    private static LicenseServer server;
    private static TestHttp http;

    @BeforeAll
    static void startServer() throws IOException {
        vectors = readVectors();
        List<String> keys = new ArrayList<>();
        for (JsonNode vector : vectors.get("cases")) {
            String key = vector.get("key").asText();
            if (!key.isEmpty()) {
                keys.add(key);
            }
        }
        store = TestStores.sqliteWithKeys(directory, keys);
        server = LicenseServer.start(ServerConfig.builder()
                .port(0)
                .licenseStore(store)
                .acceptedVersions(Set.of("0.0.1", "9.9.9"))
                .v1Secret(Secret.ofUtf8(vectors.get("secret").asText()))
                // The reference reply is reproducible only with the reference's server nonce.
                .serverNonces(NEXT_SERVER_NONCE::get)
                .build());
        http = new TestHttp(server.baseUri());
    }

    @AfterAll
    static void stopServer() {
        server.close();
        store.close();
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode vector : readVectors().get("cases")) {
            cases.add(Arguments.of(Named.of(vector.get("name").asText(), vector)));
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void serverRepliesAsReference(JsonNode vector) throws Exception {
        V1Request request = new V1Request(vector.get("key").asText(), vector.get("nonce").asText(),
                vector.get("version").asText(), vector.get("hmac").asText());
        NEXT_SERVER_NONCE.set(vector.get("serverNonce").asText());

        HttpResponse<String> response = http.post(V1Protocol.AUTHENTICATE_PATH, request.toJson());

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        if (request.version().isEmpty()) {
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).isEqualTo("{\"error\": \"version_not_allowed\"}");
            return;
        }
        V1Reply expected = new V1Reply(request.key(), request.nonce(), request.version(), request.hmac(),
                vector.get("serverNonce").asText(), vector.get("serverSignature").asText());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(expected.toJson());
        V1Reply received = V1Protocol.parseReply(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(V1Protocol.hmacMatches(Secret.ofUtf8(vectors.get("secret").asText()), received.signingText(),
                received.serverSignature())).isTrue();
    }

    private static JsonNode readVectors() throws IOException {
        try (InputStream in = SeedVectorsServerTest.class.getResourceAsStream("/vectors/v1-seed.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
