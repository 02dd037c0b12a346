package com.goodtalk.protocol.client;

import static com.goodtalk.protocol.client.TraceRecorder.values;

import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.protocol.v1.V1Reply;
import com.goodtalk.protocol.v1.V1Request;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * An {@link ActivationClient} for the proof-of-concept protocol ("v1").
 *
 * <pre>{@code
 * ActivationClient client = V1Client.builder()
 *         .server(URI.create("http://127.0.0.1:8080"))
 *         .secret(secret)
 *         .build();
 * VerificationTrace trace = client.activate("APENL-4N9L1-2KA9D-3JX0-44LSK");
 * if (trace.verdict().isActivated()) { ... }
 * }</pre>
 *
 * <p>It accepts a reply only if the server signature verifies over the reply and the reply
 * echoes this request's key, nonce, version and HMAC. v1 error replies are unsigned, so a
 * rejection cannot be authenticated, and the trace marks the signature and echo steps as skipped.
 */
public final class V1Client implements ActivationClient {

    /** The timeout of one activation when the builder sets none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** The maximum reply body read. A v1 reply is about 300 bytes plus the echoed key, so 64 KiB leaves ample room. */
    static final int MAX_REPLY_BYTES = 64 * 1024;

    private static final int MAX_DISPLAYED_CHARS = 4000;

    private final URI endpoint;
    private final Secret secret;
    private final String clientVersion;
    private final Clock clock;
    private final HttpTransport transport;

    private V1Client(Builder builder) {
        this.endpoint = builder.server.resolve(V1Protocol.AUTHENTICATE_PATH);
        this.secret = builder.secret;
        this.clientVersion = builder.clientVersion;
        this.clock = builder.clock;
        this.transport = new HttpTransport(builder.timeout, MAX_REPLY_BYTES);
    }

    /** Starts a builder; {@link Builder#server(URI)} and {@link Builder#secret(Secret)} are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public VerificationTrace activate(String productKey) {
        Objects.requireNonNull(productKey, "productKey");
        String key = productKey.strip();
        if (key.isEmpty()) {
            throw new IllegalArgumentException("The product key is blank. Enter the key printed on your license.");
        }
        TraceRecorder trace = new TraceRecorder("v1", endpoint, clock);

        String nonce = Nonces.clientNonce();
        V1Request request = V1Protocol.signRequest(secret, key, nonce, clientVersion);
        String requestJson = request.toJson();
        trace.passed(StepId.SIGN_REQUEST, "Sign the request",
                "Signed the key with HMAC-SHA256 and a fresh 128-bit nonce.",
                values("key", key, "nonce", nonce, "version", clientVersion,
                        "signing text", request.signingText(), "computed HMAC", request.hmac(),
                        "request JSON", requestJson));

        HttpReply reply;
        try {
            reply = transport.post(endpoint, "application/json", requestJson.getBytes(StandardCharsets.UTF_8));
        } catch (HttpTransport.TransportException e) {
            trace.failed(StepId.SEND_REQUEST, "Send the request", e.getMessage(), values("URL", endpoint.toString()));
            skipRest(trace, StepId.PARSE_REPLY);
            return trace.finish(e.serverReached()
                    ? Verdict.verificationFailed(StepId.SEND_REQUEST, e.getMessage())
                    : Verdict.unreachable(StepId.SEND_REQUEST, e.getMessage()));
        }
        String status = Integer.toString(reply.status());
        if (reply.status() != 200 && reply.status() != 403) {
            String message = "The server answered HTTP " + status + ", which is not a v1 reply."
                    + " Check that the URL points at a GoodTalk license server.";
            trace.failed(StepId.SEND_REQUEST, "Send the request", message,
                    values("URL", endpoint.toString(), "HTTP status", status,
                            "reply body", reply.bodyForDisplay(MAX_DISPLAYED_CHARS)));
            skipRest(trace, StepId.PARSE_REPLY);
            return trace.finish(Verdict.unreachable(StepId.SEND_REQUEST, message));
        }
        trace.passed(StepId.SEND_REQUEST, "Send the request", "The server answered HTTP " + status + ".",
                values("URL", endpoint.toString(), "HTTP status", status, "content type", reply.contentType(),
                        "reply body", reply.bodyForDisplay(MAX_DISPLAYED_CHARS)));

        return reply.status() == 403 ? readRejection(trace, reply) : verifyAcceptance(trace, request, reply);
    }

    private VerificationTrace readRejection(TraceRecorder trace, HttpReply reply) {
        String error;
        try {
            error = StrictJson.requireString(StrictJson.parseObject(reply.body()), "error");
        } catch (MalformedMessageException e) {
            return failParse(trace, e);
        }
        trace.passed(StepId.PARSE_REPLY, "Read the reply", "The reply is a v1 error reply.", values("error", error));
        String unsigned = "v1 error replies carry no signature, so this rejection cannot be authenticated.";
        trace.skipped(StepId.VERIFY_SIGNATURE, "Verify the server signature", unsigned);
        trace.skipped(StepId.CHECK_ECHO, "Check the reply answers this request", unsigned);
        String message = rejectionMessage(error);
        trace.failed(StepId.READ_DECISION, "Read the server's decision", message, values("reason", error));
        return trace.finish(Verdict.rejected(error, message));
    }

    private VerificationTrace verifyAcceptance(TraceRecorder trace, V1Request request, HttpReply reply) {
        V1Reply parsed;
        try {
            parsed = V1Protocol.parseReply(reply.body());
        } catch (MalformedMessageException e) {
            return failParse(trace, e);
        }
        trace.passed(StepId.PARSE_REPLY, "Read the reply", "The reply has the six members of a signed v1 reply.",
                values("server nonce", parsed.serverNonce(), "server signature", parsed.serverSignature()));

        String signingText = parsed.signingText();
        String computed = V1Protocol.hmacHex(secret, signingText);
        var signatureValues = values("signing text", signingText, "computed signature", computed,
                "received signature", parsed.serverSignature());
        if (!V1Protocol.hmacMatches(secret, signingText, parsed.serverSignature())) {
            String message = "The server signature does not match the reply: it was changed after the server"
                    + " signed it, or it was not signed with this secret.";
            trace.failed(StepId.VERIFY_SIGNATURE, "Verify the server signature", message, signatureValues);
            skipRest(trace, StepId.CHECK_ECHO);
            return trace.finish(Verdict.verificationFailed(StepId.VERIFY_SIGNATURE, message));
        }
        trace.passed(StepId.VERIFY_SIGNATURE, "Verify the server signature",
                "The HMAC-SHA256 signature matches the reply (constant-time comparison).", signatureValues);

        String mismatch = firstEchoMismatch(request, parsed);
        var echoValues = values("sent nonce", request.nonce(), "echoed nonce", parsed.nonce(),
                "sent HMAC", request.hmac(), "echoed HMAC", parsed.hmac(),
                "sent key", request.key(), "echoed key", parsed.key(),
                "sent version", request.version(), "echoed version", parsed.version());
        if (mismatch != null) {
            String message = "The reply echoes a different " + mismatch + " than this request sent:"
                    + " it answers another request, for example a replayed old reply.";
            trace.failed(StepId.CHECK_ECHO, "Check the reply answers this request", message, echoValues);
            skipRest(trace, StepId.READ_DECISION);
            return trace.finish(Verdict.verificationFailed(StepId.CHECK_ECHO, message));
        }
        trace.passed(StepId.CHECK_ECHO, "Check the reply answers this request",
                "The reply echoes this request's key, nonce, version and HMAC.", echoValues);

        trace.passed(StepId.READ_DECISION, "Read the server's decision", "The server accepted the key.",
                values("HTTP status", "200"));
        return trace.finish(Verdict.activated("The product key is activated and the server's reply is verified."));
    }

    private static String firstEchoMismatch(V1Request sent, V1Reply received) {
        if (!constantTimeEquals(sent.nonce(), received.nonce())) {
            return "nonce";
        }
        if (!constantTimeEquals(sent.hmac(), received.hmac())) {
            return "HMAC";
        }
        if (!constantTimeEquals(sent.key(), received.key())) {
            return "key";
        }
        if (!constantTimeEquals(sent.version(), received.version())) {
            return "version";
        }
        return null;
    }

    private static boolean constantTimeEquals(String expected, String received) {
        return java.security.MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), received.getBytes(StandardCharsets.UTF_8));
    }

    private static VerificationTrace failParse(TraceRecorder trace, MalformedMessageException e) {
        String message = "The reply is not a valid v1 message: " + e.getMessage();
        trace.failed(StepId.PARSE_REPLY, "Read the reply", message, values());
        skipRest(trace, StepId.VERIFY_SIGNATURE);
        return trace.finish(Verdict.verificationFailed(StepId.PARSE_REPLY, message));
    }

    private static String rejectionMessage(String error) {
        return switch (error) {
            case V1Protocol.ERROR_KEY_INVALID -> "The server does not know this product key (key_invalid).";
            case V1Protocol.ERROR_VERSION_NOT_ALLOWED ->
                    "The server does not accept this client version (version_not_allowed). Update the program.";
            case V1Protocol.ERROR_NOT_ALLOWED ->
                    "The server rejected the request's signature (Not Allowed): client and server secrets differ,"
                            + " or the request was changed on its way.";
            default -> "The server rejected the request: " + error + ".";
        };
    }

    /** Records every step from {@code firstSkipped} on as skipped. */
    private static void skipRest(TraceRecorder trace, String firstSkipped) {
        String[][] remaining = {
            {StepId.PARSE_REPLY, "Read the reply"},
            {StepId.VERIFY_SIGNATURE, "Verify the server signature"},
            {StepId.CHECK_ECHO, "Check the reply answers this request"},
            {StepId.READ_DECISION, "Read the server's decision"},
        };
        boolean skipping = false;
        for (String[] step : remaining) {
            skipping |= step[0].equals(firstSkipped);
            if (skipping) {
                trace.skipped(step[0], step[1], "Not run, because an earlier step failed.");
            }
        }
    }

    /** Configures a {@link V1Client}. */
    public static final class Builder {
        private URI server;
        private Secret secret;
        private String clientVersion = V1Protocol.REFERENCE_CLIENT_VERSION;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Sets the server's base URL, such as {@code http://127.0.0.1:8080}. */
        public Builder server(URI server) {
            ClientSettings.requireHttpServer(server);
            this.server = server;
            return this;
        }

        /** Sets the secret shared with the server. */
        public Builder secret(Secret secret) {
            this.secret = Objects.requireNonNull(secret, "secret");
            return this;
        }

        /** Sets the client version sent with each request; the default is {@value V1Protocol#REFERENCE_CLIENT_VERSION}. */
        public Builder clientVersion(String clientVersion) {
            this.clientVersion = Objects.requireNonNull(clientVersion, "clientVersion");
            return this;
        }

        /** Sets the deadline of one whole exchange; the default is 10 seconds. */
        public Builder timeout(Duration timeout) {
            this.timeout = ClientSettings.requirePositiveTimeout(timeout);
            return this;
        }

        /** Sets the clock that stamps the trace; tests pass a fixed one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the client.
         *
         * @throws IllegalStateException if the server or the secret is missing
         */
        public V1Client build() {
            if (server == null) {
                throw new IllegalStateException("No server URL set. Call server(URI) before build().");
            }
            if (secret == null) {
                throw new IllegalStateException("No secret set. Call secret(Secret) before build().");
            }
            return new V1Client(this);
        }
    }
}
