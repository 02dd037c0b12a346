package com.goodtalk.server.tamper.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2Request;
import com.goodtalk.protocol.v2.V2RequestSigner;
import com.goodtalk.protocol.v2.V2Status;
import com.goodtalk.server.testing.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request captured shortly before the server restarts and replayed right after it, while its
 * {@code iat} is still within the allowed skew. The protocol rejects a {@code jti} seen before
 * within the window, so the replay must get {@code replayed}.
 *
 * <p>The test server closes its license store at the stop and opens it again at the start, so
 * seats and seen request ids come back from the database, as on a real restart.
 */
class V2ReplayAfterRestartTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SignedServerReply post(V2Operation operation, byte[] body) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUri()
                        + operation.path()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", V2Protocol.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        return SignedServerReply.verify(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body(), server.jwks());
    }

    @Test
    void deactivationReplayedAfterRestartIsReplayed() throws Exception {
        V2RequestSigner signer = new V2RequestSigner(server.clientKeyId(), server.clientSecret(), Clock.systemUTC());
        V2Request deactivation = signer.sign(V2Operation.DEACTIVATE, V2Tampering.KEY, V2Tampering.MACHINE,
                V2Tampering.APP);
        assertThat(post(signer, V2Operation.ACTIVATE).status()).isEqualTo(V2Status.ACTIVATED.word());
        assertThat(post(V2Operation.DEACTIVATE, deactivation.body()).status())
                .isEqualTo(V2Status.DEACTIVATED.word());
        assertThat(post(signer, V2Operation.ACTIVATE).status()).isEqualTo(V2Status.ACTIVATED.word());
        server.stop();
        server.start();

        SignedServerReply replayed = post(V2Operation.DEACTIVATE, deactivation.body());

        assertThat(replayed.status()).as(replayed.message()).isEqualTo(V2Status.REPLAYED.word());
        assertThat(post(signer, V2Operation.VALIDATE).status()).as("the user's seat after the replay")
                .isEqualTo(V2Status.VALID.word());
    }

    /** Sends a fresh request for {@code operation} on the test key and machine. */
    private SignedServerReply post(V2RequestSigner signer, V2Operation operation) throws Exception {
        return post(operation, signer.sign(operation, V2Tampering.KEY, V2Tampering.MACHINE, V2Tampering.APP).body());
    }
}
