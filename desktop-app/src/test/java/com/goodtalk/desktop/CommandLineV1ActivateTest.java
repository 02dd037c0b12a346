package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.LicenseServer;
import com.goodtalk.server.ServerConfig;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.testing.TestStores;
import com.goodtalk.testkit.JsonEdits;
import com.goodtalk.testkit.TamperingProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The {@code activate} subcommand with {@code --protocol v1}, run in-process against a real
 * license server.
 *
 * <p>The command line reads its secret from a file, so this test starts the server itself
 * with a random text secret that it also writes to a file, rather than through
 * {@code RunningServer}, whose secret cannot be written out.
 */
class CommandLineV1ActivateTest {

    private static final String KEY = DemoKeys.KEYS.get(0);

    @TempDir
    static Path directory;

    private static LicenseStore store;
    private static LicenseServer server;
    private static Path secretFile;

    @BeforeAll
    static void startServer() throws Exception {
        String secretText = Nonces.randomUrlSafe(32);
        secretFile = Files.writeString(directory.resolve("v1.secret"), secretText + "\n");
        store = TestStores.sqliteWithKeys(directory.resolve("store"), DemoKeys.KEYS);
        server = LicenseServer.start(ServerConfig.builder()
                .port(0)
                .licenseStore(store)
                .v1Secret(Secret.ofUtf8(secretText))
                .build());
    }

    @AfterAll
    static void stopServer() {
        server.close();
        store.close();
    }

    private static CommandLineRun activate(String serverUrl, String... more) {
        String[] args = new String[7 + more.length];
        args[0] = "activate";
        args[1] = "--protocol";
        args[2] = "v1";
        args[3] = "--server";
        args[4] = serverUrl;
        args[5] = "--secret-file";
        args[6] = secretFile.toString();
        System.arraycopy(more, 0, args, 7, more.length);
        return CommandLineRun.of(args);
    }

    @Test
    void demoKeyExitsZeroWithEveryStepPassed() {
        CommandLineRun run = activate(server.baseUri().toString(), "  " + KEY + " ");

        assertThat(run.exitCode()).as("exit code, stderr: %s", run.err()).isEqualTo(ExitCode.ACTIVATED);
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).startsWith("GoodTalk v1 activation at " + server.baseUri() + "/authenticate, started ");
        assertThat(run.out()).contains("\nPASS  Sign the request: ")
                .contains("\nPASS  Send the request: The server answered HTTP 200.\n")
                .contains("\nPASS  Read the reply: ")
                .contains("\nPASS  Verify the server signature: ")
                .contains("\nPASS  Check the reply answers this request: ")
                .contains("\nPASS  Read the server's decision: The server accepted the key.\n")
                .contains("\n        key: " + KEY + "\n")
                .doesNotContain("FAIL")
                .doesNotContain("SKIP");
        assertThat(lines[lines.length - 1]).startsWith("Result: activated. ");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void demoKeyJsonIsTheTrace() throws Exception {
        CommandLineRun run = activate(server.baseUri().toString(), "--json", KEY);

        assertThat(run.exitCode()).isEqualTo(ExitCode.ACTIVATED);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("protocol").asText()).isEqualTo("v1");
        assertThat(json.path("verdict").path("kind").asText()).isEqualTo("activated");
        assertThat(json.path("steps")).hasSize(6);
        for (JsonNode step : json.path("steps")) {
            assertThat(step.path("outcome").asText()).as("outcome of %s", step.path("id")).isEqualTo("passed");
        }
        assertThat(json.path("steps").get(0).path("values").path("key").asText()).isEqualTo(KEY);
    }

    @Test
    void logsContainNeitherKeyNorSecret() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level levelBefore = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.ALL);
        try {
            activate(server.baseUri().toString(), KEY);
            activate(server.baseUri().toString(), "AAAAA-BBBBB-CCCCC-DDDD-EEEEE");
            CommandLineRun.of("activate", "--protocol", "v1", "--server", server.baseUri().toString(), KEY);
        } finally {
            root.setLevel(levelBefore);
            root.detachAppender(captured);
        }

        String secretText = Files.readString(secretFile).strip();
        assertThat(captured.list).as("the demo secret warning at least").isNotEmpty();
        for (ILoggingEvent event : captured.list) {
            String logged = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
            assertThat(logged).doesNotContain(KEY).doesNotContain("AAAAA-BBBBB-CCCCC-DDDD-EEEEE")
                    .doesNotContain(secretText).doesNotContain("PleaseDontFindMe!");
        }
    }

    @Test
    void unknownKeyExitsOneWithReason() throws Exception {
        CommandLineRun text = activate(server.baseUri().toString(), "AAAAA-BBBBB-CCCCC-DDDD-EEEEE");
        CommandLineRun json = activate(server.baseUri().toString(), "--json", "AAAAA-BBBBB-CCCCC-DDDD-EEEEE");

        assertThat(text.exitCode()).isEqualTo(ExitCode.REJECTED);
        assertThat(text.out()).contains("\nFAIL  Read the server's decision: ")
                .contains("\nSKIP  Verify the server signature: ")
                .contains("\nResult: rejected by the server (reason key_invalid). ");
        assertThat(json.exitCode()).isEqualTo(ExitCode.REJECTED);
        JsonNode verdict = new ObjectMapper().readTree(json.out()).path("verdict");
        assertThat(verdict.path("kind").asText()).isEqualTo("rejected");
        assertThat(verdict.path("serverReason").asText()).isEqualTo("key_invalid");
    }

    @Test
    void wrongSecretIsRejectedAsNotAllowed() throws Exception {
        Path otherSecret = Files.writeString(directory.resolve("other.secret"), "not the server's secret");

        CommandLineRun run = CommandLineRun.of("activate", "--protocol", "v1", "--server",
                server.baseUri().toString(), "--secret-file", otherSecret.toString(), KEY);

        assertThat(run.exitCode()).isEqualTo(ExitCode.REJECTED);
        assertThat(run.out()).contains("Result: rejected by the server (reason Not Allowed).");
    }

    @Test
    void tamperedReplyExitsTwo() {
        try (TamperingProxy proxy = TamperingProxy.start(server.baseUri())) {
            proxy.editReplies(JsonEdits.set("serverNonce", "AAAAAAAAAAAAAAAAAAAAAA"));

            CommandLineRun run = activate(proxy.baseUri().toString(), KEY);

            assertThat(run.exitCode()).isEqualTo(ExitCode.VERIFICATION_FAILED);
            assertThat(run.out()).contains("\nFAIL  Verify the server signature: ")
                    .contains("\nResult: verification failed (failed step verify_signature). ");
        }
    }

    @Test
    void replayedReplyExitsTwoAtEchoCheck() throws Exception {
        try (TamperingProxy proxy = TamperingProxy.start(server.baseUri())) {
            assertThat(activate(proxy.baseUri().toString(), KEY).exitCode()).isEqualTo(ExitCode.ACTIVATED);
            proxy.replayReplies();

            CommandLineRun run = activate(proxy.baseUri().toString(), "--json", KEY);

            assertThat(run.exitCode()).isEqualTo(ExitCode.VERIFICATION_FAILED);
            JsonNode verdict = new ObjectMapper().readTree(run.out()).path("verdict");
            assertThat(verdict.path("failedStep").asText()).isEqualTo("check_echo");
        }
    }

    @Test
    void stoppedServerExitsThree() {
        LicenseServer stopped = LicenseServer.start(ServerConfig.builder()
                .port(0).licenseStore(store).v1Secret(Secret.ofUtf8("unused")).build());
        String url = stopped.baseUri().toString();
        stopped.close();

        CommandLineRun run = activate(url, KEY);

        assertThat(run.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.out()).contains("\nFAIL  Send the request: Could not connect to " + url)
                .contains("\nResult: server unreachable (failed step send_request). ");
        assertThat(run.err()).doesNotContain("\tat ");
    }
}
