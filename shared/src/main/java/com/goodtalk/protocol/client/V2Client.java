package com.goodtalk.protocol.client;

import static com.goodtalk.protocol.client.TraceRecorder.values;

import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.license.LicenseCertificate;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2Request;
import com.goodtalk.protocol.v2.V2RequestSigner;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * An {@link ActivationClient} for the hardened protocol ("v2").
 *
 * <pre>{@code
 * V2Client client = V2Client.builder()
 *         .server(URI.create("https://license.example.com"))
 *         .clientKeyId("desktop-1")
 *         .clientSecret(clientSecret)
 *         .pinnedKeys(JsonWebKeySet.parse(pinnedJwks))
 *         .machine(machineFingerprint)
 *         .app("GoodTalk Desktop 1.0")
 *         .build();
 * VerificationTrace trace = client.activate("APENL-4N9L1-2KA9D-3JX0-44LSK");
 * if (trace.verdict().isActivated()) { ... }
 * }</pre>
 *
 * <p>Each request is an HS256 JWS with a fresh 256-bit {@code jti} and the current time. Every
 * reply, errors included, must be an EdDSA JWS from a pinned server key that carries the SHA-256
 * of the exact request body and echoes the {@code jti}; only then is its status read. A signed
 * rejection ends as {@link Verdict.Kind#REJECTED}; a reply that fails a check ends as
 * {@link Verdict.Kind#VERIFICATION_FAILED} at that step.
 */
public final class V2Client implements ActivationClient {

    /** The timeout of one exchange when the builder sets none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** The largest reply body read; real v2 replies are under 2 KiB. */
    static final int MAX_REPLY_BYTES = 64 * 1024;

    private final URI server;
    private final V2RequestSigner signer;
    private final V2ReplyChecks replyChecks;
    private final String machine;
    private final String app;
    private final Clock clock;
    private final HttpTransport transport;

    private V2Client(Builder builder) {
        this.server = builder.server;
        this.signer = new V2RequestSigner(builder.clientKeyId, builder.clientSecret, builder.clock);
        this.replyChecks = new V2ReplyChecks(builder.pinnedKeys, builder.clock);
        this.machine = builder.machine;
        this.app = builder.app;
        this.clock = builder.clock;
        this.transport = new HttpTransport(builder.timeout, MAX_REPLY_BYTES);
    }

    /** Starts a builder; every setter except {@code timeout} and {@code clock} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Activates {@code productKey} on this machine; {@link Verdict.Kind#ACTIVATED} on success.
     *
     * @throws IllegalArgumentException if the key is blank or too long to send
     */
    @Override
    public VerificationTrace activate(String productKey) {
        return exchange(V2Operation.ACTIVATE, productKey);
    }

    /**
     * Checks that {@code productKey} is still valid on this machine; {@link Verdict.Kind#ACTIVATED} on success.
     *
     * @throws IllegalArgumentException if the key is blank or too long to send
     */
    public VerificationTrace validate(String productKey) {
        return exchange(V2Operation.VALIDATE, productKey);
    }

    /**
     * Frees this machine's seat on {@code productKey}; {@link Verdict.Kind#DEACTIVATED} on success.
     *
     * @throws IllegalArgumentException if the key is blank or too long to send
     */
    public VerificationTrace deactivate(String productKey) {
        return exchange(V2Operation.DEACTIVATE, productKey);
    }

    /**
     * Checks online that the license of a stored certificate is still valid on this machine, sending
     * the certificate instead of the product key; {@link Verdict.Kind#ACTIVATED} on success, with a
     * fresh certificate. The server verifies the certificate itself; its re-validate-by time having
     * passed is no obstacle. A rejection such as {@code key_revoked} or {@code certificate_invalid}
     * ends as {@link Verdict.Kind#REJECTED}.
     *
     * @param certificate a certificate verified offline for this client's machine
     * @throws IllegalArgumentException if the certificate is for another machine than this client's
     */
    public VerificationTrace validate(LicenseCertificate certificate) {
        return exchange(V2Operation.VALIDATE, certificate);
    }

    /**
     * Frees this machine's seat on the license of a stored certificate, sending the certificate
     * instead of the product key; {@link Verdict.Kind#DEACTIVATED} on success.
     *
     * @param certificate a certificate verified offline for this client's machine
     * @throws IllegalArgumentException if the certificate is for another machine than this client's
     */
    public VerificationTrace deactivate(LicenseCertificate certificate) {
        return exchange(V2Operation.DEACTIVATE, certificate);
    }

    private VerificationTrace exchange(V2Operation operation, String productKey) {
        Objects.requireNonNull(productKey, "productKey");
        String key = productKey.strip();
        if (key.isEmpty()) {
            throw new IllegalArgumentException("The product key is blank. Enter the key printed on your license.");
        }
        return exchange(signer.sign(operation, key, machine, app), "");
    }

    private VerificationTrace exchange(V2Operation operation, LicenseCertificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        if (!certificate.machine().equals(machine)) {
            throw new IllegalArgumentException("The license certificate is for the machine " + certificate.machine()
                    + ", but this client sends " + machine + ". Verify the certificate for this client's machine.");
        }
        return exchange(signer.signWithCertificate(operation, certificate.compactJws(), machine, app),
                " The license is named by its certificate (license " + certificate.licenseId() + ", "
                        + certificate.keyHint() + "), not by the product key.");
    }

    /** Sends a signed request and runs the reply checks; {@code signNote} ends the signing step's detail. */
    private VerificationTrace exchange(V2Request request, String signNote) {
        V2Operation operation = request.operation();
        URI endpoint = endpoint(operation);
        TraceRecorder trace = new TraceRecorder("v2", endpoint, clock);

        trace.passed(StepId.SIGN_REQUEST, "Sign the request",
                "Signed the " + operation.claim() + " request with HS256, a fresh 256-bit jti and the current time."
                        + signNote,
                values("operation", operation.claim(), "JWS header", request.headerJson(),
                        "payload", request.displayPayloadJson(), "signature", request.encodedSignature(),
                        "jti", request.jti(), "iat", request.issuedAt().toString()));

        HttpReply reply;
        try {
            reply = transport.post(endpoint, V2Protocol.CONTENT_TYPE, request.body());
        } catch (HttpTransport.TransportException e) {
            trace.failed(StepId.SEND_REQUEST, "Send the request", e.getMessage(), values("URL", endpoint.toString()));
            V2ReplyChecks.skipAll(trace);
            return trace.finish(e.serverReached()
                    ? Verdict.verificationFailed(StepId.SEND_REQUEST, e.getMessage())
                    : Verdict.unreachable(StepId.SEND_REQUEST, e.getMessage()));
        }
        if (isHttpErrorWithoutJws(reply)) {
            String message = "The server returned HTTP " + reply.status() + " without a signed v2 reply, so " + endpoint
                    + " does not serve protocol v2. Check the server URL, and that the server has a signing key"
                    + " (v2 is off without one).";
            trace.failed(StepId.SEND_REQUEST, "Send the request", message,
                    values("URL", endpoint.toString(), "HTTP status", Integer.toString(reply.status()),
                            "content type", reply.contentType()));
            V2ReplyChecks.skipAll(trace);
            return trace.finish(Verdict.unreachable(StepId.SEND_REQUEST, message));
        }
        trace.passed(StepId.SEND_REQUEST, "Send the request", "The server returned HTTP " + reply.status() + ".",
                values("URL", endpoint.toString(), "HTTP status", Integer.toString(reply.status()),
                        "content type", reply.contentType(), "reply bytes", Integer.toString(reply.body().length)));

        return trace.finish(replyChecks.run(trace, request, reply));
    }

    /**
     * Tells whether the reply is an HTTP error page rather than a protocol reply: a 404, 405 or 5xx
     * whose content type is not {@code application/jose}. Every v2 reply is signed JOSE, so such a reply
     * means the URL reaches no v2 endpoint. A signed reply with any status still goes through every check.
     */
    private static boolean isHttpErrorWithoutJws(HttpReply reply) {
        int status = reply.status();
        boolean errorPage = status == 404 || status == 405 || status >= 500;
        String mediaType = reply.contentType().split(";", 2)[0].strip();
        return errorPage && !mediaType.equalsIgnoreCase(V2Protocol.CONTENT_TYPE);
    }

    /** Appends the operation's path to the base URL, keeping a path prefix such as {@code /licensing}. */
    private URI endpoint(V2Operation operation) {
        String base = server.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + operation.path());
    }

    @Override
    public String toString() {
        return "V2Client[" + server + ", " + signer + "]";
    }

    /** Configures a {@link V2Client}. */
    public static final class Builder {
        private URI server;
        private String clientKeyId;
        private Secret clientSecret;
        private JsonWebKeySet pinnedKeys;
        private String machine;
        private String app;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets the server's base URL, such as {@code http://127.0.0.1:8080} or
         * {@code https://example.com/licensing}; the client appends {@code /v2/activate} and the other paths.
         */
        public Builder server(URI server) {
            ClientSettings.requireHttpServer(server);
            if (server.getRawQuery() != null || server.getRawFragment() != null) {
                throw new IllegalArgumentException("The server URL \"" + server
                        + "\" has a query or fragment. Give the base URL only, such as http://127.0.0.1:8080");
            }
            this.server = server;
            return this;
        }

        /** Sets the client key id under which the server stores this client secret. */
        public Builder clientKeyId(String clientKeyId) {
            this.clientKeyId = Objects.requireNonNull(clientKeyId, "clientKeyId");
            return this;
        }

        /** Sets the client secret; the request HMAC key is derived from it, never the secret itself. */
        public Builder clientSecret(Secret clientSecret) {
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
            return this;
        }

        /**
         * Sets the server public keys this client trusts, shipped with the client. Replies signed
         * by any other key fail, including keys the server publishes at run time.
         */
        public Builder pinnedKeys(JsonWebKeySet pinnedKeys) {
            this.pinnedKeys = Objects.requireNonNull(pinnedKeys, "pinnedKeys");
            return this;
        }

        /** Sets this machine's fingerprint: 1 to 128 characters of {@code A-Z a-z 0-9 . _ : -}. */
        public Builder machine(String machine) {
            this.machine = Objects.requireNonNull(machine, "machine");
            return this;
        }

        /** Sets the client name and version sent as {@code app}: 1 to 64 printable ASCII characters. */
        public Builder app(String app) {
            this.app = Objects.requireNonNull(app, "app");
            return this;
        }

        /** Sets the deadline of one whole exchange; the default is 10 seconds. */
        public Builder timeout(Duration timeout) {
            this.timeout = ClientSettings.requirePositiveTimeout(timeout);
            return this;
        }

        /** Sets the clock that stamps {@code iat} and the trace; tests pass a fixed one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the client.
         *
         * @throws IllegalStateException    if a required setting is missing
         * @throws IllegalArgumentException if the key id, machine or app breaks its rule
         */
        public V2Client build() {
            requireSet(server, "server URL", "server(URI)");
            requireSet(clientKeyId, "client key id", "clientKeyId(String)");
            requireSet(clientSecret, "client secret", "clientSecret(Secret)");
            requireSet(pinnedKeys, "pinned server keys", "pinnedKeys(JsonWebKeySet)");
            requireSet(machine, "machine fingerprint", "machine(String)");
            requireSet(app, "app name", "app(String)");
            // Signing a probe request checks the key id, machine and app now rather than on first use.
            new V2RequestSigner(clientKeyId, clientSecret, clock).sign(V2Operation.VALIDATE, "probe", machine, app);
            return new V2Client(this);
        }

        private static void requireSet(Object value, String name, String setter) {
            if (value == null) {
                throw new IllegalStateException("No " + name + " set. Call " + setter + " before build().");
            }
        }
    }
}
