package com.goodtalk.server.tamper.v2;

import static com.goodtalk.server.tamper.v2.V2Tampering.KEY;
import static com.goodtalk.server.tamper.v2.V2Tampering.OTHER_KEY;
import static com.goodtalk.server.tamper.v2.V2Tampering.UNKNOWN_KEY;
import static com.goodtalk.server.tamper.v2.V2Tampering.assertCaughtAt;
import static com.goodtalk.server.tamper.v2.V2Tampering.assertServerReplied;
import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2Request;
import com.goodtalk.protocol.v2.V2RequestSigner;
import com.goodtalk.protocol.v2.V2Status;
import com.goodtalk.server.testing.RunningServer;
import com.goodtalk.testkit.Exchange;
import com.goodtalk.testkit.TamperingProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays against a real server and the real client: an old signed reply replayed to a later
 * request, and a signed request replayed to the server, one after the other and 20 times at once.
 */
class V2ReplayTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private static final int PARALLEL_COPIES = 20;

    private static TamperingProxy proxy;
    private static V2Client client;
    private static HttpClient http;

    @BeforeAll
    static void startProxy() {
        proxy = TamperingProxy.start(server.baseUri());
        client = V2Tampering.clientThrough(proxy, server);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopProxy() {
        proxy.close();
    }

    @AfterEach
    void resetProxy() {
        proxy.reset();
    }

    private static HttpResponse<byte[]> post(V2Operation operation, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUri() + operation.path()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", V2Protocol.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static SignedServerReply verified(HttpResponse<byte[]> response) {
        return SignedServerReply.verify(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body(), server.jwks());
    }

    /** Returns a fresh request signed with the server's client key, as the real client signs it. */
    private static V2Request signedRequest(String productKey, String machine) {
        return new V2RequestSigner(server.clientKeyId(), server.clientSecret(), Clock.systemUTC())
                .sign(V2Operation.ACTIVATE, productKey, machine, V2Tampering.APP);
    }

    @ParameterizedTest(name = "{0} reply replayed to a later request for {1} -> check_request_hash")
    @CsvSource({
        "activated, " + KEY,
        "activated, " + OTHER_KEY,
        "key_invalid, " + KEY,
    })
    void replayedReplyFailsRequestHash(String recordedStatus, String laterKey) {
        String firstKey = recordedStatus.equals("activated") ? KEY : UNKNOWN_KEY;
        VerificationTrace first = client.activate(firstKey);
        assertThat(first.verdict().kind()).as(first.toJson())
                .isEqualTo(recordedStatus.equals("activated") ? Verdict.Kind.ACTIVATED : Verdict.Kind.REJECTED);
        proxy.replayReplies();

        VerificationTrace replayed = client.activate(laterKey);

        List<Exchange> exchanges = proxy.exchanges();
        assertThat(exchanges).hasSize(2);
        assertThat(exchanges.get(1).forwardedRequest()).as("the later request reached the server").isEmpty();
        assertThat(exchanges.get(1).reply().body()).isEqualTo(exchanges.get(0).reply().body());
        String attack = recordedStatus + " reply replayed to a later request for " + laterKey;
        // The old reply is genuine, so its signature verifies. Its req is the SHA-256 of the old
        // body, and every body differs because each carries a fresh 256-bit jti, so the request
        // hash check fails first and check_echo, which compares req_jti, is never reached.
        assertThat(replayed.step(StepId.VERIFY_SIGNATURE).orElseThrow().outcome())
                .as("signature check of the genuine old reply").isEqualTo(StepOutcome.PASSED);
        assertCaughtAt(replayed, StepId.CHECK_REQUEST_HASH, attack);
        assertThat(replayed.step(StepId.CHECK_ECHO).orElseThrow().outcome()).isEqualTo(StepOutcome.SKIPPED);
        System.out.printf("%-75s -> %s%n", attack, replayed.verdict());
    }

    @Test
    void requestReplayedToServerIsReplayed() throws Exception {
        VerificationTrace first = client.activate(KEY);
        assertThat(first.verdict().kind()).as(first.toJson()).isEqualTo(Verdict.Kind.ACTIVATED);
        Exchange original = proxy.exchanges().get(0);
        byte[] body = original.request().body();
        SignedServerReply accepted = SignedServerReply.verify(original.upstreamReply().orElseThrow(), server.jwks());

        HttpResponse<byte[]> response = post(V2Operation.ACTIVATE, body);

        SignedServerReply replayed = verified(response);
        assertThat(replayed.status()).as(replayed.message()).isEqualTo(V2Status.REPLAYED.word());
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(replayed.requestHash()).isEqualTo(V2Protocol.requestHash(body));
        assertThat(replayed.requestJti()).as("the replayed request's jti, read after its HMAC verified")
                .isEqualTo(accepted.requestJti())
                .isPresent();
        System.out.printf("request replayed to the server -> %d %s: %s%n", response.statusCode(), replayed.status(),
                replayed.message());
    }

    @Test
    void requestReplayedThroughProxyFailsRequestHash() {
        VerificationTrace first = client.activate(KEY);
        assertThat(first.verdict().kind()).as(first.toJson()).isEqualTo(Verdict.Kind.ACTIVATED);
        byte[] recorded = proxy.exchanges().get(0).request().body();
        proxy.editRequests(body -> recorded);

        VerificationTrace second = client.activate(KEY);

        Exchange exchange = proxy.exchanges().get(1);
        String attack = "later request replaced by a recorded one";
        assertServerReplied(exchange, server.jwks(), V2Status.REPLAYED, attack);
        assertCaughtAt(second, StepId.CHECK_REQUEST_HASH, attack);
    }

    @Test
    void parallelCopiesActivateExactlyOnce() throws Exception {
        V2Request request = signedRequest(KEY, V2Tampering.fingerprint("parallel replay machine"));
        byte[] body = request.body();
        CyclicBarrier start = new CyclicBarrier(PARALLEL_COPIES);
        ExecutorService senders = Executors.newFixedThreadPool(PARALLEL_COPIES);
        List<Future<HttpResponse<byte[]>>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < PARALLEL_COPIES; i++) {
                futures.add(senders.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return post(V2Operation.ACTIVATE, body);
                }));
            }
            List<SignedServerReply> replies = new ArrayList<>();
            for (Future<HttpResponse<byte[]>> future : futures) {
                replies.add(verified(future.get(30, TimeUnit.SECONDS)));
            }

            assertThat(replies).as("replies that accepted the request")
                    .filteredOn(reply -> reply.status().equals(V2Status.ACTIVATED.word())).hasSize(1);
            assertThat(replies).as("replies that rejected a copy as replayed")
                    .filteredOn(reply -> reply.status().equals(V2Status.REPLAYED.word()))
                    .hasSize(PARALLEL_COPIES - 1);
            for (SignedServerReply reply : replies) {
                assertThat(reply.requestHash()).isEqualTo(request.requestHash());
                assertThat(reply.requestJti()).hasValue(request.jti());
            }
        } finally {
            senders.shutdownNow();
            assertThat(senders.awaitTermination(10, TimeUnit.SECONDS)).as("sender threads stopped").isTrue();
        }
    }
}
