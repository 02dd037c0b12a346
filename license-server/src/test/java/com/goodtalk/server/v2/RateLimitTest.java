package com.goodtalk.server.v2;

import static com.goodtalk.server.v2.V2Fixtures.assertRejected;
import static com.goodtalk.server.v2.V2Fixtures.assertSucceeded;
import static com.goodtalk.server.v2.V2Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A replay cache of one entry is full after one request. A full cache must reject new requests
 * with {@code rate_limited} rather than forget the entry that still protects against a replay.
 */
class RateLimitTest {

    private static final String KEY = DemoKeys.KEYS.get(0);

    @RegisterExtension
    static final RunningServer server = RunningServer.builder().replayCacheSize(1).v1ReplayCheck(true).build();

    private final V2Http http = new V2Http(server.baseUri());

    @Test
    void fullV2CacheAnswersRateLimited() {
        V2Client client = V2Fixtures.client(server, V2Fixtures.machine());
        assertSucceeded(client.activate(KEY), Verdict.Kind.ACTIVATED);

        VerificationTrace second = client.validate(KEY);

        assertRejected(second, "rate_limited");
        assertThat(value(second, StepId.READ_DECISION, "HTTP status")).isEqualTo("429");
        assertThat(second.verdict().message()).contains("Try again");
    }

    @Test
    void fullV1CacheAnswersRateLimited() {
        HttpResponse<byte[]> first = http.post(V1Protocol.AUTHENTICATE_PATH, freshV1Request());
        HttpResponse<byte[]> second = http.post(V1Protocol.AUTHENTICATE_PATH, freshV1Request());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(403);
        assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("{\"error\": \"rate_limited\"}");
    }

    private static byte[] freshV1Request() {
        return V1Protocol.signRequest(server.secret(), KEY, Nonces.clientNonce(), "0.0.1").toJson()
                .getBytes(StandardCharsets.UTF_8);
    }
}
