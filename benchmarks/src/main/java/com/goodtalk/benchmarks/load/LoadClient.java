package com.goodtalk.benchmarks.load;

import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v1.V1Request;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2Request;
import com.goodtalk.protocol.v2.V2RequestSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * One simulated client machine of the load run: it has a product key and a machine
 * fingerprint, signs each request, sends it with {@link HttpClient} and checks the reply. The
 * latency covers sending the request and reading the whole reply, not signing or checking.
 * One instance serves one thread; the {@link HttpClient} may be shared.
 */
final class LoadClient {

    private static final String APP = "GoodTalk load run 1.0";

    private final HttpClient http;
    private final LoadTarget target;
    private final V2RequestSigner signer;
    private final String productKey;
    private final String machine;
    private final Duration timeout;

    /**
     * Creates the client of thread {@code index}, with its own machine fingerprint and one of the
     * demo keys.
     */
    LoadClient(HttpClient http, LoadTarget target, int index, Duration timeout) {
        this.http = http;
        this.target = target;
        this.signer = new V2RequestSigner(LoadTarget.CLIENT_KEY_ID, target.clientSecret(), Clock.systemUTC());
        this.productKey = LoadTarget.productKeyFor(index);
        this.machine = "mf1:" + Nonces.randomUrlSafe(32);
        this.timeout = timeout;
    }

    /** Sends one request of {@code kind} and returns what happened; a network failure becomes a connection error result. */
    ExchangeResult send(RequestKind kind) {
        return switch (kind) {
            case V2_ACTIVATE -> sendV2(kind, V2Operation.ACTIVATE);
            case V2_VALIDATE -> sendV2(kind, V2Operation.VALIDATE);
            case V1_AUTHENTICATE -> sendV1();
        };
    }

    private ExchangeResult sendV2(RequestKind kind, V2Operation operation) {
        V2Request request = signer.sign(operation, productKey, machine, APP);
        URI uri = target.baseUri().resolve(operation.path());
        Timed timed = post(kind, uri, V2Protocol.CONTENT_TYPE, request.body());
        if (timed.error != null) {
            return timed.error;
        }
        HttpResponse<byte[]> response = timed.response;
        String contentType = response.headers().firstValue("Content-Type").orElse("(none)");
        try {
            String word = ReplyChecks.checkV2(request, response.statusCode(), contentType, response.body(),
                    target.pinnedKeys());
            return new ExchangeResult(kind, response.statusCode(), word, timed.nanos, null);
        } catch (ReplyChecks.InvalidReplyException e) {
            return new ExchangeResult(kind, response.statusCode(), "(invalid)", timed.nanos, e.getMessage());
        }
    }

    private ExchangeResult sendV1() {
        V1Request request = V1Protocol.signRequest(target.v1Secret(), productKey, Nonces.clientNonce(),
                V1Protocol.REFERENCE_CLIENT_VERSION);
        URI uri = target.baseUri().resolve(V1Protocol.AUTHENTICATE_PATH);
        Timed timed = post(RequestKind.V1_AUTHENTICATE, uri, "application/json",
                request.toJson().getBytes(StandardCharsets.UTF_8));
        if (timed.error != null) {
            return timed.error;
        }
        HttpResponse<byte[]> response = timed.response;
        try {
            String outcome = ReplyChecks.checkV1(request, response.statusCode(), response.body(), target.v1Secret());
            return new ExchangeResult(RequestKind.V1_AUTHENTICATE, response.statusCode(), outcome, timed.nanos, null);
        } catch (ReplyChecks.InvalidReplyException e) {
            return new ExchangeResult(RequestKind.V1_AUTHENTICATE, response.statusCode(), "(invalid)", timed.nanos,
                    e.getMessage());
        }
    }

    /** A reply and its latency, or the connection error that replaced it. */
    private record Timed(HttpResponse<byte[]> response, long nanos, ExchangeResult error) {
    }

    private Timed post(RequestKind kind, URI uri, String contentType, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long started = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Timed(response, System.nanoTime() - started, null);
        } catch (IOException e) {
            return new Timed(null, 0, ExchangeResult.connectionError(kind, System.nanoTime() - started, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Timed(null, 0, ExchangeResult.connectionError(kind, System.nanoTime() - started, e));
        }
    }
}
