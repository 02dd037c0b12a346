package com.goodtalk.protocol.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.jose.Base64Url;
import com.goodtalk.protocol.jose.CompactJws;
import com.goodtalk.protocol.jose.InvalidJwsHeaderException;
import com.goodtalk.protocol.v2.V2RequestRejectedException.Check;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies v2 requests on the server, running checks 1 to 6 of the protocol in order: size
 * limit, compact-JWS syntax, header ({@code alg} exactly HS256, {@code typ}, known {@code kid}),
 * HMAC over the received bytes in constant time, claims (types, alphabets, {@code op} matching
 * the endpoint), and {@code iat} within the allowed skew. The payload is parsed only after the
 * HMAC verified.
 *
 * <pre>{@code
 * V2RequestVerifier verifier = V2RequestVerifier.builder()
 *         .clientKey("desktop-1", clientSecret)
 *         .build();
 * try {
 *     VerifiedV2Request request = verifier.verify(V2Operation.ACTIVATE, body);
 *     // check 7: replayCache.checkAndRecord(request); check 8: the license decision
 * } catch (V2RequestRejectedException e) {
 *     send(replySigner.signRejection(e));
 * }
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class V2RequestVerifier {

    private final Map<String, Secret> hmacKeysById;
    private final Clock clock;
    private final long allowedSkewSeconds;

    private V2RequestVerifier(Builder builder) {
        this.hmacKeysById = Map.copyOf(builder.hmacKeysById);
        this.clock = builder.clock;
        this.allowedSkewSeconds = builder.allowedSkew.getSeconds();
    }

    /** Starts a builder; at least one {@link Builder#clientKey(String, Secret)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the allowed clock skew, for a replay cache whose window must cover it. */
    public Duration allowedSkew() {
        return Duration.ofSeconds(allowedSkewSeconds);
    }

    /**
     * Verifies a request body that arrived at {@code endpoint}.
     *
     * @param endpoint the operation of the endpoint the body was posted to
     * @param body     the body exactly as received; pass up to {@value V2Protocol#MAX_REQUEST_BYTES} + 1
     *                 bytes so an oversized body is recognised
     * @throws V2RequestRejectedException naming the failed check, the reply status and a message
     */
    public VerifiedV2Request verify(V2Operation endpoint, byte[] body) throws V2RequestRejectedException {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(body, "body");
        String requestHash = V2Protocol.requestHash(body);
        Rejections reject = new Rejections(requestHash);

        if (body.length > V2Protocol.MAX_REQUEST_BYTES) {
            throw reject.of(Check.SIZE_LIMIT, V2Status.TOO_LARGE, "The request body has " + body.length
                    + " bytes or more; the limit is " + V2Protocol.MAX_REQUEST_BYTES + " bytes. Send a shorter"
                    + " product key, machine and app.");
        }

        CompactJws jws;
        try {
            jws = CompactJws.parse(body);
        } catch (InvalidJwsHeaderException e) {
            throw reject.of(Check.HEADER, V2Status.MALFORMED, e.getMessage());
        } catch (MalformedMessageException e) {
            throw reject.of(Check.SYNTAX, V2Status.MALFORMED, "The request is not a compact JWS: " + e.getMessage());
        }

        Secret hmacKey = checkHeader(jws.header(), reject);

        if (!hmacKey.verifyHmacSha256(jws.signingInput(), jws.signature())) {
            throw reject.of(Check.HMAC, V2Status.BAD_SIGNATURE, "The request's HMAC does not match its header and"
                    + " payload: the request was changed after signing, or the client secret differs from the"
                    + " server's. Check the client secret configured for this key id.");
        }

        VerifiedV2Request request = new RequestClaims(endpoint, reject).read(jws.payload(), requestHash,
                jws.header().get("kid").textValue());
        checkIssuedAt(request, reject);
        return request;
    }

    private Secret checkHeader(ObjectNode header, Rejections reject) throws V2RequestRejectedException {
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw reject.of(Check.HEADER, V2Status.MALFORMED, "The request header has no \"alg\" string; set"
                    + " \"alg\" to \"HS256\".");
        }
        if (!alg.textValue().equals(V2Protocol.REQUEST_ALGORITHM)) {
            throw reject.of(Check.HEADER, V2Status.BAD_SIGNATURE, "The request header's alg is "
                    + V2Protocol.quote(alg.textValue()) + "; requests must be signed with exactly \"HS256\".");
        }
        JsonNode typ = header.get("typ");
        if (typ == null || !typ.isTextual() || !typ.textValue().equals(V2Protocol.REQUEST_TYPE)) {
            String received = typ == null ? "missing" : (typ.isTextual() ? V2Protocol.quote(typ.textValue())
                    : "a JSON " + typ.getNodeType().name().toLowerCase());
            throw reject.of(Check.HEADER, V2Status.MALFORMED, "The request header's typ is " + received
                    + "; set it to \"" + V2Protocol.REQUEST_TYPE + "\".");
        }
        JsonNode kid = header.get("kid");
        if (kid == null || !kid.isTextual()) {
            throw reject.of(Check.HEADER, V2Status.MALFORMED, "The request header has no \"kid\" string; set it to"
                    + " the client key id configured on the server.");
        }
        Secret hmacKey = hmacKeysById.get(kid.textValue());
        if (hmacKey == null) {
            throw reject.of(Check.HEADER, V2Status.BAD_SIGNATURE, "The client key id "
                    + V2Protocol.quote(kid.textValue()) + " is unknown to this server. Use a key id the server"
                    + " operator issued.");
        }
        return hmacKey;
    }

    private void checkIssuedAt(VerifiedV2Request request, Rejections reject) throws V2RequestRejectedException {
        long now = clock.instant().getEpochSecond();
        long issuedAt = request.issuedAtSeconds();
        if (issuedAt < now - allowedSkewSeconds || issuedAt > now + allowedSkewSeconds) {
            long offset = issuedAt - now;
            String direction = offset < 0 ? (-offset) + " s behind" : offset + " s ahead of";
            throw reject.withJti(request.jti()).of(Check.ISSUED_AT, V2Status.STALE_REQUEST, "The request's iat "
                    + issuedAt + " is " + direction + " the server time " + Instant.ofEpochSecond(now) + " (" + now
                    + "); the allowed skew is " + allowedSkewSeconds + " s either way. Set the client computer's"
                    + " clock to the correct time and retry.");
        }
    }

    /** Builds rejections that carry the request hash and, once known, the jti. */
    static final class Rejections {
        private final String requestHash;
        private String jti;

        Rejections(String requestHash) {
            this.requestHash = requestHash;
        }

        Rejections withJti(String jti) {
            this.jti = jti;
            return this;
        }

        V2RequestRejectedException of(Check check, V2Status status, String message) {
            return new V2RequestRejectedException(check, status, message, requestHash, jti);
        }
    }

    /** Reads and checks the payload claims of a request whose HMAC verified. */
    private static final class RequestClaims {
        private final V2Operation endpoint;
        private final Rejections reject;

        RequestClaims(V2Operation endpoint, Rejections reject) {
            this.endpoint = endpoint;
            this.reject = reject;
        }

        VerifiedV2Request read(byte[] payloadBytes, String requestHash, String keyId)
                throws V2RequestRejectedException {
            ObjectNode payload;
            try {
                payload = StrictJson.parseObject(payloadBytes);
            } catch (MalformedMessageException e) {
                throw malformed("The request payload is invalid: " + e.getMessage());
            }
            // Read jti first, so that later rejections can echo it when it is well formed.
            JsonNode jtiNode = payload.get("jti");
            if (jtiNode != null && jtiNode.isTextual() && isValidJti(jtiNode.textValue())) {
                reject.withJti(jtiNode.textValue());
            }

            String op = string(payload, "op");
            V2Operation operation = V2Operation.fromClaim(op).orElseThrow(() -> malformed("The claim op is "
                    + V2Protocol.quote(op) + "; use one of activate, validate, deactivate."));
            if (operation != endpoint) {
                throw malformed("The claim op is \"" + op + "\" but the request was sent to " + endpoint.path()
                        + ". Send it to " + operation.path() + ", or set op to \"" + endpoint.claim() + "\".");
            }
            boolean hasKey = payload.has("key");
            boolean hasCertificate = payload.has("cert");
            if (hasKey == hasCertificate) {
                throw malformed((hasKey ? "The request carries both claims key and cert"
                        : "The claim key is missing, and so is cert") + "; send exactly one: key with the product"
                        + " key, or cert with the license certificate the server issued for this machine (validate"
                        + " and deactivate only).");
            }
            String key = null;
            String certificate = null;
            if (hasKey) {
                key = string(payload, "key");
                if (key.isEmpty()) {
                    throw malformed("The claim key is empty; send the product key.");
                }
            } else {
                if (!operation.acceptsCertificate()) {
                    throw malformed("The claim cert is not accepted by " + operation.path() + ": a machine activates"
                            + " with the product key. Send the claim key instead.");
                }
                certificate = string(payload, "cert");
                if (certificate.isEmpty()) {
                    throw malformed("The claim cert is empty; send the license certificate the server issued for"
                            + " this machine, or the claim key with the product key.");
                }
            }
            String machine = string(payload, "machine");
            if (!V2Protocol.isValidMachine(machine)) {
                throw malformed("The claim machine " + V2Protocol.quote(machine) + " is invalid: use 1 to 128"
                        + " characters of A-Z a-z 0-9 . _ : -");
            }
            String app = string(payload, "app");
            if (!V2Protocol.isValidApp(app)) {
                throw malformed("The claim app " + V2Protocol.quote(app) + " is invalid: use 1 to 64 printable"
                        + " ASCII characters.");
            }
            String jti = string(payload, "jti");
            if (!isValidJti(jti)) {
                throw malformed("The claim jti " + V2Protocol.quote(jti) + " is invalid: use 256 random bits in"
                        + " base64url, exactly " + V2Protocol.JTI_CHARS + " characters.");
            }
            long issuedAt = integer(payload, "iat");
            return new VerifiedV2Request(keyId, operation, key, certificate, machine, app, jti, issuedAt, requestHash);
        }

        private String string(ObjectNode payload, String name) throws V2RequestRejectedException {
            try {
                return StrictJson.requireString(payload, name);
            } catch (MalformedMessageException e) {
                throw malformed("The request payload is invalid: " + e.getMessage());
            }
        }

        private long integer(ObjectNode payload, String name) throws V2RequestRejectedException {
            JsonNode value = payload.get(name);
            if (value == null) {
                throw malformed("The claim " + name + " is missing; send the time in whole seconds since 1970.");
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                String kind = value.isNumber() ? "a non-integer or out-of-range number"
                        : "a JSON " + value.getNodeType().name().toLowerCase();
                throw malformed("The claim " + name + " must be a JSON integer of seconds since 1970, but it is "
                        + kind + ".");
            }
            return value.longValue();
        }

        private V2RequestRejectedException malformed(String message) {
            return reject.of(Check.CLAIMS, V2Status.MALFORMED, message);
        }

        private static boolean isValidJti(String jti) {
            if (jti.length() != V2Protocol.JTI_CHARS) {
                return false;
            }
            try {
                return Base64Url.decode(jti, "jti").length == V2Protocol.JTI_BYTES;
            } catch (MalformedMessageException e) {
                return false;
            }
        }
    }

    /** Configures a {@link V2RequestVerifier}. */
    public static final class Builder {
        private final Map<String, Secret> hmacKeysById = new HashMap<>();
        private Clock clock = Clock.systemUTC();
        private Duration allowedSkew = V2Protocol.DEFAULT_ALLOWED_SKEW;

        private Builder() {
        }

        /**
         * Adds a client key: requests whose header {@code kid} is {@code keyId} must carry an
         * HMAC keyed with the key derived from {@code clientSecret}.
         *
         * @throws IllegalArgumentException if the key id is invalid or already added
         */
        public Builder clientKey(String keyId, Secret clientSecret) {
            V2RequestSigner.requireValidKeyId(keyId);
            Objects.requireNonNull(clientSecret, "clientSecret");
            if (hmacKeysById.containsKey(keyId)) {
                throw new IllegalArgumentException("The client key id " + V2Protocol.quote(keyId)
                        + " is added twice; give each client secret its own key id.");
            }
            hmacKeysById.put(keyId, V2Protocol.requestHmacKey(clientSecret));
            return this;
        }

        /** Sets the clock that {@code iat} is compared with; tests pass a fixed one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the skew allowed between {@code iat} and server time, either way, boundary
         * included; the default is 300 s.
         *
         * @throws IllegalArgumentException unless it is 1 s to 1 h in whole seconds
         */
        public Builder allowedSkew(Duration allowedSkew) {
            Objects.requireNonNull(allowedSkew, "allowedSkew");
            if (allowedSkew.getNano() != 0 || allowedSkew.getSeconds() < 1 || allowedSkew.getSeconds() > 3600) {
                throw new IllegalArgumentException("The allowed skew must be 1 s to 1 h in whole seconds, got "
                        + allowedSkew + ".");
            }
            this.allowedSkew = allowedSkew;
            return this;
        }

        /**
         * Builds the verifier.
         *
         * @throws IllegalStateException if no client key was added
         */
        public V2RequestVerifier build() {
            if (hmacKeysById.isEmpty()) {
                throw new IllegalStateException("No client key added. Call clientKey(keyId, secret) before build().");
            }
            return new V2RequestVerifier(this);
        }
    }
}
