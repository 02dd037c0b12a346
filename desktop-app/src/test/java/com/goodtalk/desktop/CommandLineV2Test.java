package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import com.goodtalk.testkit.TamperingProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The {@code activate}, {@code validate} and {@code deactivate} subcommands with protocol v2, the
 * default, run in-process against a real license server. The command line gets the server's key
 * set and client secret as files, as a user would.
 *
 * <p>The tests share one server, so each uses its own demo key or its own product id (which makes
 * it another machine) where seats matter.
 */
class CommandLineV2Test {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private static final String UNKNOWN_KEY = "AAAAA-BBBBB-CCCCC-DDDD-EEEEE";
    private static final List<String> V2_STEPS = List.of("sign_request", "send_request", "parse_reply",
            "check_algorithm", "check_key_id", "verify_signature", "check_request_hash", "check_echo",
            "read_decision");

    @TempDir
    static Path directory;

    private static Path keysFile;
    private static Path secretFile;

    @BeforeAll
    static void writeFiles() {
        keysFile = directory.resolve("server.jwks");
        secretFile = directory.resolve("client.secret");
        server.writeJwks(keysFile);
        server.writeV2SecretFile(secretFile);
    }

    /** Runs {@code command} against {@code url} with the server's keys, secret and key id, then {@code more}. */
    private static CommandLineRun runAt(String url, String command, String... more) {
        return runWith(keysFile, secretFile, url, command, more);
    }

    /** Runs {@code command} against {@code url} with the given key set and client secret files. */
    private static CommandLineRun runWith(Path keys, Path secret, String url, String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--server", url,
                "--trusted-keys", keys.toString(), "--client-secret-file", secret.toString(),
                "--client-key-id", server.clientKeyId()));
        args.addAll(List.of(more));
        return CommandLineRun.of(args.toArray(String[]::new));
    }

    private static CommandLineRun run(String command, String... more) {
        return runAt(server.baseUri().toString(), command, more);
    }

    @Test
    void activateExitsZeroWithEveryStepPassed() {
        CommandLineRun run = run("activate", " " + DemoKeys.KEYS.get(0) + " ");

        assertThat(run.exitCode()).as("exit code, stderr: %s", run.err()).isEqualTo(ExitCode.ACTIVATED);
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).startsWith("GoodTalk v2 activation at " + server.baseUri() + "/v2/activate, started ");
        assertThat(run.out()).contains("\nPASS  Sign the request: ")
                .contains("\nPASS  Send the request: The server returned HTTP 200.\n")
                .contains("\nPASS  Read the reply: ")
                .contains("\nPASS  Check the signature algorithm: ")
                .contains("\nPASS  Check the server key is pinned: ")
                .contains("\nPASS  Verify the server signature: ")
                .contains("\nPASS  Check the reply is for this request: ")
                .contains("\nPASS  Check the reply echoes this request's jti: ")
                .contains("\nPASS  Read the server's decision: ")
                .contains("\n        clock offset: ")
                .doesNotContain("FAIL")
                .doesNotContain("SKIP");
        assertThat(lines[lines.length - 1]).startsWith("Result: activated. ");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void jsonListsV2StepIds() throws Exception {
        CommandLineRun run = run("activate", "--json", DemoKeys.KEYS.get(0));

        assertThat(run.exitCode()).isEqualTo(ExitCode.ACTIVATED);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("protocol").asText()).isEqualTo("v2");
        assertThat(json.path("verdict").path("kind").asText()).isEqualTo("activated");
        List<String> ids = new ArrayList<>();
        for (JsonNode step : json.path("steps")) {
            ids.add(step.path("id").asText());
            assertThat(step.path("outcome").asText()).as("outcome of %s", step.path("id")).isEqualTo("passed");
        }
        assertThat(ids).containsExactlyElementsOf(V2_STEPS);
    }

    @Test
    void activateValidateDeactivateLifecycle() throws Exception {
        String key = DemoKeys.KEYS.get(1);
        String[] machine = {"--product-id", "lifecycle-test"};

        CommandLineRun activate = run("activate", concat(machine, key));
        CommandLineRun validate = run("validate", concat(machine, key));
        CommandLineRun deactivate = run("deactivate", concat(machine, key));
        CommandLineRun validateAfter = run("validate", concat(machine, key));
        CommandLineRun deactivateAgain = run("deactivate", concat(machine, "--json", key));

        assertThat(activate.exitCode()).as("activate, stderr: %s", activate.err()).isEqualTo(ExitCode.ACTIVATED);
        assertThat(validate.exitCode()).as("validate").isEqualTo(ExitCode.ACTIVATED);
        assertThat(validate.out()).startsWith("GoodTalk v2 validation at " + server.baseUri() + "/v2/validate")
                .contains("\nResult: valid. ");
        assertThat(deactivate.exitCode()).as("deactivate").isEqualTo(ExitCode.ACTIVATED);
        assertThat(deactivate.out()).startsWith("GoodTalk v2 deactivation at ")
                .contains("\nResult: deactivated. ");
        assertThat(validateAfter.exitCode()).as("validate after deactivate").isEqualTo(ExitCode.REJECTED);
        assertThat(validateAfter.out()).contains("\nResult: rejected by the server (reason not_activated). ");
        assertThat(deactivateAgain.exitCode()).isEqualTo(ExitCode.REJECTED);
        assertThat(new ObjectMapper().readTree(deactivateAgain.out()).path("verdict").path("serverReason").asText())
                .isEqualTo("not_activated");
    }

    @Test
    void unknownKeyExitsOneWithReason() throws Exception {
        CommandLineRun run = run("activate", "--json", UNKNOWN_KEY);

        assertThat(run.exitCode()).isEqualTo(ExitCode.REJECTED);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("verdict").path("kind").asText()).isEqualTo("rejected");
        assertThat(json.path("verdict").path("serverReason").asText()).isEqualTo("key_invalid");
        assertThat(json.path("steps").get(5).path("id").asText()).isEqualTo("verify_signature");
        assertThat(json.path("steps").get(5).path("outcome").asText()).as("v2 rejections are signed")
                .isEqualTo("passed");
    }

    @Test
    void fourthMachineHitsSeatLimit() {
        String key = DemoKeys.KEYS.get(2);
        for (int machine = 1; machine <= 3; machine++) {
            CommandLineRun run = run("activate", "--product-id", "seat-test-" + machine, key);
            assertThat(run.exitCode()).as("machine %d, stderr: %s", machine, run.err()).isEqualTo(ExitCode.ACTIVATED);
        }

        CommandLineRun fourth = run("activate", "--product-id", "seat-test-4", key);

        assertThat(fourth.exitCode()).isEqualTo(ExitCode.REJECTED);
        assertThat(fourth.out()).contains("\nResult: rejected by the server (reason seat_limit_reached). ");
    }

    @Test
    void wrongClientSecretRejectedAsBadSignature() throws Exception {
        Path otherSecret = Files.writeString(directory.resolve("other.secret"), "not the server's secret");

        CommandLineRun run = runWith(keysFile, otherSecret, server.baseUri().toString(), "activate",
                DemoKeys.KEYS.get(0));

        assertThat(run.exitCode()).isEqualTo(ExitCode.REJECTED);
        assertThat(run.out()).contains("Result: rejected by the server (reason bad_signature).");
    }

    @Test
    void keysAndSecretFromEnvironment() {
        Map<String, String> environment = Map.of(TrustedKeysSource.ENV_VARIABLE, keysFile.toString(),
                SecretSource.V2_ENV_VARIABLE, readSecret());

        CommandLineRun run = CommandLineRun.of(environment, "activate", "--server", server.baseUri().toString(),
                "--client-key-id", server.clientKeyId(), DemoKeys.KEYS.get(0));

        assertThat(run.exitCode()).as("exit code, stderr: %s", run.err()).isEqualTo(ExitCode.ACTIVATED);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void unpinnedServerKeyExitsTwoAtKeyIdCheck() throws Exception {
        Path otherKeys = Files.writeString(directory.resolve("other.jwks"),
                JsonWebKeySet.of(ServerSigningKey.generate().publicKey()).toJson());

        CommandLineRun run = runWith(otherKeys, secretFile, server.baseUri().toString(), "activate", "--json",
                DemoKeys.KEYS.get(0));

        assertThat(run.exitCode()).isEqualTo(ExitCode.VERIFICATION_FAILED);
        JsonNode verdict = new ObjectMapper().readTree(run.out()).path("verdict");
        assertThat(verdict.path("failedStep").asText()).isEqualTo("check_key_id");
    }

    @Test
    void tamperedReplyExitsTwo() {
        try (TamperingProxy proxy = TamperingProxy.start(server.baseUri())) {
            proxy.editReplies(JwsEdits.changeSignatureCharacter());

            CommandLineRun run = runAt(proxy.baseUri().toString(), "validate", DemoKeys.KEYS.get(0));

            assertThat(run.exitCode()).isEqualTo(ExitCode.VERIFICATION_FAILED);
            assertThat(run.out()).contains("\nFAIL  Verify the server signature: ")
                    .contains("\nResult: verification failed (failed step verify_signature). ");
        }
    }

    @Test
    void replayedReplyExitsTwoAtRequestHash() throws Exception {
        try (TamperingProxy proxy = TamperingProxy.start(server.baseUri())) {
            assertThat(runAt(proxy.baseUri().toString(), "activate", DemoKeys.KEYS.get(0)).exitCode())
                    .isEqualTo(ExitCode.ACTIVATED);
            proxy.replayReplies();

            CommandLineRun run = runAt(proxy.baseUri().toString(), "activate", "--json", DemoKeys.KEYS.get(0));

            assertThat(run.exitCode()).isEqualTo(ExitCode.VERIFICATION_FAILED);
            JsonNode verdict = new ObjectMapper().readTree(run.out()).path("verdict");
            assertThat(verdict.path("failedStep").asText()).isEqualTo("check_request_hash");
        }
    }

    @Test
    void stoppedServerExitsThree() {
        RunningServer stopped = RunningServer.withDemoKeys();
        stopped.start();
        String url = stopped.baseUri().toString();
        stopped.stop();

        CommandLineRun run = runAt(url, "deactivate", DemoKeys.KEYS.get(0));

        assertThat(run.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(run.out()).contains("\nFAIL  Send the request: Could not connect to " + url)
                .contains("\nResult: server unreachable (failed step send_request). ");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void protocolV1StillActivates() {
        Path v1Secret = directory.resolve("v1.secret");
        server.writeV1SecretFile(v1Secret);

        CommandLineRun run = CommandLineRun.of("activate", "--protocol", "v1", "--server",
                server.baseUri().toString(), "--secret-file", v1Secret.toString(), DemoKeys.KEYS.get(0));

        assertThat(run.exitCode()).as("exit code, stderr: %s", run.err()).isEqualTo(ExitCode.ACTIVATED);
        assertThat(run.out()).startsWith("GoodTalk v1 activation at " + server.baseUri() + "/authenticate");
    }

    @Test
    void logsContainNeitherKeyNorSecret() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level levelBefore = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.ALL);
        try {
            run("activate", DemoKeys.KEYS.get(0));
            run("validate", UNKNOWN_KEY);
            CommandLineRun.of("deactivate", "--server", server.baseUri().toString(),
                    "--trusted-keys", keysFile.toString(), DemoKeys.KEYS.get(0));
        } finally {
            root.setLevel(levelBefore);
            root.detachAppender(captured);
        }

        String secretText = readSecret();
        assertThat(captured.list).as("the demo secret warning at least").isNotEmpty();
        for (ILoggingEvent event : captured.list) {
            String logged = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
            assertThat(logged).doesNotContain(DemoKeys.KEYS.get(0)).doesNotContain(UNKNOWN_KEY)
                    .doesNotContain(secretText);
        }
    }

    private static String readSecret() {
        try {
            return Files.readString(secretFile).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
