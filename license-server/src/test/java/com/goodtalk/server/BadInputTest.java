package com.goodtalk.server;

import static com.goodtalk.server.AuthenticateEndpointTest.assertReply;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v1.V1Request;
import com.goodtalk.server.http.ErrorMappingHandler;
import com.goodtalk.server.testing.RunningServer;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Sends bodies, methods and paths that break the rules, and checks that each gets its own 4xx
 * JSON reply. The catch-all that turns an exception into a 500 must never see one of them.
 */
class BadInputTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private static final String DEMO_KEY = DemoKeys.KEYS.get(0);
    private static final String NOT_ALLOWED = "{\"error\": \"Not Allowed\"}";
    private static final int LIMIT = LicenseServer.MAX_BODY_BYTES;

    private static final ListAppender<ILoggingEvent> catchAllLog = new ListAppender<>();
    private static final Logger catchAllLogger = (Logger) LoggerFactory.getLogger(ErrorMappingHandler.class);

    private final TestHttp http = new TestHttp(server.baseUri());

    @BeforeAll
    static void watchCatchAll() {
        catchAllLog.start();
        catchAllLogger.addAppender(catchAllLog);
    }

    @AfterAll
    static void catchAllNeverReached() {
        catchAllLogger.detachAppender(catchAllLog);
        assertThat(catchAllLog.list).as("events logged by the catch-all").isEmpty();
    }

    static Stream<Arguments> malformedBodies() {
        String key = "\"key\": \"" + DEMO_KEY + "\"";
        String nonce = "\"nonce\": \"n\"";
        String version = "\"version\": \"0.0.1\"";
        String hmac = "\"hmac\": \"" + "a".repeat(64) + "\"";
        return Stream.of(
                named("malformed JSON", "{\"key\": \"" + DEMO_KEY + "\","),
                named("empty body", ""),
                named("whitespace only", "  \r\n\t "),
                named("JSON array", "[" + String.join(", ", key.replace("\"key\": ", ""), "\"n\"") + "]"),
                named("JSON string", "\"" + DEMO_KEY + "\""),
                named("JSON number", "42"),
                named("JSON null", "null"),
                named("key missing", object(nonce, version, hmac)),
                named("nonce missing", object(key, version, hmac)),
                named("version missing", object(key, nonce, hmac)),
                named("hmac missing", object(key, nonce, version)),
                named("key is a number", object("\"key\": 12345", nonce, version, hmac)),
                named("key is null", object("\"key\": null", nonce, version, hmac)),
                named("key is an object", object("\"key\": {\"value\": \"" + DEMO_KEY + "\"}", nonce, version, hmac)),
                named("key is an array", object("\"key\": [\"" + DEMO_KEY + "\"]", nonce, version, hmac)),
                named("nonce is a number", object(key, "\"nonce\": 7", version, hmac)),
                named("version is a number", object(key, nonce, "\"version\": 0.1", hmac)),
                named("version is true", object(key, nonce, "\"version\": true", hmac)),
                named("hmac is null", object(key, nonce, version, "\"hmac\": null")),
                named("hmac is an object", object(key, nonce, version, "\"hmac\": {}")),
                named("duplicate key member", object(key, "\"key\": \"OTHER\"", nonce, version, hmac)),
                named("duplicate identical hmac", object(key, nonce, version, hmac, hmac)),
                named("trailing content", object(key, nonce, version, hmac) + " {}"),
                named("single quotes", "{'key': 'x', 'nonce': 'n', 'version': '0.0.1', 'hmac': 'h'}"),
                named("comment", "/* c */" + object(key, nonce, version, hmac)),
                named("NaN literal", object(key, nonce, version, "\"hmac\": NaN")),
                named("deep nesting", "[".repeat(5000) + "]".repeat(5000)));
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void malformedBodyIsNotAllowed(String body) {
        assertReply(http.post(V1Protocol.AUTHENTICATE_PATH, body), 403, NOT_ALLOWED);
    }

    @Test
    void invalidUtf8IsNotAllowed() {
        byte[] body = {'{', '"', 'k', 'e', 'y', '"', ':', ' ', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertReply(http.post(V1Protocol.AUTHENTICATE_PATH, body), 403, NOT_ALLOWED);
    }

    @Test
    void bodyOneByteOverLimitIsRejected() {
        HttpResponse<String> response = http.post(V1Protocol.AUTHENTICATE_PATH, spaces(LIMIT + 1));

        assertTooLarge(response);
    }

    @Test
    void chunkedBodyOneByteOverLimitIsRejected() {
        HttpResponse<String> response = http.postChunked(V1Protocol.AUTHENTICATE_PATH, spaces(LIMIT + 1));

        assertTooLarge(response);
    }

    @Test
    void chunkedBodyFarOverLimitIsRejected() {
        HttpResponse<String> response = http.postChunked(V1Protocol.AUTHENTICATE_PATH, spaces(512 * 1024));

        assertTooLarge(response);
    }

    @Test
    void declaredOverLimitWithExpectContinueIsRejected() throws IOException {
        // A raw socket, because the JDK 17 HttpClient waits forever when the reply to Expect: 100-continue is
        // a final status.
        try (Socket socket = new Socket("127.0.0.1", server.baseUri().getPort())) {
            socket.setSoTimeout(20_000);
            String head = "POST /authenticate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (LIMIT + 1) + "\r\nExpect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));

            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(reply).startsWith("HTTP/1.1 413 ");
            assertThat(reply).contains("Content-Type: application/json");
            assertThat(reply).contains("\"error\":\"Content Too Large\"");
        }
    }

    @Test
    void signedRequestPaddedToLimitActivates() {
        byte[] body = paddedToLimit(V1Protocol.signRequest(server.secret(), DEMO_KEY, "n", "0.0.1"));

        assertThat(http.post(V1Protocol.AUTHENTICATE_PATH, body).statusCode()).isEqualTo(200);
    }

    @Test
    void chunkedRequestPaddedToLimitActivates() {
        byte[] body = paddedToLimit(V1Protocol.signRequest(server.secret(), DEMO_KEY, "n", "0.0.1"));

        assertThat(http.postChunked(V1Protocol.AUTHENTICATE_PATH, body).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void otherMethodOnAuthenticateIs405(String method) {
        HttpResponse<String> response = http.request(method, V1Protocol.AUTHENTICATE_PATH);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).contains("\"error\":\"Method Not Allowed\"").contains("Use POST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE"})
    void otherMethodOnHealthIs405(String method) {
        HttpResponse<String> response = http.request(method, V1Protocol.HEALTH_PATH);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).contains("\"error\":\"Method Not Allowed\"");
    }

    @Test
    void headOnHealthIs405WithoutBody() {
        HttpResponse<String> response = http.request("HEAD", V1Protocol.HEALTH_PATH);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        assertThat(response.body()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/authenticate/", "/AUTHENTICATE", "/health/x", "/authenticate.json",
        "/%2e%2e/authenticate", "/v2/authenticate"})
    void unknownPathIs404(String path) {
        HttpResponse<String> response = http.request("GET", path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).contains("\"error\":\"Not Found\"");
    }

    @Test
    void unknownPathWithBodyIs404() {
        HttpResponse<String> response = http.post("/activate", "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("POST /authenticate and GET /health");
    }

    /** Forms of the demo key that the shared key normaliser maps to it, so v1 finds its license as v2 does. */
    static Stream<Arguments> normalisedForms() {
        return Stream.of(
                named("en dash for hyphen", DEMO_KEY.replace('-', '\u2013')),
                named("minus sign for hyphen", DEMO_KEY.replace('-', '\u2212')),
                named("fullwidth digit 4", DEMO_KEY.replace('4', '\uFF14')),
                named("zero-width space", DEMO_KEY.replace("-", "-\u200B")),
                named("non-breaking space", DEMO_KEY + "\u00A0"),
                named("trailing space", DEMO_KEY + " "),
                named("leading space", " " + DEMO_KEY),
                named("lower case", DEMO_KEY.toLowerCase()));
    }

    /** Keys that differ from the demo key after normalising, or that the normaliser rejects. */
    static Stream<Arguments> lookAlikeKeys() {
        return Stream.of(
                named("Cyrillic A", DEMO_KEY.replace('A', '\u0410')),
                named("Greek capital alpha", DEMO_KEY.replace('A', '\u0391')),
                named("letter O for zero", DEMO_KEY.replace('0', 'O')),
                named("decomposed accent", DEMO_KEY + "E\u0301"),
                named("embedded NUL", DEMO_KEY + "\u0000"),
                named("prefix of key", DEMO_KEY.substring(0, DEMO_KEY.length() - 1)));
    }

    @ParameterizedTest
    @MethodSource("normalisedForms")
    void normalisedFormIsAccepted(String key) {
        V1Request request = V1Protocol.signRequest(server.secret(), key, "n", "0.0.1");

        HttpResponse<String> response = http.post(V1Protocol.AUTHENTICATE_PATH, request.toJson());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).startsWith(request.toJson().substring(0, request.toJson().length() - 1));
    }

    @ParameterizedTest
    @MethodSource("lookAlikeKeys")
    void lookAlikeKeyIsKeyInvalid(String key) {
        V1Request request = V1Protocol.signRequest(server.secret(), key, "n", "0.0.1");

        assertReply(http.post(V1Protocol.AUTHENTICATE_PATH, request.toJson()), 403, "{\"error\": \"key_invalid\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.2", "0.0.1 ", " 0.0.1", "0.0.01", "v0.0.1", "0.0.1\u0000", "", "0\u20240\u20241"})
    void otherVersionIsVersionNotAllowed(String version) {
        V1Request request = V1Protocol.signRequest(server.secret(), DEMO_KEY, "n", version);

        assertReply(http.post(V1Protocol.AUTHENTICATE_PATH, request.toJson()), 403,
                "{\"error\": \"version_not_allowed\"}");
    }

    private static void assertTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).contains("\"error\":\"Content Too Large\"").contains(Integer.toString(LIMIT));
    }

    private static byte[] paddedToLimit(V1Request request) {
        byte[] json = request.toJson().getBytes(StandardCharsets.UTF_8);
        byte[] body = spaces(LIMIT);
        System.arraycopy(json, 0, body, 0, json.length);
        return body;
    }

    private static byte[] spaces(int count) {
        byte[] body = new byte[count];
        Arrays.fill(body, (byte) ' ');
        return body;
    }

    private static String object(String... members) {
        return "{" + String.join(", ", List.of(members)) + "}";
    }

    private static Arguments named(String name, String value) {
        return Arguments.of(Named.of(name, value));
    }
}
