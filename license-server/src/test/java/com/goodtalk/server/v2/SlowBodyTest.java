package com.goodtalk.server.v2;

import static com.goodtalk.server.v2.V2Fixtures.assertSucceeded;
import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that send a request body a byte at a time: they must not take the worker threads from
 * other clients, and the server must end them at the body deadline.
 */
class SlowBodyTest {

    /** More slow connections than Undertow's default worker threads (8 per I/O thread, at least 2 I/O threads). */
    private static final int SLOW_CONNECTIONS =
            Math.max(32, Math.max(Runtime.getRuntime().availableProcessors(), 2) * 8 + 4);

    /** A deadline longer than the test, so the slow connections are still open when the checks run. */
    @RegisterExtension
    static final RunningServer patientServer = RunningServer.builder().bodyTimeout(Duration.ofSeconds(60)).build();

    @RegisterExtension
    static final RunningServer strictServer = RunningServer.builder().bodyTimeout(Duration.ofSeconds(1)).build();

    @Test
    void slowBodiesLeaveWorkersFree() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int index = 0; index < SLOW_CONNECTIONS; index++) {
                Socket socket = new Socket("127.0.0.1", patientServer.baseUri().getPort());
                sockets.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(headers("/v2/activate", 16_000));
                out.write('{');
                out.flush();
            }
            drip.scheduleAtFixedRate(() -> dripOneByte(sockets), 200, 500, TimeUnit.MILLISECONDS);

            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    patientServer.baseUri().resolve(V1Protocol.HEALTH_PATH)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            VerificationTrace activation = V2Fixtures.builder(patientServer, V2Fixtures.machine())
                    .timeout(Duration.ofSeconds(5)).build().activate(DemoKeys.KEYS.get(0));

            assertThat(health.statusCode()).isEqualTo(200);
            assertSucceeded(activation, Verdict.Kind.ACTIVATED);
        } finally {
            drip.shutdownNow();
            drip.awaitTermination(5, TimeUnit.SECONDS);
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void bodyPastDeadlineGets400AndClose() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", strictServer.baseUri().getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(headers(V1Protocol.AUTHENTICATE_PATH, 100));
            out.write("{\"key\":".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String reply = readUntilClosed(socket.getInputStream());

            assertThat(reply).startsWith("HTTP/1.1 400 ");
            assertThat(reply).contains("The request body could not be read completely");
        }
    }

    @Test
    void v2BodyPastDeadlineGetsSignedReply() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", strictServer.baseUri().getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(headers("/v2/activate", 100));
            out.write("eyJ".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String reply = readUntilClosed(socket.getInputStream());

            assertThat(reply).startsWith("HTTP/1.1 400 ");
            assertThat(reply).containsIgnoringCase("content-type: application/jose");
        }
    }

    private static byte[] headers(String path, int contentLength) {
        return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/jose\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void dripOneByte(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                socket.getOutputStream().write(' ');
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // A connection the server closed stays closed; the assertions report it.
            }
        }
    }

    /** Reads the whole reply; the read fails with a timeout if the server keeps the connection open. */
    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        in.transferTo(reply);
        return reply.toString(StandardCharsets.UTF_8);
    }
}
