package com.goodtalk.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.v1.V1Protocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Runs the command line in-process and checks its output, exit codes and the server it starts. */
class MainTest {

    private static final String SECRET_VARIABLE = "GOODTALK_V1_SECRET";

    @TempDir
    Path directory;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final ListAppender<ILoggingEvent> mainLog = new ListAppender<>();
    private final Logger mainLogger = (Logger) LoggerFactory.getLogger(Main.class);

    /** Statuses of the requests that a test's {@code whileRunning} step sent. */
    private final List<Integer> statuses = new ArrayList<>();

    @BeforeEach
    void captureLog() {
        mainLog.start();
        mainLogger.addAppender(mainLog);
    }

    @AfterEach
    void releaseLog() {
        mainLogger.detachAppender(mainLog);
    }

    @Test
    void helpExitsZeroAndListsOptions() {
        int exitCode = run(Map.of(), LicenseServer::close, "--help");

        assertThat(exitCode).isZero();
        // Picocli wraps the help text at the terminal width, so compare with the line breaks removed.
        assertThat(stdout().replaceAll("\\s+", " ")).contains("--port=PORT", "default: 8080", "0 picks a free port")
                .contains("--bind=HOST", "default: 127.0.0.1")
                .contains("--keys=FILE", "demo mode")
                .contains("--secret-file=FILE", SECRET_VARIABLE)
                .contains("--accept-version=V", "default: 0.0.1")
                .contains("--help")
                .contains("Exit codes:", "64");
    }

    @Test
    void unknownOptionExits64NamingIt() {
        int exitCode = run(Map.of(), LicenseServer::close, "--prot", "8080");

        assertThat(exitCode).isEqualTo(64);
        assertThat(stderr()).contains("Unknown option").contains("'--prot'").contains("--help");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void portOutOfRangeExits64() {
        int exitCode = run(Map.of(), LicenseServer::close, "--port", "70000");

        assertThat(exitCode).isEqualTo(64);
        assertThat(stderr()).contains("'--port'").contains("70000").contains("between 0 and 65535");
    }

    @Test
    void rateLimitOutOfRangeExits64() {
        int exitCode = run(Map.of(), LicenseServer::close, "--rate-limit", "-1");

        assertThat(exitCode).isEqualTo(64);
        assertThat(stderr()).contains("'--rate-limit'").contains("-1").contains("Use 0 to turn the limit off");
    }

    @Test
    void clientAddressHeaderWithSpaceExits64() {
        int exitCode = run(Map.of(), LicenseServer::close, "--client-address-header", "X Real IP");

        assertThat(exitCode).isEqualTo(64);
        assertThat(stderr()).contains("'--client-address-header'").contains("'X Real IP'").contains("X-Real-IP");
    }

    @Test
    void clientAddressHeaderWithoutRateLimitExits64() {
        int exitCode = run(Map.of(), LicenseServer::close, "--rate-limit", "0", "--client-address-header", "X-Real-IP");

        assertThat(exitCode).isEqualTo(64);
        assertThat(stderr()).contains("--client-address-header X-Real-IP has no effect with --rate-limit 0");
    }

    @Test
    void helpDocumentsRateLimit() {
        int exitCode = run(Map.of(), LicenseServer::close, "--help");

        assertThat(exitCode).isZero();
        assertThat(stdout().replaceAll("\\s+", " ")).contains("--rate-limit=PER_MINUTE", "default: 120")
                .contains("--client-address-header=NAME", "X-Forwarded-For is never read unless named here");
    }

    @Test
    void portNotNumberExits64() {
        int exitCode = run(Map.of(), LicenseServer::close, "--port", "http");

        assertThat(exitCode).isEqualTo(64);
        assertThat(stderr()).contains("'--port'").contains("'http'");
    }

    @Test
    void portZeroPrintsListeningLineWithRealPort() {
        int[] port = new int[1];

        int exitCode = run(Map.of(), server -> {
            port[0] = server.port();
            statuses.add(new TestHttp(server.baseUri()).request("GET", "/health").statusCode());
            server.close();
        }, "--port", "0");

        assertThat(exitCode).isZero();
        assertThat(port[0]).isPositive();
        assertThat(stdout()).isEqualTo("listening on http://127.0.0.1:" + port[0] + System.lineSeparator());
        assertThat(statuses).containsExactly(200);
    }

    @Test
    void demoModeWarnsAboutKeysAndSecret() {
        int exitCode = run(Map.of(), LicenseServer::close, "--port", "0");

        assertThat(exitCode).isZero();
        assertThat(warnings()).anyMatch(message -> message.contains("demo mode"))
                .anyMatch(message -> message.startsWith("INSECURE") && message.contains(SECRET_VARIABLE));
    }

    @Test
    void demoModeAcceptsDemoKeyWithPublicSecret() {
        run(Map.of(), server -> {
            send(server, Secret.proofOfConceptDemo(), DemoKeys.KEYS.get(2), "0.0.1");
            server.close();
        }, "--port", "0");

        assertThat(statuses).containsExactly(200);
    }

    @Test
    void keysWithoutSecretExits64NamingFix() throws IOException {
        Path keys = write("keys.txt", "MY-KEY-1\n");

        int exitCode = run(Map.of(), LicenseServer::close, "--port", "0", "--keys", keys.toString());

        assertThat(exitCode).isEqualTo(64);
        assertThat(stderr()).contains(SECRET_VARIABLE).contains("--secret-file");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void missingKeysFileExits66NamingPath() {
        Path keys = directory.resolve("absent-keys.txt");

        int exitCode = run(Map.of(SECRET_VARIABLE, "s"), LicenseServer::close, "--keys", keys.toString());

        assertThat(exitCode).isEqualTo(66);
        assertThat(stderr()).contains(keys.toString()).contains("NoSuchFileException");
    }

    @Test
    void emptyKeysFileExits65NamingPath() throws IOException {
        Path keys = write("keys.txt", "# no keys yet\n\n");

        int exitCode = run(Map.of(SECRET_VARIABLE, "s"), LicenseServer::close, "--keys", keys.toString());

        assertThat(exitCode).isEqualTo(65);
        assertThat(stderr()).contains(keys.toString()).contains("no product keys");
    }

    @Test
    void secretInBothPlacesExits64() throws IOException {
        Path secret = write("secret.txt", "from file\n");

        int exitCode = run(Map.of(SECRET_VARIABLE, "from env"), LicenseServer::close,
                "--secret-file", secret.toString());

        assertThat(exitCode).isEqualTo(64);
        assertThat(stderr()).contains(SECRET_VARIABLE).contains("--secret-file").contains("one of them");
    }

    @Test
    void emptySecretFileExits65() throws IOException {
        Path secret = write("secret.txt", "\n");

        int exitCode = run(Map.of(), LicenseServer::close, "--secret-file", secret.toString());

        assertThat(exitCode).isEqualTo(65);
        assertThat(stderr()).contains(secret.toString()).contains("empty");
    }

    @Test
    void emptySecretVariableExits64() {
        int exitCode = run(Map.of(SECRET_VARIABLE, ""), LicenseServer::close, "--port", "0");

        assertThat(exitCode).isEqualTo(64);
        assertThat(stderr()).contains(SECRET_VARIABLE + " is set but empty");
    }

    @Test
    void keysAndSecretFileActivateOwnKeyOnly() throws IOException {
        Path keys = write("keys.txt", "# production keys\nMY-KEY-1\n");
        Path secretFile = write("secret.txt", "secret from a file\n");
        Secret secret = Secret.ofUtf8("secret from a file");

        int exitCode = run(Map.of(), server -> {
            send(server, secret, "MY-KEY-1", "0.0.1");
            send(server, secret, DemoKeys.KEYS.get(0), "0.0.1");
            send(server, Secret.ofUtf8("secret from a file\n"), "MY-KEY-1", "0.0.1");
            server.close();
        }, "--port", "0", "--keys", keys.toString(), "--secret-file", secretFile.toString());

        assertThat(exitCode).isZero();
        assertThat(statuses).containsExactly(200, 403, 403);
        assertThat(warnings()).isEmpty();
    }

    @Test
    void secretFromEnvironmentActivates() throws IOException {
        Path keys = write("keys.txt", "MY-KEY-1\n");

        run(Map.of(SECRET_VARIABLE, "secret from the environment"), server -> {
            send(server, Secret.ofUtf8("secret from the environment"), "MY-KEY-1", "0.0.1");
            server.close();
        }, "--port", "0", "--keys", keys.toString());

        assertThat(statuses).containsExactly(200);
    }

    @Test
    void publicSecretConfiguredWarns() throws IOException {
        Path keys = write("keys.txt", "MY-KEY-1\n");

        int exitCode = run(Map.of(SECRET_VARIABLE, "PleaseDontFindMe!"), LicenseServer::close,
                "--port", "0", "--keys", keys.toString());

        assertThat(exitCode).isZero();
        assertThat(warnings()).anyMatch(message -> message.startsWith("INSECURE: the configured v1 secret"));
    }

    @Test
    void acceptVersionRepeatableReplacesDefault() {
        run(Map.of(), server -> {
            send(server, Secret.proofOfConceptDemo(), DemoKeys.KEYS.get(0), "1.0.0");
            send(server, Secret.proofOfConceptDemo(), DemoKeys.KEYS.get(0), "1.1.0");
            send(server, Secret.proofOfConceptDemo(), DemoKeys.KEYS.get(0), "0.0.1");
            server.close();
        }, "--port", "0", "--accept-version", "1.0.0", "--accept-version", "1.1.0");

        assertThat(statuses).containsExactly(200, 200, 403);
    }

    @Test
    void portInUseExits69() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int exitCode = run(Map.of(), LicenseServer::close, "--port", Integer.toString(taken.getLocalPort()));

            assertThat(exitCode).isEqualTo(69);
            assertThat(stderr()).contains("127.0.0.1:" + taken.getLocalPort());
            assertThat(stdout()).isEmpty();
        }
    }

    /** Runs the command line; without a {@code --data-dir}, the license store goes to this test's directory. */
    private int run(Map<String, String> environment, Consumer<LicenseServer> whileRunning, String... args) {
        if (!List.of(args).contains("--data-dir")) {
            List<String> withDataDir = new ArrayList<>(List.of(args));
            withDataDir.addAll(List.of("--data-dir", directory.resolve("data").toString()));
            args = withDataDir.toArray(new String[0]);
        }
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        return Main.execute(args, out, err, environment, whileRunning);
    }

    private void send(LicenseServer server, Secret secret, String key, String version) {
        String body = V1Protocol.signRequest(secret, key, Nonces.clientNonce(), version).toJson();
        statuses.add(new TestHttp(server.baseUri()).post(V1Protocol.AUTHENTICATE_PATH, body).statusCode());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
    }

    private List<String> warnings() {
        return mainLog.list.stream()
                .filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }
}
