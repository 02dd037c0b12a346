package com.goodtalk.server.v2;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.protocol.license.LicenseCertificate;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.server.testing.RunningServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Captures everything the server logs while it handles v2 requests. Each request must get one
 * INFO line with the endpoint, the masked key, the status word and the key ids, and no full
 * product key, client secret, MAC or signature may reach the log.
 */
class V2RequestLogTest {

    private static final String KEY = ProductKeys.generate();

    @RegisterExtension
    static final RunningServer server = RunningServer.withProductKeys(List.of(KEY));

    @TempDir
    Path directory;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLog() {
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void releaseLog() {
        root.detachAppender(appender);
    }

    @Test
    void oneLinePerRequestWithMaskedKey() {
        V2Fixtures.client(server, V2Fixtures.machine()).activate(KEY);
        V2Fixtures.builder(server, V2Fixtures.machine()).clientSecret(Secret.ofUtf8("wrong")).build().validate(KEY);
        new V2Http(server.baseUri()).post(V2Operation.DEACTIVATE.path(), "garbage".getBytes(StandardCharsets.UTF_8));

        List<String> lines = requestLines();
        String replyKid = server.signingKeys().activeKeyId();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("POST /v2/activate from 127.0.0.1:").contains(": 200 activated")
                .contains("key " + ProductKeys.mask(KEY)).contains("client kid test-client")
                .contains("reply kid " + replyKid);
        assertThat(lines.get(1)).contains("POST /v2/validate").contains(": 401 bad_signature").contains("key -")
                .contains("client kid -").contains("reply kid " + replyKid).contains("check hmac");
        assertThat(lines.get(2)).contains("POST /v2/deactivate").contains(": 400 malformed").contains("check syntax");
    }

    @Test
    void decisionLinesEndWithLookup() throws Exception {
        String machine = V2Fixtures.machine();
        VerificationTrace activated = V2Fixtures.client(server, machine).activate(KEY);
        LicenseCertificate certificate = LicenseCertificate.verifyOffline(
                activated.verdict().licenseCertificate().orElseThrow(), server.jwks(), machine, Clock.systemUTC());
        V2Fixtures.client(server, machine).validate(certificate);

        List<String> lines = requestLines();
        String ids = ", client kid test-client, reply kid " + server.signingKeys().activeKeyId();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("POST /v2/activate from 127\\.0\\.0\\.1:\\d+: 200 activated, key "
                + Pattern.quote(ProductKeys.mask(KEY) + ids + ", license looked up by product key"));
        assertThat(lines.get(1)).matches("POST /v2/validate from 127\\.0\\.0\\.1:\\d+: 200 valid, key "
                + Pattern.quote(certificate.keyHint() + " (lic " + certificate.licenseId() + ")" + ids
                + ", license looked up by certificate"));
    }

    @Test
    void logsContainNoKeySecretMacOrSignature() throws IOException {
        VerificationTrace activated = V2Fixtures.client(server, V2Fixtures.machine()).activate(KEY);
        VerificationTrace validated = V2Fixtures.client(server, V2Fixtures.machine()).validate(KEY);
        server.writeV2SecretFile(directory.resolve("client-secret.txt"));
        String clientSecretText = Files.readString(directory.resolve("client-secret.txt"), StandardCharsets.US_ASCII);

        List<String> forbidden = new ArrayList<>(List.of(KEY, KEY.replace("-", ""), clientSecretText));
        for (VerificationTrace trace : List.of(activated, validated)) {
            forbidden.add(V2Fixtures.value(trace, StepId.SIGN_REQUEST, "signature"));
            forbidden.add(V2Fixtures.value(trace, StepId.VERIFY_SIGNATURE, "signature"));
        }
        String log = wholeLog();
        assertThat(requestLines()).hasSize(2);
        for (String secret : forbidden) {
            assertThat(log).as("the log must not contain a key, secret, MAC or signature").doesNotContain(secret);
        }
    }

    private List<String> requestLines() {
        return appender.list.stream()
                .filter(event -> event.getLoggerName().equals(V2EndpointHandler.class.getName()))
                .filter(event -> event.getLevel() == Level.INFO)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private String wholeLog() {
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
