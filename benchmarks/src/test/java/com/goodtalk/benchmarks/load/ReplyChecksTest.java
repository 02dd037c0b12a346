package com.goodtalk.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goodtalk.benchmarks.BenchmarkFixtures;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v1.V1Request;
import com.goodtalk.protocol.v2.V2License;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2ReplySigner;
import com.goodtalk.protocol.v2.V2Request;
import com.goodtalk.protocol.v2.V2RequestSigner;
import com.goodtalk.protocol.v2.V2RequestVerifier;
import com.goodtalk.protocol.v2.V2SignedReply;
import com.goodtalk.protocol.v2.V2Status;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplyChecksTest {

    private static final String JOSE = "application/jose";

    private final Clock clock = BenchmarkFixtures.fixedClock();
    private final Secret clientSecret = BenchmarkFixtures.randomSecret();
    private final ServerSigningKey serverKey = ServerSigningKey.generate();
    private final JsonWebKeySet pinned = JsonWebKeySet.of(serverKey.publicKey());
    private final V2RequestSigner signer = new V2RequestSigner("client", clientSecret, clock);
    private final V2RequestVerifier verifier = V2RequestVerifier.builder().clientKey("client", clientSecret)
            .clock(clock).build();

    @Test
    void v2ActivatedReplyAccepted() throws Exception {
        V2Request request = sign();
        V2SignedReply reply = activatedReplyTo(request, serverKey);

        String word = ReplyChecks.checkV2(request, reply.httpStatus(), JOSE, reply.body(), pinned);

        assertThat(word).isEqualTo("activated");
    }

    @Test
    void v2ReplyFromUnpinnedKeyRejected() throws Exception {
        V2Request request = sign();
        V2SignedReply reply = activatedReplyTo(request, ServerSigningKey.generate());

        assertThatThrownBy(() -> ReplyChecks.checkV2(request, 200, JOSE, reply.body(), pinned))
                .isInstanceOf(ReplyChecks.InvalidReplyException.class)
                .hasMessage("kid is not a pinned key");
    }

    @Test
    void v2ReplyToOtherRequestRejected() throws Exception {
        V2Request request = sign();
        V2SignedReply replyToOther = activatedReplyTo(sign(), serverKey);

        assertThatThrownBy(() -> ReplyChecks.checkV2(request, 200, JOSE, replyToOther.body(), pinned))
                .isInstanceOf(ReplyChecks.InvalidReplyException.class)
                .hasMessage("req is not the hash of the request sent");
    }

    @Test
    void v2ChangedPayloadRejected() throws Exception {
        V2Request request = sign();
        String body = new String(activatedReplyTo(request, serverKey).body(), StandardCharsets.US_ASCII);
        String[] parts = body.split("\\.");
        String changedPayload = parts[1].charAt(5) == 'A' ? replaceAt(parts[1], 5, 'B') : replaceAt(parts[1], 5, 'A');
        byte[] changed = (parts[0] + "." + changedPayload + "." + parts[2]).getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> ReplyChecks.checkV2(request, 200, JOSE, changed, pinned))
                .isInstanceOf(ReplyChecks.InvalidReplyException.class);
    }

    @Test
    void v2StatusAgainstHttpStatusRejected() throws Exception {
        V2Request request = sign();
        V2SignedReply reply = activatedReplyTo(request, serverKey);

        assertThatThrownBy(() -> ReplyChecks.checkV2(request, 500, JOSE, reply.body(), pinned))
                .isInstanceOf(ReplyChecks.InvalidReplyException.class)
                .hasMessage("status activated came with HTTP 500");
    }

    @Test
    void v2WrongContentTypeRejected() throws Exception {
        V2Request request = sign();
        V2SignedReply reply = activatedReplyTo(request, serverKey);

        assertThatThrownBy(() -> ReplyChecks.checkV2(request, 200, "application/json", reply.body(), pinned))
                .isInstanceOf(ReplyChecks.InvalidReplyException.class)
                .hasMessageContaining("content type application/json");
    }

    @Test
    void v1ActivationAccepted() throws Exception {
        Secret secret = BenchmarkFixtures.randomSecret();
        V1Request request = V1Protocol.signRequest(secret, "KEY-1", "nonce-1", "0.0.1");
        byte[] reply = V1Protocol.signReply(secret, request, "server-nonce").toJson().getBytes(StandardCharsets.UTF_8);

        assertThat(ReplyChecks.checkV1(request, 200, reply, secret)).isEqualTo("ok");
    }

    @Test
    void v1ReplySignedWithOtherSecretRejected() {
        Secret secret = BenchmarkFixtures.randomSecret();
        V1Request request = V1Protocol.signRequest(secret, "KEY-1", "nonce-1", "0.0.1");
        byte[] reply = V1Protocol.signReply(BenchmarkFixtures.randomSecret(), request, "server-nonce").toJson()
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ReplyChecks.checkV1(request, 200, reply, secret))
                .isInstanceOf(ReplyChecks.InvalidReplyException.class)
                .hasMessage("server signature does not verify");
    }

    @Test
    void v1ReplyToOtherRequestRejected() {
        Secret secret = BenchmarkFixtures.randomSecret();
        V1Request request = V1Protocol.signRequest(secret, "KEY-1", "nonce-1", "0.0.1");
        V1Request other = V1Protocol.signRequest(secret, "KEY-1", "nonce-2", "0.0.1");
        byte[] reply = V1Protocol.signReply(secret, other, "server-nonce").toJson().getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ReplyChecks.checkV1(request, 200, reply, secret))
                .isInstanceOf(ReplyChecks.InvalidReplyException.class)
                .hasMessage("reply does not echo the request");
    }

    @Test
    void v1ErrorReplyReturnsError() throws Exception {
        V1Request request = V1Protocol.signRequest(BenchmarkFixtures.randomSecret(), "KEY-1", "nonce-1", "0.0.1");
        byte[] reply = V1Protocol.errorBody(V1Protocol.ERROR_KEY_INVALID).getBytes(StandardCharsets.UTF_8);

        assertThat(ReplyChecks.checkV1(request, 403, reply, BenchmarkFixtures.randomSecret())).isEqualTo("key_invalid");
    }

    private V2Request sign() {
        return signer.sign(V2Operation.ACTIVATE, BenchmarkFixtures.PRODUCT_KEY, BenchmarkFixtures.MACHINE, "test 1.0");
    }

    private V2SignedReply activatedReplyTo(V2Request request, ServerSigningKey key) throws Exception {
        V2License license = new V2License("GoodTalk", "pro", List.of(), Optional.empty(), 1, 3,
                BenchmarkFixtures.MACHINE);
        return new V2ReplySigner(key, clock).sign(verifier.verify(V2Operation.ACTIVATE, request.body()),
                V2Status.ACTIVATED, "Activated.", license);
    }

    private static String replaceAt(String text, int index, char replacement) {
        return text.substring(0, index) + replacement + text.substring(index + 1);
    }
}
