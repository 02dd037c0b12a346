package com.goodtalk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.v1.V1Protocol;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The command line end to end for v1 on the license store: a key made with {@code licenses create}
 * activates over v1 on a server started with {@code --production}, and after {@code licenses
 * revoke} the same client gets {@code key_invalid}, while the server log and the audit log say why.
 */
class MainV1StoreTest {

    private static final String V1_SECRET_TEXT = "v1 secret of the command line test";
    private static final Map<String, String> ENVIRONMENT = Map.of("USER", "tester",
            "GOODTALK_V1_SECRET", V1_SECRET_TEXT);
    private static final Pattern NEW_KEY = Pattern.compile("(?m)^[0-9A-Z]{6}(?:-[0-9A-Z]{6}){3}$");

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLog() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        root.detachAppender(log);
    }

    @Test
    void createdKeyWorksUntilRevoked() {
        int created = admin("licenses", "create", "--product", "editor", "--edition", "pro", "--seats", "1");
        assertThat(created).as(text(err)).isZero();
        String key = printedKey();
        List<HttpResponse<String>> replies = new ArrayList<>();

        int exitCode = Main.execute(new String[] {"--production", "--port", "0", "--data-dir", dataDir.toString()},
                stream(out), stream(err), ENVIRONMENT, server -> {
                    replies.add(authenticate(server, key));
                    int revoked = admin("licenses", "revoke", "1");
                    assertThat(revoked).as(text(err)).isZero();
                    replies.add(authenticate(server, key));
                    server.close();
                });

        assertThat(exitCode).as(text(err)).isZero();
        assertThat(replies.get(0).statusCode()).as(replies.get(0).body()).isEqualTo(200);
        assertThat(replies.get(0).body()).contains("\"serverSignature\": ");
        assertThat(replies.get(1).statusCode()).isEqualTo(403);
        assertThat(replies.get(1).body()).isEqualTo("{\"error\": \"key_invalid\"}");
        String maskedKey = key.substring(0, key.indexOf('-')) + "-*****";
        assertThat(requestLines()).hasSize(2);
        assertThat(requestLines().get(0)).contains("200, activated key " + maskedKey).contains("no seat taken");
        assertThat(requestLines().get(1)).contains("403, rejected (key_invalid), key " + maskedKey)
                .contains("license 1 is revoked (key_revoked)");
        assertThat(text(err) + String.join("\n", requestLines())).doesNotContain(key);

        out.reset();
        int audited = admin("audit", "--license", "1");
        assertThat(audited).as(text(err)).isZero();
        assertThat(text(out)).contains("client:v1").contains("key_check").contains("key_check_failure")
                .contains("key_revoked").doesNotContain(key);
    }

    private int admin(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dataDir.toString()));
        return Main.execute(all.toArray(String[]::new), stream(out), stream(err), ENVIRONMENT,
                server -> fail("An admin command started the server"));
    }

    private String printedKey() {
        Matcher matcher = NEW_KEY.matcher(text(out));
        assertThat(matcher.find()).as("a new key in: " + text(out)).isTrue();
        return matcher.group();
    }

    private static HttpResponse<String> authenticate(LicenseServer server, String key) {
        String body = V1Protocol.signRequest(Secret.ofUtf8(V1_SECRET_TEXT), key, Nonces.clientNonce(),
                V1Protocol.REFERENCE_CLIENT_VERSION).toJson();
        return new TestHttp(server.baseUri()).post(V1Protocol.AUTHENTICATE_PATH, body);
    }

    private List<String> requestLines() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.startsWith("POST " + V1Protocol.AUTHENTICATE_PATH)).toList();
    }

    private static PrintStream stream(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
