package com.goodtalk.protocol.client;

import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.protocol.v2.InMemoryReplayCache;
import com.goodtalk.protocol.v2.ReplayCache;
import com.goodtalk.protocol.v2.V2License;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2ReplySigner;
import com.goodtalk.protocol.v2.V2RequestRejectedException;
import com.goodtalk.protocol.v2.V2RequestVerifier;
import com.goodtalk.protocol.v2.V2SignedReply;
import com.goodtalk.protocol.v2.V2Status;
import com.goodtalk.protocol.v2.VerifiedV2Request;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A minimal v2 license server on 127.0.0.1 built from the library's own verifier, replay cache
 * and reply signer, with a hook that edits reply bodies to play a man in the middle.
 */
final class LocalV2Server implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final V2RequestVerifier verifier;
    private final ReplayCache replayCache;
    private final V2ReplySigner signer;
    private final ServerSigningKey key;
    private final Set<String> validKeys;
    private volatile UnaryOperator<byte[]> tamper = UnaryOperator.identity();

    LocalV2Server(String clientKeyId, Secret clientSecret, ServerSigningKey key, Set<String> validKeys)
            throws IOException {
        Clock clock = Clock.systemUTC();
        this.verifier = V2RequestVerifier.builder().clientKey(clientKeyId, clientSecret).clock(clock).build();
        this.replayCache = new InMemoryReplayCache(1000, verifier.allowedSkew(), clock);
        this.signer = new V2ReplySigner(key, clock);
        this.key = key;
        this.validKeys = Set.copyOf(validKeys);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (V2Operation operation : V2Operation.values()) {
            server.createContext(operation.path(), exchange -> handle(exchange, operation));
        }
        server.createContext(V2Protocol.KEYS_PATH, this::handleKeys);
        server.setExecutor(executor);
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Sets an edit applied to every reply body before it is sent. */
    void tamperWith(UnaryOperator<byte[]> edit) {
        this.tamper = edit;
    }

    private void handle(HttpExchange exchange, V2Operation operation) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(V2Protocol.MAX_REQUEST_BYTES + 1);
        }
        V2SignedReply reply;
        try {
            VerifiedV2Request request = verifier.verify(operation, body);
            Optional<V2Status> replayRejection = replayCache.checkAndRecord(request).rejectionStatus();
            if (replayRejection.isPresent()) {
                reply = signer.sign(request, replayRejection.get(), "This request was already received.", null);
            } else {
                reply = decide(request);
            }
        } catch (V2RequestRejectedException e) {
            reply = signer.signRejection(e);
        }
        send(exchange, reply.httpStatus(), tamper.apply(reply.body()));
    }

    private V2SignedReply decide(VerifiedV2Request request) {
        if (!validKeys.contains(request.productKey())) {
            return signer.sign(request, V2Status.KEY_INVALID, "The product key is not known to this server.", null);
        }
        V2License license = new V2License("GoodTalk", "pro", List.of("export"), Optional.empty(), 1, 3,
                request.machine());
        return switch (request.operation()) {
            case ACTIVATE -> signer.sign(request, V2Status.ACTIVATED, "The key is activated on this machine.", license);
            case VALIDATE -> signer.sign(request, V2Status.VALID, "The key is valid on this machine.", license);
            case DEACTIVATE -> signer.sign(request, V2Status.DEACTIVATED, "This machine's seat is freed.", null);
        };
    }

    private void handleKeys(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
        byte[] body = JsonWebKeySet.of(key.publicKey()).toJson().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", V2Protocol.CONTENT_TYPE);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        executor.shutdownNow();
        if (!executor.awaitTermination(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("The local v2 server's threads did not stop within 30 s");
        }
    }
}
