package com.goodtalk.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v1.V1Reply;
import com.goodtalk.protocol.v1.V1Request;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.testing.TestStores;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Captures everything the server logs while it handles requests with demo keys, and checks
 * that no full key, secret or MAC reaches the log, while each outcome does, in one line.
 */
class RequestLogTest {

    private static final String KEY = DemoKeys.KEYS.get(0);

    /** A secret whose text is easy to search for in the log. */
    private final String secretText = "log-canary-secret-" + Nonces.randomUrlSafe(16);
    private final Secret secret = Secret.ofUtf8(secretText);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<String> macs = new ArrayList<>();
    @TempDir
    Path directory;

    private LicenseStore store;
    private LicenseServer server;
    private TestHttp http;

    @BeforeEach
    void startServerAndCapture() {
        appender.start();
        root.addAppender(appender);
        store = TestStores.sqliteWithKeys(directory, DemoKeys.KEYS);
        server = LicenseServer.start(ServerConfig.builder().port(0).licenseStore(store).v1Secret(secret).build());
        http = new TestHttp(server.baseUri());
    }

    @AfterEach
    void stopServer() {
        server.close();
        store.close();
        root.detachAppender(appender);
    }

    @Test
    void logsHoldNoKeySecretOrMac() throws Exception {
        V1Request activation = V1Protocol.signRequest(secret, KEY, Nonces.clientNonce(), "0.0.1");
        HttpResponse<String> activated = post(activation.toJson());
        V1Reply reply = V1Protocol.parseReply(activated.body().getBytes(StandardCharsets.UTF_8));
        macs.add(activation.hmac());
        macs.add(reply.serverSignature());

        post(sign(DemoKeys.KEYS.get(1), "9.9.9"));
        post(sign("SDFK9-J4HUL-1JK9I9-923J-0069", "0.0.1"));
        post(new V1Request(KEY, "n", "0.0.1", "0".repeat(64)).toJson());
        post(V1Protocol.signRequest(Secret.ofUtf8("other"), KEY, "n", "0.0.1").toJson());
        post("{\"" + KEY + "\": 1, \"" + KEY + "\": 2}");
        post("{\"key\": " + KEY.replace("-", "") + "}");
        post("{\"key\": \"" + KEY + "\", \"key\": \"" + KEY + "\"}");
        post("{\"key\": 1, \"nonce\": \"" + KEY + "\"}");

        String log = capturedLog();
        assertThat(log).contains("200, activated key APENL-*****");
        for (String demoKey : DemoKeys.KEYS) {
            assertThat(log).doesNotContain(demoKey);
            assertThat(log).doesNotContain(demoKey.replace("-", ""));
        }
        assertThat(log).doesNotContain(secretText);
        for (String mac : macs) {
            assertThat(log).doesNotContain(mac);
        }
    }

    @Test
    void eachOutcomeLoggedInOneLine() {
        post(sign(KEY, "0.0.1"));
        post(sign(KEY, "0.0.2\r\nINFO x"));
        post(sign("A\nB\u2028-INFO forged line", "0.0.1"));
        post("not json");

        List<String> lines = requestLines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("200, activated key APENL-*****");
        assertThat(lines.get(1)).contains("403, rejected (version_not_allowed), key APENL-*****")
                .contains("\"0.0.2\\u000d\\u000aINFO x\"");
        assertThat(lines.get(2)).contains("403, rejected (key_invalid), key A\\u000aB\\u2028-*****");
        assertThat(lines.get(3)).contains("403, rejected (Not Allowed), malformed request");
        for (String line : lines) {
            assertThat(line).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u2028");
        }
    }

    @Test
    void requestsHandledOnWorkerThreads() {
        post(sign(KEY, "0.0.1"));
        http.request("GET", "/nowhere");

        List<ILoggingEvent> events = appender.list.stream()
                .filter(event -> event.getFormattedMessage().startsWith("POST /authenticate")
                        || event.getFormattedMessage().startsWith("GET /nowhere"))
                .toList();
        assertThat(events).hasSize(2);
        for (ILoggingEvent event : events) {
            // XNIO names its I/O threads "XNIO-n I/O-m" and its worker threads "XNIO-n task-m".
            assertThat(event.getThreadName()).contains("task").doesNotContain("I/O");
        }
    }

    private String sign(String key, String version) {
        V1Request request = V1Protocol.signRequest(secret, key, Nonces.clientNonce(), version);
        macs.add(request.hmac());
        return request.toJson();
    }

    private HttpResponse<String> post(String body) {
        HttpResponse<String> response = http.post(V1Protocol.AUTHENTICATE_PATH, body);
        if (response.statusCode() == 200) {
            macs.add(response.body().replaceAll(".*\"serverSignature\": \"([0-9a-f]+)\".*", "$1"));
        }
        return response;
    }

    private List<String> requestLines() {
        return appender.list.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(message -> message.startsWith("POST /authenticate"))
                .toList();
    }

    private String capturedLog() {
        StringBuilder log = new StringBuilder();
        for (ILoggingEvent event : appender.list) {
            log.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                log.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        return log.toString();
    }
}
