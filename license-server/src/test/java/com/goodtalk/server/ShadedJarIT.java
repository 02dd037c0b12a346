package com.goodtalk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v1.V1Reply;
import com.goodtalk.protocol.v1.V1Request;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shaded jar with {@code java -jar} as an operator would, and stops it with SIGTERM.
 * Failsafe runs it after {@code package}, which builds the jar.
 */
class ShadedJarIT {

    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path directory;

    private Process process;

    @AfterEach
    void killLeftover() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void jarServesDemoKeyAndStopsOnSigterm() throws Exception {
        Path stderr = directory.resolve("stderr.log");
        process = start(stderr, "--port", "0", "--data-dir", directory.resolve("data").toString());

        String line = firstStdoutLine();
        assertThat(line).matches("listening on http://127\\.0\\.0\\.1:\\d+");
        URI base = URI.create(line.substring("listening on ".length()));
        TestHttp http = new TestHttp(base);
        assertThat(http.request("GET", V1Protocol.HEALTH_PATH).body()).isEqualTo("{\"status\": \"Still Alive\"}");
        V1Request request = V1Protocol.signRequest(Secret.proofOfConceptDemo(), DemoKeys.KEYS.get(0),
                Nonces.clientNonce(), "0.0.1");
        HttpResponse<String> activation = http.post(V1Protocol.AUTHENTICATE_PATH, request.toJson());
        V1Reply reply = V1Protocol.parseReply(activation.body().getBytes(StandardCharsets.UTF_8));
        assertThat(V1Protocol.hmacMatches(Secret.proofOfConceptDemo(), reply.signingText(), reply.serverSignature()))
                .isTrue();

        process.destroy();

        assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        String log = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(log).contains("License server on " + base + " stopped");
        assertThat(log).contains("activated key APENL-*****").doesNotContain(DemoKeys.KEYS.get(0));
    }

    @Test
    void jarExits64OnBadOption() throws Exception {
        Path stderr = directory.resolve("stderr.log");
        process = start(stderr, "--port", "-5", "--data-dir", directory.resolve("data").toString());

        assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(process.exitValue()).isEqualTo(64);
        assertThat(Files.readString(stderr, StandardCharsets.UTF_8)).contains("'--port'").contains("-5");
    }

    private static Process start(Path stderr, String... args) throws IOException {
        String jar = System.getProperty("goodtalk.server.jar");
        assertThat(jar).as("system property goodtalk.server.jar, set by the failsafe configuration").isNotNull();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-jar", jar));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectError(stderr.toFile())
                .start();
    }

    private String firstStdoutLine() throws Exception {
        BufferedReader stdout = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the server's stdout", e);
            }
        });
        return line.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
