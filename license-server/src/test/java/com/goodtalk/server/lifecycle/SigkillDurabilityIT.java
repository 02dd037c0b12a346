package com.goodtalk.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.protocol.machine.MachineFingerprint;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2RequestSigner;
import com.goodtalk.server.admin.KeyPepper;
import com.goodtalk.server.admin.StoreOptions;
import com.goodtalk.server.keys.SigningKeyStore;
import com.goodtalk.server.store.Activation;
import com.goodtalk.server.store.License;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.LicenseStores;
import com.goodtalk.server.store.StoreConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the shaded server jar with SIGKILL while activations are in flight, restarts it on the
 * same SQLite data directory, and checks that every activation whose {@code activated} reply a
 * client received is in the store exactly once, and that the database passes its integrity check.
 *
 * <p>The server runs in production mode (a keys file, a generated signing key, v1 off). Four
 * senders activate distinct machines; the kill comes after {@value #KILL_AFTER_REPLIES} replies.
 * The run is bounded by {@value #MAX_ACTIVATIONS} activations and {@link #RUN_LIMIT}.
 */
class SigkillDurabilityIT {

    private static final long WAIT_SECONDS = 60;
    private static final int SENDERS = 4;
    private static final int KILL_AFTER_REPLIES = 60;
    private static final int MAX_ACTIVATIONS = 2_000;
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);
    // Named in SecretSource, which is package-private in com.goodtalk.server.
    private static final String V2_CLIENT_SECRET_VARIABLE = "GOODTALK_V2_CLIENT_SECRET";

    @TempDir
    Path directory;

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stopLeftovers() throws InterruptedException {
        for (Process process : processes) {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void receivedActivationsSurviveSigkill() throws Exception {
        Path dataDir = directory.resolve("data");
        JsonWebKeySet jwks = new SigningKeyStore(dataDir).generate().jwks();
        String key = ProductKeys.generate();
        Path keysFile = Files.writeString(directory.resolve("keys.txt"), key + "\n", StandardCharsets.UTF_8);
        String clientSecret = Nonces.randomUrlSafe(32);
        List<String> args = List.of("--port", "0", "--data-dir", dataDir.toString(), "--keys", keysFile.toString(),
                "--no-v1", "--seats", Integer.toString(MAX_ACTIVATIONS));

        Process first = start(directory.resolve("first.log"), clientSecret, args);
        URI base = listeningUri(first);
        V2RequestSigner signer = new V2RequestSigner("default", Secret.ofUtf8(clientSecret), Clock.systemUTC());
        SignedExchange exchange = new SignedExchange(http, base, signer, jwks);

        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicInteger replies = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            running.add(senders.submit(() -> {
                while (first.isAlive() && sent.incrementAndGet() <= MAX_ACTIVATIONS && System.nanoTime() < deadline) {
                    String machine = MachineFingerprint.SCHEME + ":" + Nonces.randomUrlSafe(32);
                    SignedExchange.Reply reply;
                    try {
                        reply = exchange.send(V2Operation.ACTIVATE, key, machine);
                    } catch (IOException | RuntimeException connectionLost) {
                        continue; // The kill cut this request off; its outcome is unknown to the client.
                    }
                    assertThat(reply.status()).as(reply.message()).isEqualTo("activated");
                    received.add(machine);
                    if (replies.incrementAndGet() == KILL_AFTER_REPLIES) {
                        first.destroyForcibly();
                    }
                }
                return null;
            }));
        }
        for (Future<?> sender : running) {
            sender.get(RUN_LIMIT.toSeconds() + WAIT_SECONDS, TimeUnit.SECONDS);
        }
        senders.shutdownNow();
        assertThat(first.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("killed").isTrue();
        assertThat(first.exitValue()).as("exit code of SIGKILL").isEqualTo(137);
        assertThat(received).hasSizeGreaterThanOrEqualTo(KILL_AFTER_REPLIES);

        Process second = start(directory.resolve("second.log"), clientSecret, args);
        URI restarted = listeningUri(second);
        SignedExchange.Reply validated = new SignedExchange(http, restarted, signer, jwks)
                .send(V2Operation.VALIDATE, key, received.iterator().next());
        assertThat(validated.status()).as("a machine activated before the kill").isEqualTo("valid");
        second.destroy();
        assertThat(second.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();

        try (LicenseStore store = openStore(dataDir)) {
            License license = store.findByKey(key).orElseThrow();
            List<Activation> activations = store.listActivations(license.id());
            Map<String, Long> seatsByMachine = activations.stream()
                    .collect(Collectors.groupingBy(Activation::machine, Collectors.counting()));
            assertThat(seatsByMachine.keySet()).containsAll(received);
            assertThat(seatsByMachine).allSatisfy((machine, count) -> assertThat(count).as(machine).isEqualTo(1));
            assertThat(activations).allSatisfy(activation -> assertThat(activation.deactivatedAt()).isNull());
            assertThat(license.seatsUsed()).isEqualTo(activations.size());
            assertThat(store.integrityCheck().problems()).isEmpty();
        }
    }

    private LicenseStore openStore(Path dataDir) throws IOException {
        KeyPepper pepper = KeyPepper.load(Map.of(), null, dataDir);
        return LicenseStores.sqlite(dataDir, StoreConfig.builder(pepper.secret())
                .keyNormalizer(StoreOptions::normalizeKey)
                .build());
    }

    private Process start(Path stderr, String clientSecret, List<String> args) throws IOException {
        String jar = System.getProperty("goodtalk.server.jar");
        assertThat(jar).as("system property goodtalk.server.jar, set by the failsafe configuration").isNotNull();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().put(V2_CLIENT_SECRET_VARIABLE, clientSecret);
        builder.environment().remove(KeyPepper.ENVIRONMENT_VARIABLE);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private static URI listeningUri(Process process) throws Exception {
        BufferedReader stdout = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the server's stdout", e);
            }
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(line).as("first stdout line").isNotNull().startsWith("listening on ");
        return URI.create(line.substring("listening on ".length()));
    }
}
