package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tamper} on the command line, run in-process through {@link Main} against real servers:
 * one with the default skew and one that allows 2 s, for the delay attack.
 */
class CommandLineTamperTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    @RegisterExtension
    static final RunningServer shortSkewServer = RunningServer.builder().skew(Duration.ofSeconds(2)).build();

    private static final String KEY = DemoKeys.KEYS.get(0);
    private static final String UNKNOWN_KEY = "AAAAA-BBBBB-CCCCC-DDDD-EEEEE";

    @TempDir
    static Path directory;

    private static CommandLineRun run(RunningServer target, String protocol, String... more) {
        return runCommand("activate", target, protocol, more);
    }

    private static CommandLineRun runCommand(String command, RunningServer target, String protocol, String... more) {
        String name = target == server ? "default" : "short";
        Path keys = directory.resolve(name + ".jwks");
        Path v2Secret = directory.resolve(name + "-v2.secret");
        Path v1Secret = directory.resolve(name + "-v1.secret");
        target.writeJwks(keys);
        target.writeV2SecretFile(v2Secret);
        target.writeV1SecretFile(v1Secret);
        List<String> args = new ArrayList<>(List.of(command, "--server", target.baseUri().toString(),
                "--protocol", protocol, "--trusted-keys", keys.toString(), "--client-secret-file", v2Secret.toString(),
                "--client-key-id", target.clientKeyId(), "--data-dir", directory.resolve("data").toString()));
        if (command.equals("activate")) {
            args.addAll(List.of("--secret-file", v1Secret.toString()));
        }
        args.addAll(List.of(more));
        return CommandLineRun.of(args.toArray(String[]::new));
    }

    private static void assertCaught(CommandLineRun run, String attack, String title, String stepId) {
        assertThat(run.exitCode()).as("exit code, stdout: %s stderr: %s", run.out(), run.err())
                .isEqualTo(ExitCode.VERIFICATION_FAILED);
        assertThat(run.out()).contains("\nFAIL  " + title + ": ")
                .contains("\nTamper demonstration: the proxy applied the attack " + attack + " (")
                .endsWith("Caught by the step \"" + title + "\" (" + stepId + ").\n");
    }

    @Test
    void forgeSuccessV2IsCaughtBySignature() {
        CommandLineRun run = run(server, "v2", "--tamper", "forge-success", UNKNOWN_KEY);

        assertCaught(run, "forge-success", "Verify the server signature", "verify_signature");
        assertThat(run.out()).contains("  Rewrote the signed reply's status from key_invalid to activated");
    }

    @Test
    void replayReplyV2IsCaughtByRequestHash() {
        CommandLineRun run = run(server, "v2", "--tamper", "replay-reply", KEY);

        assertCaught(run, "replay-reply", "Check the reply is for this request", "check_request_hash");
        assertThat(run.err()).contains("The tamper proxy records a genuine reply from a first, untampered exchange.");
    }

    @Test
    void swapSignatureV1IsCaughtBySignature() {
        CommandLineRun run = run(server, "v1", "--tamper", "swap-signature", KEY);

        assertCaught(run, "swap-signature", "Verify the server signature", "verify_signature");
    }

    @Test
    void stripFieldV1IsCaughtByParse() {
        CommandLineRun run = run(server, "v1", "--tamper", "strip-field", KEY);

        assertCaught(run, "strip-field", "Read the reply", "parse_reply");
        assertThat(run.out()).contains("  Removed the member serverNonce from the reply.\n");
    }

    @Test
    void delayRequestV2IsRejectedAsStale() {
        CommandLineRun run = run(shortSkewServer, "v2", "--tamper", "delay-request", "--tamper-delay", "3s",
                DemoKeys.KEYS.get(1));

        assertThat(run.exitCode()).as("exit code, stdout: %s stderr: %s", run.out(), run.err())
                .isEqualTo(ExitCode.REJECTED);
        assertThat(run.err()).contains("The tamper proxy is holding the request for 3 s before it forwards it to"
                + " the server.");
        assertThat(run.out()).contains("  Held the request for 3 s, then forwarded it to the server unchanged.\n")
                .contains("The server caught it (stale_request)");
    }

    @Test
    void delayRequestV1IsAcceptedAndSaysSo() {
        CommandLineRun run = run(shortSkewServer, "v1", "--tamper", "delay-request", "--tamper-delay", "3",
                DemoKeys.KEYS.get(1));

        assertThat(run.exitCode()).as("exit code, stderr: %s", run.err()).isEqualTo(ExitCode.ACTIVATED);
        assertThat(run.out()).endsWith("No step caught it: v1 requests carry no time, so the server accepted the"
                + " late request. Protocol v2 rejects it as stale_request.\n");
    }

    @Test
    void forgeValidOnValidateIsCaughtBySignature() {
        CommandLineRun run = runCommand("validate", server, "v2", "--tamper", "forge-success", DemoKeys.KEYS.get(2));

        assertCaught(run, "forge-success", "Verify the server signature", "verify_signature");
        assertThat(run.out()).contains("  Rewrote the signed reply's status from not_activated to valid");
    }

    @Test
    void tamperBeforeSubcommandApplies() {
        CommandLineRun run = CommandLineRun.of("--tamper", "strip-field", "activate", "--server",
                server.baseUri().toString(), "--protocol", "v1", "--secret-file", v1SecretFile().toString(), KEY);

        assertCaught(run, "strip-field", "Read the reply", "parse_reply");
    }

    private static Path v1SecretFile() {
        Path file = directory.resolve("outer-v1.secret");
        server.writeV1SecretFile(file);
        return file;
    }

    @Test
    void jsonOutputStaysOneDocument() throws Exception {
        CommandLineRun run = run(server, "v2", "--json", "--tamper", "strip-field", KEY);

        assertThat(run.exitCode()).isEqualTo(ExitCode.VERIFICATION_FAILED);
        JsonNode trace = new ObjectMapper().readTree(run.out());
        assertThat(trace.path("verdict").path("failedStep").asText()).isEqualTo("verify_signature");
        assertThat(run.err()).contains("Tamper demonstration: the proxy applied the attack strip-field");
    }

    @Test
    void recordingAttackRefusedOnDeactivate() {
        CommandLineRun run = runCommand("deactivate", server, "v2", "--tamper", "replay-reply", KEY);

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--tamper replay-reply first runs the exchange once untampered to record a"
                + " genuine reply, and a real deactivation would free this machine's seat.");
        assertThat(run.err()).doesNotContain("The tamper proxy records a genuine reply");
    }

    @Test
    void unknownAttackNamesValidOnes() {
        CommandLineRun run = run(server, "v2", "--tamper", "flip-bits", KEY);

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("The attack \"flip-bits\" is unknown. Use one of: forge-success, replay-reply,"
                + " swap-signature, strip-field, delay-request.");
    }

    @Test
    void badDelayNamesValueAndFormat() {
        CommandLineRun run = run(server, "v2", "--tamper", "delay-request", "--tamper-delay", "soon", KEY);

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("\"soon\" is not a duration. Give whole seconds such as 8s or 305s, or whole"
                + " minutes such as 6m.");
    }

    @Test
    void helpListsAttacks() {
        CommandLineRun run = CommandLineRun.of("activate", "--help");

        assertThat(run.out().replaceAll("\\s+", " ")).contains("applies ATTACK, one of forge-success, replay-reply,"
                + " swap-signature, strip-field, delay-request,");
    }
}
