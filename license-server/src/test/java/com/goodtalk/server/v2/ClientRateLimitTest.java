package com.goodtalk.server.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2RequestSigner;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.http.ClientAddress;
import com.goodtalk.server.testing.MutableClock;
import com.goodtalk.server.testing.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-address rate limit in front of the v1 and v2 endpoints, over real HTTP: the request
 * after the limit gets each protocol's {@code rate_limited} with {@code Retry-After}, another
 * address is not affected, and the bucket refills as the server's clock moves on.
 *
 * <p>Every test request comes from 127.0.0.1, so the server reads the client address from the
 * {@value #ADDRESS_HEADER} header, the way a server behind a trusted proxy does; each test uses
 * addresses of its own, because the server and its limiter are shared by the class.
 */
class ClientRateLimitTest {

    private static final String ADDRESS_HEADER = "X-Test-Client";
    private static final int LIMIT = 3;
    private static final String KEY = DemoKeys.KEYS.get(0);
    private static final String MACHINE = V2Fixtures.machine();
    /** The server and the request signer share this clock, so the limit refills only by the steps a test takes. */
    private static final MutableClock CLOCK = new MutableClock(Instant.now());

    @RegisterExtension
    static final RunningServer server = RunningServer.builder()
            .rateLimitPerMinute(LIMIT)
            .clientAddress(ClientAddress.trustedHeader(ADDRESS_HEADER))
            .clock(CLOCK)
            .build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void v1RequestOverLimitRateLimited() throws Exception {
        for (int i = 1; i <= LIMIT; i++) {
            assertThat(postV1(server.baseUri(), "203.0.113.1").statusCode()).as("request " + i).isEqualTo(200);
        }

        HttpResponse<String> limited = postV1(server.baseUri(), "203.0.113.1");
        HttpResponse<String> otherAddress = postV1(server.baseUri(), "203.0.113.2");

        assertThat(limited.statusCode()).isEqualTo(403);
        assertThat(limited.body()).isEqualTo("{\"error\": \"rate_limited\"}");
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("20");
        assertThat(otherAddress.statusCode()).isEqualTo(200);
    }

    @Test
    void bucketRefillsAfterRetryAfter() throws Exception {
        for (int i = 0; i < LIMIT; i++) {
            postV1(server.baseUri(), "203.0.113.3");
        }
        assertThat(postV1(server.baseUri(), "203.0.113.3").statusCode()).as("over the limit").isEqualTo(403);

        CLOCK.advance(Duration.ofSeconds(20));

        assertThat(postV1(server.baseUri(), "203.0.113.3").statusCode()).as("20 s later").isEqualTo(200);
        assertThat(postV1(server.baseUri(), "203.0.113.3").statusCode()).as("the refilled token is spent")
                .isEqualTo(403);
    }

    @Test
    void v2RequestOverLimitGetsSigned429() throws Exception {
        for (int i = 1; i <= LIMIT; i++) {
            HttpResponse<byte[]> reply = postV2(signedActivation(), "198.51.100.1");
            assertThat(reply.statusCode()).as("request " + i).isEqualTo(200);
        }
        byte[] body = signedActivation();

        HttpResponse<byte[]> limited = postV2(body, "198.51.100.1");
        HttpResponse<byte[]> otherAddress = postV2(signedActivation(), "198.51.100.2");

        ObjectNode payload = SignedReplies.verify(limited, body, server.jwks());
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(payload.path("status").asText()).isEqualTo("rate_limited");
        assertThat(payload.has("req_jti")).as("rejected before the HMAC check").isFalse();
        assertThat(payload.path("message").asText()).contains("Try again in 20 s");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("20");
        assertThat(otherAddress.statusCode()).isEqualTo(200);
    }

    @Test
    void protocolsShareOneLimit() throws Exception {
        for (int i = 0; i < LIMIT; i++) {
            postV1(server.baseUri(), "192.0.2.1");
        }

        HttpResponse<byte[]> v2 = postV2(signedActivation(), "192.0.2.1");

        assertThat(v2.statusCode()).isEqualTo(429);
    }

    @Test
    void healthIsNotLimited() throws Exception {
        for (int i = 0; i < LIMIT + 2; i++) {
            HttpRequest health = HttpRequest.newBuilder(server.baseUri().resolve(V1Protocol.HEALTH_PATH))
                    .header(ADDRESS_HEADER, "192.0.2.2").GET().build();
            assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void defaultSourceIgnoresForwardedFor() throws Exception {
        RunningServer direct = RunningServer.builder().rateLimitPerMinute(1).build();
        direct.start();
        try {
            HttpResponse<String> first = postV1(direct, "203.0.113.10");
            HttpResponse<String> second = postV1(direct, "203.0.113.11");

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(second.statusCode()).as("same TCP peer, another X-Forwarded-For").isEqualTo(403);
            assertThat(second.body()).isEqualTo("{\"error\": \"rate_limited\"}");
        } finally {
            direct.stop();
        }
    }

    private HttpResponse<String> postV1(URI baseUri, String address) throws Exception {
        String body = V1Protocol.signRequest(server.secret(), KEY, Nonces.clientNonce(),
                V1Protocol.REFERENCE_CLIENT_VERSION).toJson();
        HttpRequest post = HttpRequest.newBuilder(baseUri.resolve(V1Protocol.AUTHENTICATE_PATH))
                .header(ADDRESS_HEADER, address)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(post, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Posts a v1 request to a server that uses the TCP peer address, with an X-Forwarded-For it must ignore. */
    private HttpResponse<String> postV1(RunningServer target, String forwardedFor) throws Exception {
        String body = V1Protocol.signRequest(target.secret(), KEY, Nonces.clientNonce(),
                V1Protocol.REFERENCE_CLIENT_VERSION).toJson();
        HttpRequest post = HttpRequest.newBuilder(target.baseUri().resolve(V1Protocol.AUTHENTICATE_PATH))
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(post, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> postV2(byte[] body, String address) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(server.baseUri().resolve(V2Operation.ACTIVATE.path()))
                .header(ADDRESS_HEADER, address)
                .header("Content-Type", V2Protocol.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(post, HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Signs an activation of the demo key with the server's clock, so it is never stale, always on
     * the same machine, so that activating again takes no second seat.
     */
    private static byte[] signedActivation() {
        return new V2RequestSigner(server.clientKeyId(), server.clientSecret(), CLOCK)
                .sign(V2Operation.ACTIVATE, KEY, MACHINE, V2Fixtures.APP)
                .body();
    }
}
