package com.goodtalk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.server.testing.RunningServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * Runs the command line in-process for the v2 options and the {@code keys} subcommands, and
 * checks files, exit codes, output and the server it starts over real HTTP.
 */
class MainV2Test {

    private static final String V1_SECRET_VARIABLE = "GOODTALK_V1_SECRET";
    private static final String V2_SECRET_VARIABLE = "GOODTALK_V2_CLIENT_SECRET";
    private static final String MACHINE = "mf1:" + Nonces.randomUrlSafe(32);

    @TempDir
    Path directory;

    private Path dataDir;
    private ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void setUp() {
        dataDir = directory.resolve("data");
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        root.detachAppender(log);
    }

    @Test
    void helpDocumentsV2Options() {
        int exitCode = run(Map.of(), LicenseServer::close, "--help");

        assertThat(exitCode).isZero();
        assertThat(stdout().replaceAll("\\s+", " "))
                .contains("--data-dir=DIR", "default: ./goodtalk-data", "signing-keys/")
                .contains("--client-key-id=ID", "default: default")
                .contains("--client-secret-file=FILE", V2_SECRET_VARIABLE)
                .contains("--skew=SECONDS", "in seconds, 1 to 3600 (default: 300)")
                .contains("--replay-cache-size=N", "(default: 200000)", "rate_limited")
                .contains("--no-v1", "(default: v1 on)")
                .contains("--jwks-out=FILE", "GET /v2/keys")
                .contains("--seats=N", "(default: 3)")
                .contains("keys ", "73");
    }

    @Test
    void keysGenerateWritesOwnerOnlyKey() throws Exception {
        assumeTrue(dataDirSupportsPosix(), "the file system has no POSIX permissions");

        int exitCode = keys("generate");

        assertThat(exitCode).as(stderr()).isZero();
        String kid = outputValue("kid");
        Path keyFile = dataDir.resolve("signing-keys").resolve(kid + ".pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent())))
                .isEqualTo("rwx------");
        ServerSigningKey key = ServerSigningKey.fromPkcs8Pem(Files.readString(keyFile, StandardCharsets.US_ASCII));
        assertThat(key.publicKey().thumbprint()).isEqualTo(kid);
        JsonWebKeySet jwk = JsonWebKeySet.parse("{\"keys\":[" + outputValue("jwk") + "]}");
        assertThat(jwk.find(kid)).contains(key.publicKey());
    }

    @Test
    void publishedKeysAgreeEverywhere() throws Exception {
        keys("generate");
        keys("rotate");
        String listed = keysShowJwks();
        Path jwksOut = directory.resolve("published.json");
        List<String> served = new ArrayList<>();

        int exitCode = run(Map.of(), server -> {
            served.add(new TestHttp(server.baseUri()).request("GET", V2Protocol.KEYS_PATH).body());
            server.close();
        }, "--port", "0", "--data-dir", dataDir.toString(), "--jwks-out", jwksOut.toString());

        assertThat(exitCode).as(stderr()).isZero();
        assertThat(served).containsExactly(listed);
        assertThat(Files.readString(jwksOut, StandardCharsets.UTF_8)).isEqualTo(listed);
        assertThat(JsonWebKeySet.parse(listed).keys()).hasSize(2);
    }

    @Test
    void rotationPublishesBothAndSignsWithNew() throws Exception {
        keys("generate");
        String oldKid = outputValue("kid");
        keys("rotate");
        String newKid = outputValue("kid");
        JsonWebKeySet published = JsonWebKeySet.parse(keysShowJwks());
        JsonWebKeySet oldOnly = JsonWebKeySet.of(published.find(oldKid).orElseThrow());
        List<VerificationTrace> traces = new ArrayList<>();

        int exitCode = runProduction(server -> {
            traces.add(client(server, published).activate(DemoKeys.KEYS.get(0)));
            traces.add(client(server, oldOnly).validate(DemoKeys.KEYS.get(0)));
            server.close();
        });

        assertThat(exitCode).as(stderr()).isZero();
        assertThat(published.keys()).extracting(key -> key.thumbprint()).containsExactly(newKid, oldKid);
        assertThat(traces.get(0).verdict().kind()).as(traces.get(0).toJson()).isEqualTo(Verdict.Kind.ACTIVATED);
        assertThat(traces.get(0).step(StepId.CHECK_KEY_ID).orElseThrow().values().get("kid"))
                .isEqualTo("\"" + newKid + "\"");
        assertThat(traces.get(1).verdict().kind()).isEqualTo(Verdict.Kind.VERIFICATION_FAILED);
        assertThat(traces.get(1).verdict().failedStepId()).hasValue(StepId.CHECK_KEY_ID);
    }

    @Test
    void retireStopsPublishingOldKey() throws Exception {
        keys("generate");
        String oldKid = outputValue("kid");
        keys("rotate");
        String newKid = outputValue("kid");

        int retired = keys("retire", oldKid);
        String listed = keysShowJwks();

        assertThat(retired).as(stderr()).isZero();
        assertThat(JsonWebKeySet.parse(listed).keys()).extracting(key -> key.thumbprint()).containsExactly(newKid);
        assertThat(dataDir.resolve("signing-keys/retired/" + oldKid + ".pem")).exists();
        assertThat(dataDir.resolve("signing-keys/" + oldKid + ".pem")).doesNotExist();
    }

    @Test
    void retireActiveKeyExits64() {
        keys("generate");
        String kid = outputValue("kid");

        int exitCode = keys("retire", kid);

        assertThat(exitCode).isEqualTo(64);
        assertThat(stderr()).contains(kid + " is the active key").contains("license-server keys rotate --data-dir");
        assertThat(dataDir.resolve("signing-keys/" + kid + ".pem")).exists();
    }

    @Test
    void retireAcceptsKidStartingWithDash() {
        keys("generate");
        keys("rotate");
        int exitCode = keys("retire", "-starts-with-a-dash");

        assertThat(exitCode).isEqualTo(64);
        assertThat(stderr()).contains("-starts-with-a-dash").doesNotContain("Unknown option");
    }

    @Test
    void retireUnknownKeyExits64() {
        keys("generate");

        int exitCode = keys("retire", "no-such-kid");

        assertThat(exitCode).isEqualTo(64);
        assertThat(stderr()).contains("No published key has the id \"no-such-kid\"");
    }

    @ParameterizedTest(name = "permissions {0}")
    @CsvSource({"rw-r--r--", "rw-r-----", "rw--w----", "rw------x"})
    void keyOpenToOthersIsRejected(String permissions) throws IOException {
        assumeTrue(dataDirSupportsPosix(), "the file system has no POSIX permissions");
        keys("generate");
        Path keyFile = dataDir.resolve("signing-keys").resolve(outputValue("kid") + ".pem");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString(permissions));

        int serveExit = run(Map.of(), LicenseServer::close, "--port", "0", "--data-dir", dataDir.toString());
        String serveError = stderr();
        int showExit = keys("show");

        assertThat(serveExit).isEqualTo(66);
        assertThat(serveError).contains("chmod 600 " + keyFile).contains("open to other users");
        assertThat(showExit).isEqualTo(66);
        assertThat(stderr()).contains("chmod 600 " + keyFile);
    }

    @Test
    void keyDirectoryWritableByOthersExits66() throws IOException {
        assumeTrue(dataDirSupportsPosix(), "the file system has no POSIX permissions");
        keys("generate");
        Path keyDirectory = dataDir.resolve("signing-keys");
        Files.setPosixFilePermissions(keyDirectory, PosixFilePermissions.fromString("rwxrwxrwx"));

        int serveExit = run(Map.of(), LicenseServer::close, "--port", "0", "--data-dir", dataDir.toString());

        assertThat(serveExit).isEqualTo(66);
        assertThat(stderr()).contains("chmod go-w " + keyDirectory);
    }

    @Test
    void productionWithoutSigningKeyExits64() throws IOException {
        Path keysFile = write("keys.txt", "MY-KEY-1\n");

        int exitCode = run(Map.of(V1_SECRET_VARIABLE, "v1 secret", V2_SECRET_VARIABLE, "v2 secret"),
                LicenseServer::close, "--port", "0", "--keys", keysFile.toString(), "--data-dir", dataDir.toString());

        assertThat(exitCode).isEqualTo(64);
        assertThat(stderr()).contains("license-server keys generate --data-dir " + dataDir);
        assertThat(stdout()).isEmpty();
    }

    @Test
    void productionSigningKeyWithoutClientSecretExits64() throws IOException {
        keys("generate");
        Path keysFile = write("keys.txt", "MY-KEY-1\n");

        int exitCode = run(Map.of(V1_SECRET_VARIABLE, "v1 secret"), LicenseServer::close,
                "--port", "0", "--keys", keysFile.toString(), "--data-dir", dataDir.toString());

        assertThat(exitCode).isEqualTo(64);
        assertThat(stderr()).contains("needs a v2 client secret").contains(V2_SECRET_VARIABLE);
    }

    @Test
    void productionFlagWithoutSigningKeyNamesIt() {
        int exitCode = run(Map.of(V2_SECRET_VARIABLE, "v2 secret"), LicenseServer::close,
                "--port", "0", "--production", "--no-v1", "--data-dir", dataDir.toString());

        assertThat(exitCode).isEqualTo(64);
        assertThat(stderr()).contains("license-server: --production with a v2 client secret needs a reply"
                + " signing key");
        assertThat(stderr()).doesNotContain("--keys");
        assertThat(stderr()).contains("license-server keys generate --data-dir " + dataDir);
    }

    @Test
    void productionFlagWithoutClientSecretNamesIt() {
        keys("generate");

        int exitCode = run(Map.of(), LicenseServer::close,
                "--port", "0", "--production", "--no-v1", "--data-dir", dataDir.toString());

        assertThat(exitCode).isEqualTo(64);
        assertThat(stderr()).contains("--production with a signing key in " + dataDir
                + " needs a v2 client secret");
        assertThat(stderr()).doesNotContain("--keys");
        assertThat(stderr()).contains(V2_SECRET_VARIABLE);
    }

    @Test
    void productionWithoutAnyV2ServesV1Only() throws IOException {
        Path keysFile = write("keys.txt", "MY-KEY-1\n");
        List<Integer> statuses = new ArrayList<>();

        int exitCode = run(Map.of(V1_SECRET_VARIABLE, "v1 secret"), server -> {
            TestHttp http = new TestHttp(server.baseUri());
            statuses.add(http.request("GET", V2Protocol.KEYS_PATH).statusCode());
            String v1 = V1Protocol.signRequest(Secret.ofUtf8("v1 secret"), "MY-KEY-1", Nonces.clientNonce(), "0.0.1")
                    .toJson();
            statuses.add(http.post(V1Protocol.AUTHENTICATE_PATH, v1).statusCode());
            server.close();
        }, "--port", "0", "--keys", keysFile.toString(), "--data-dir", dataDir.toString());

        assertThat(exitCode).as(stderr()).isZero();
        assertThat(statuses).containsExactly(404, 200);
        assertThat(messages(Level.INFO)).anyMatch(message -> message.startsWith("v2 is off"));
        assertThat(startLine()).endsWith("(mode: production, v1 on at " + V1Protocol.AUTHENTICATE_PATH
                + " with replay check, accepted v1 client versions: 0.0.1)");
    }

    @Test
    void noV1WithoutV2Exits64() throws IOException {
        Path keysFile = write("keys.txt", "MY-KEY-1\n");

        int exitCode = run(Map.of(), LicenseServer::close,
                "--port", "0", "--keys", keysFile.toString(), "--no-v1", "--data-dir", dataDir.toString());

        assertThat(exitCode).isEqualTo(64);
        assertThat(stderr()).contains("--no-v1").contains("keys generate");
    }

    @Test
    void demoModeGeneratesThrowawayKey() {
        List<String> served = new ArrayList<>();

        int exitCode = run(Map.of(), server -> {
            served.add(new TestHttp(server.baseUri()).request("GET", V2Protocol.KEYS_PATH).body());
            server.close();
        }, "--port", "0", "--data-dir", dataDir.toString());

        assertThat(exitCode).as(stderr()).isZero();
        List<String> warnings = messages(Level.WARN);
        String throwaway = warnings.stream().filter(message -> message.contains("throwaway Ed25519 key"))
                .findFirst().orElseThrow(() -> new AssertionError("no throwaway key warning in " + warnings));
        String kid = throwaway.replaceAll(".*kid ([A-Za-z0-9_-]{43}).*", "$1");
        assertThat(served.get(0)).contains("\"kid\":\"" + kid + "\"");
        assertThat(dataDir.resolve("signing-keys")).as("demo mode writes no key").doesNotExist();
    }

    @Test
    void productionServesV2FromFiles() throws Exception {
        RunningServer secrets = RunningServer.withDemoKeys();
        secrets.writeV1SecretFile(directory.resolve("v1-secret.txt"));
        secrets.writeV2SecretFile(directory.resolve("v2-secret.txt"));
        keys("generate");
        Path keysFile = write("keys.txt", DemoKeys.KEYS.get(0) + "\n");
        Path jwksOut = directory.resolve("pinned.json");
        List<VerificationTrace> traces = new ArrayList<>();

        int exitCode = run(Map.of(), server -> {
            JsonWebKeySet pinned = parse(jwksOut);
            traces.add(V2Client.builder().server(server.baseUri()).clientKeyId("desktop-1")
                    .clientSecret(secrets.clientSecret()).pinnedKeys(pinned).machine(MACHINE).app("test 1.0").build()
                    .activate(DemoKeys.KEYS.get(0)));
            server.close();
        }, "--port", "0", "--keys", keysFile.toString(), "--data-dir", dataDir.toString(),
                "--secret-file", directory.resolve("v1-secret.txt").toString(),
                "--client-secret-file", directory.resolve("v2-secret.txt").toString(),
                "--client-key-id", "desktop-1", "--jwks-out", jwksOut.toString());

        assertThat(exitCode).as(stderr()).isZero();
        assertThat(traces.get(0).verdict().kind()).as(traces.get(0).toJson()).isEqualTo(Verdict.Kind.ACTIVATED);
    }

    @Test
    void seatsOptionLimitsMachines() {
        List<VerificationTrace> traces = new ArrayList<>();

        int exitCode = run(Map.of(), server -> {
            JsonWebKeySet pinned = fetchKeys(server);
            for (int machine = 0; machine < 2; machine++) {
                traces.add(V2Client.builder().server(server.baseUri()).clientKeyId("default")
                        .clientSecret(Secret.proofOfConceptDemo()).pinnedKeys(pinned)
                        .machine("mf1:" + Nonces.randomUrlSafe(32)).app("test 1.0").build()
                        .activate(DemoKeys.KEYS.get(0)));
            }
            server.close();
        }, "--port", "0", "--data-dir", dataDir.toString(), "--seats", "1");

        assertThat(exitCode).as(stderr()).isZero();
        assertThat(traces.get(0).verdict().kind()).isEqualTo(Verdict.Kind.ACTIVATED);
        assertThat(traces.get(1).verdict().serverReason()).hasValue("seat_limit_reached");
    }

    @Test
    void noV1OptionTurnsAuthenticateOff() {
        List<Integer> statuses = new ArrayList<>();

        int exitCode = run(Map.of(), server -> {
            TestHttp http = new TestHttp(server.baseUri());
            String v1 = V1Protocol.signRequest(Secret.proofOfConceptDemo(), DemoKeys.KEYS.get(0), Nonces.clientNonce(),
                    "0.0.1").toJson();
            statuses.add(http.post(V1Protocol.AUTHENTICATE_PATH, v1).statusCode());
            statuses.add(http.request("GET", V2Protocol.KEYS_PATH).statusCode());
            statuses.add(http.request("GET", V1Protocol.HEALTH_PATH).statusCode());
            server.close();
        }, "--port", "0", "--data-dir", dataDir.toString(), "--no-v1");

        assertThat(exitCode).as(stderr()).isZero();
        assertThat(statuses).containsExactly(404, 200, 200);
    }

    @Test
    void startLineWithV1OffLeavesOutVersions() {
        int[] port = new int[1];

        int exitCode = run(Map.of(), server -> {
            port[0] = server.baseUri().getPort();
            server.close();
        }, "--port", "0", "--data-dir", dataDir.toString(), "--no-v1");

        assertThat(exitCode).as(stderr()).isZero();
        assertThat(startLine()).isEqualTo("License server listening on http://127.0.0.1:" + port[0]
                + " (mode: demo, v1 off)");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"--skew, 0", "--skew, 3601", "--seats, 0", "--replay-cache-size, 0", "--client-key-id, 'a b'"})
    void invalidV2OptionExits64(String option, String value) {
        int exitCode = run(Map.of(), LicenseServer::close, "--port", "0", "--data-dir", dataDir.toString(),
                option, value);

        assertThat(exitCode).isEqualTo(64);
        assertThat(stderr()).contains(option);
        assertThat(stdout()).isEmpty();
    }

    @Test
    void clientSecretTwiceExits64() throws IOException {
        Path secretFile = write("v2-secret.txt", "from a file\n");

        int exitCode = run(Map.of(V2_SECRET_VARIABLE, "from the environment"), LicenseServer::close,
                "--port", "0", "--data-dir", dataDir.toString(), "--client-secret-file", secretFile.toString());

        assertThat(exitCode).isEqualTo(64);
        assertThat(stderr()).contains(V2_SECRET_VARIABLE).contains("--client-secret-file");
    }

    @Test
    void keysWithoutCommandExits64() {
        int exitCode = keys();

        assertThat(exitCode).isEqualTo(64);
        assertThat(stderr()).contains("name a command").contains("generate");
    }

    private int runProduction(Consumer<LicenseServer> whileRunning) throws IOException {
        Path keysFile = write("keys.txt", DemoKeys.KEYS.get(0) + "\n");
        return run(Map.of(V1_SECRET_VARIABLE, "v1 secret", V2_SECRET_VARIABLE, "v2 secret"), whileRunning,
                "--port", "0", "--keys", keysFile.toString(), "--data-dir", dataDir.toString());
    }

    private static V2Client client(LicenseServer server, JsonWebKeySet pinned) {
        return V2Client.builder().server(server.baseUri()).clientKeyId(ServerConfig.DEFAULT_CLIENT_KEY_ID)
                .clientSecret(Secret.ofUtf8("v2 secret")).pinnedKeys(pinned).machine(MACHINE).app("test 1.0").build();
    }

    private static JsonWebKeySet fetchKeys(LicenseServer server) {
        HttpResponse<String> response = new TestHttp(server.baseUri()).request("GET", V2Protocol.KEYS_PATH);
        try {
            return JsonWebKeySet.parse(response.body());
        } catch (MalformedMessageException e) {
            throw new AssertionError("GET /v2/keys served no key set: " + response.body(), e);
        }
    }

    private static JsonWebKeySet parse(Path jwksFile) {
        try {
            return JsonWebKeySet.parse(Files.readString(jwksFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MalformedMessageException e) {
            throw new AssertionError(jwksFile + " holds no key set", e);
        }
    }

    /** Runs {@code keys show} and returns its first line, the published key set. */
    private String keysShowJwks() {
        int exitCode = keys("show");
        assertThat(exitCode).as(stderr()).isZero();
        return stdout().lines().findFirst().orElseThrow();
    }

    /** Runs a {@code keys} subcommand on this test's data directory, with fresh captured output. */
    private int keys(String... arguments) {
        List<String> args = new ArrayList<>(List.of("keys"));
        args.addAll(List.of(arguments));
        if (arguments.length > 0) {
            args.add("--data-dir");
            args.add(dataDir.toString());
        }
        return run(Map.of(), LicenseServer::close, args.toArray(new String[0]));
    }

    /** Returns the value of the output line {@code name: value}. */
    private String outputValue(String name) {
        return stdout().lines().filter(line -> line.startsWith(name + ": ")).findFirst()
                .map(line -> line.substring(name.length() + 2))
                .orElseThrow(() -> new AssertionError("no line \"" + name + ": \" in " + stdout()));
    }

    private int run(Map<String, String> environment, Consumer<LicenseServer> whileRunning, String... args) {
        stdout = new ByteArrayOutputStream();
        stderr = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        return Main.execute(args, out, err, environment, whileRunning);
    }

    private boolean dataDirSupportsPosix() {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** Returns the INFO line the server logs when it starts listening. */
    private String startLine() {
        return messages(Level.INFO).stream().filter(message -> message.startsWith("License server listening on"))
                .findFirst().orElseThrow(() -> new AssertionError("no start line in " + messages(Level.INFO)));
    }

    private List<String> messages(Level level) {
        return log.list.stream().filter(event -> event.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }
}
