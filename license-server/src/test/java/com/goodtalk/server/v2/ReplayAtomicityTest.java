package com.goodtalk.server.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v1.V1Request;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Request;
import com.goodtalk.protocol.v2.V2RequestSigner;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sends one signed request many times at once to a real server: the replay check must let
 * exactly one through, for v2 and for v1, however the threads interleave.
 */
class ReplayAtomicityTest {

    private static final int COPIES = 20;
    private static final String KEY = DemoKeys.KEYS.get(2);

    @RegisterExtension
    static final RunningServer server = RunningServer.builder().v1ReplayCheck(true).build();

    private static ExecutorService senders;

    @BeforeAll
    static void startSenders() {
        senders = Executors.newFixedThreadPool(COPIES, task -> {
            Thread thread = new Thread(task, "replay-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    @AfterAll
    static void stopSenders() {
        senders.shutdownNow();
    }

    @Test
    void parallelV2CopiesActivateOnce() throws Exception {
        V2Request request = new V2RequestSigner(server.clientKeyId(), server.clientSecret(), Clock.systemUTC())
                .sign(V2Operation.ACTIVATE, KEY, V2Fixtures.machine(), V2Fixtures.APP);
        V2Http http = new V2Http(server.baseUri());

        List<HttpResponse<byte[]>> responses = sendAtOnce(() -> http.post(V2Operation.ACTIVATE.path(), request.body()));

        List<String> statuses = new ArrayList<>();
        for (HttpResponse<byte[]> response : responses) {
            ObjectNode reply = SignedReplies.verify(response, request.body(), server.jwks());
            assertThat(reply.path("req_jti").asText()).isEqualTo(request.jti());
            statuses.add(reply.path("status").asText());
        }
        assertThat(count(statuses)).containsExactlyInAnyOrderEntriesOf(Map.of("activated", 1L, "replayed", 19L));
    }

    @Test
    void parallelV1CopiesActivateOnce() throws Exception {
        V1Request request = V1Protocol.signRequest(server.secret(), KEY, Nonces.clientNonce(), "0.0.1");
        V2Http http = new V2Http(server.baseUri());
        byte[] body = request.toJson().getBytes(StandardCharsets.UTF_8);

        List<HttpResponse<byte[]>> responses = sendAtOnce(() -> http.post(V1Protocol.AUTHENTICATE_PATH, body));

        List<String> bodies = responses.stream().map(response -> response.statusCode() == 200 ? "activated"
                : new String(response.body(), StandardCharsets.UTF_8)).toList();
        assertThat(count(bodies)).containsExactlyInAnyOrderEntriesOf(
                Map.of("activated", 1L, "{\"error\": \"replayed\"}", 19L));
    }

    @Test
    void v1RequestSentTwiceIsReplayed() {
        V1Request request = V1Protocol.signRequest(server.secret(), KEY, Nonces.clientNonce(), "0.0.1");
        V2Http http = new V2Http(server.baseUri());
        byte[] body = request.toJson().getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> first = http.post(V1Protocol.AUTHENTICATE_PATH, body);
        HttpResponse<byte[]> second = http.post(V1Protocol.AUTHENTICATE_PATH, body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(403);
        assertThat(second.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("{\"error\": \"replayed\"}");
    }

    @Test
    void v1NonceWithOtherKeyIsNoReplay() {
        String nonce = Nonces.clientNonce();
        V2Http http = new V2Http(server.baseUri());
        byte[] first = V1Protocol.signRequest(server.secret(), DemoKeys.KEYS.get(0), nonce, "0.0.1").toJson()
                .getBytes(StandardCharsets.UTF_8);
        byte[] second = V1Protocol.signRequest(server.secret(), DemoKeys.KEYS.get(1), nonce, "0.0.1").toJson()
                .getBytes(StandardCharsets.UTF_8);

        assertThat(http.post(V1Protocol.AUTHENTICATE_PATH, first).statusCode()).isEqualTo(200);
        assertThat(http.post(V1Protocol.AUTHENTICATE_PATH, second).statusCode()).isEqualTo(200);
    }

    /** Runs {@code send} on {@value #COPIES} threads released together and returns every response. */
    private static List<HttpResponse<byte[]>> sendAtOnce(Callable<HttpResponse<byte[]>> send) throws Exception {
        CountDownLatch ready = new CountDownLatch(COPIES);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<byte[]>>> futures = new ArrayList<>();
        for (int i = 0; i < COPIES; i++) {
            futures.add(senders.submit(() -> {
                ready.countDown();
                go.await();
                return send.call();
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).as("all senders ready").isTrue();
        go.countDown();
        List<HttpResponse<byte[]>> responses = new ArrayList<>();
        for (Future<HttpResponse<byte[]>> future : futures) {
            responses.add(future.get(60, TimeUnit.SECONDS));
        }
        return responses;
    }

    private static Map<String, Long> count(List<String> values) {
        return values.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
