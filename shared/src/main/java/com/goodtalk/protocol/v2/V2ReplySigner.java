package com.goodtalk.protocol.v2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.jose.ServerSigningKey;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Builds and signs v2 replies on the server, errors included: an EdDSA compact JWS whose
 * {@code req} claim binds it to the exact request bytes and whose {@code req_jti} echoes the
 * request's {@code jti} when it was read.
 *
 * <pre>{@code
 * V2ReplySigner signer = new V2ReplySigner(serverKey, Clock.systemUTC());
 * V2SignedReply reply;
 * try {
 *     VerifiedV2Request request = verifier.verify(V2Operation.ACTIVATE, body);
 *     reply = signer.sign(request, V2Status.ACTIVATED, "The key is activated on this machine.", license);
 * } catch (V2RequestRejectedException e) {
 *     reply = signer.signRejection(e);
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class V2ReplySigner {

    private final ServerSigningKey key;
    private final Clock clock;
    private final Supplier<String> jtiSource;

    /**
     * Creates a signer.
     *
     * @param key   the server's Ed25519 key, whose public half clients pin
     * @param clock the clock that stamps {@code iat}
     */
    public V2ReplySigner(ServerSigningKey key, Clock clock) {
        this(key, clock, () -> Nonces.randomUrlSafe(V2Protocol.JTI_BYTES));
    }

    /**
     * Creates a signer whose {@code jti} values come from {@code jtiSource} instead of
     * {@link java.security.SecureRandom}. Only the worked-example test uses it, to publish one
     * reproducible exchange.
     */
    V2ReplySigner(ServerSigningKey key, Clock clock, Supplier<String> jtiSource) {
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jtiSource = Objects.requireNonNull(jtiSource, "jtiSource");
    }

    /**
     * Signs the reply to a verified request, for the replay check and the license decision.
     *
     * @param license the license; required for {@code activated} and {@code valid}, otherwise null
     * @throws IllegalArgumentException if the license is missing or present against the status,
     *                                  or the message is blank
     */
    public V2SignedReply sign(VerifiedV2Request request, V2Status status, String message, V2License license) {
        Objects.requireNonNull(request, "request");
        return sign(request.requestHash(), request.jti(), status, message, license);
    }

    /** Signs the error reply to a request that the verifier rejected. */
    public V2SignedReply signRejection(V2RequestRejectedException rejection) {
        Objects.requireNonNull(rejection, "rejection");
        return sign(rejection.requestHash(), rejection.requestJti().orElse(null), rejection.status(),
                rejection.getMessage(), null);
    }

    /**
     * Signs a reply to any request body, for a rejection before or outside verification, such as
     * rate limiting.
     *
     * @param requestBody the request body exactly as received
     * @param requestJti  the request's {@code jti} if it was read from a verified payload, otherwise null
     * @param license     the license; required for {@code activated} and {@code valid}, otherwise null
     * @throws IllegalArgumentException if the license is missing or present against the status,
     *                                  or the message is blank
     */
    public V2SignedReply sign(byte[] requestBody, String requestJti, V2Status status, String message,
                              V2License license) {
        return sign(V2Protocol.requestHash(Objects.requireNonNull(requestBody, "requestBody")), requestJti, status,
                message, license);
    }

    private V2SignedReply sign(String requestHash, String requestJti, V2Status status, String message,
                               V2License license) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        if (message.isBlank()) {
            throw new IllegalArgumentException("The reply message is blank; give one sentence that names the value"
                    + " and the fix.");
        }
        if (status.carriesLicense() && license == null) {
            throw new IllegalArgumentException("A " + status.word() + " reply needs a license; pass the V2License.");
        }
        if (!status.carriesLicense() && license != null) {
            throw new IllegalArgumentException("A " + status.word() + " reply carries no license; pass null.");
        }

        ObjectNode payload = StrictJson.mapper().createObjectNode();
        payload.put("req", requestHash);
        if (requestJti != null) {
            payload.put("req_jti", requestJti);
        }
        payload.put("jti", jtiSource.get());
        payload.put("iat", clock.instant().getEpochSecond());
        payload.put("status", status.word());
        payload.put("message", message);
        if (license != null) {
            writeLicense(payload.putObject("license"), license);
        }
        try {
            String body = key.signJws(V2Protocol.REPLY_TYPE, StrictJson.mapper().writeValueAsBytes(payload));
            return new V2SignedReply(status, body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a reply of strings and numbers", e);
        }
    }

    private static void writeLicense(ObjectNode node, V2License license) {
        node.put("product", license.product());
        node.put("edition", license.edition());
        license.features().forEach(node.putArray("features")::add);
        if (license.expires().isPresent()) {
            node.put("expires", license.expires().get().getEpochSecond());
        } else {
            node.putNull("expires");
        }
        ObjectNode seats = node.putObject("seats");
        seats.put("used", license.seatsUsed());
        seats.put("allowed", license.seatsAllowed());
        node.put("machine", license.machine());
        license.certificate().ifPresent(certificate -> node.put("certificate", certificate));
    }

    @Override
    public String toString() {
        return "V2ReplySigner[" + key + "]";
    }
}
