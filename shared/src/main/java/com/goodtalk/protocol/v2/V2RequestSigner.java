package com.goodtalk.protocol.v2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.jose.CompactJws;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Builds and signs v2 requests on the client: an HS256 compact JWS keyed with the HKDF-derived
 * request key, carrying a fresh 256-bit {@code jti} and the current time as {@code iat}.
 *
 * <pre>{@code
 * V2RequestSigner signer = new V2RequestSigner("desktop-1", clientSecret, Clock.systemUTC());
 * V2Request request = signer.sign(V2Operation.ACTIVATE, "APENL-4N9L1-2KA9D-3JX0-44LSK", machineId, "GoodTalk 1.0");
 * httpPost(V2Operation.ACTIVATE.path(), request.body());
 * }</pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class V2RequestSigner {

    /** Three non-empty base64url parts joined by dots, the shape of a license certificate. */
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private final String keyId;
    private final Secret hmacKey;
    private final Clock clock;
    private final Supplier<String> jtiSource;

    /**
     * Creates a signer.
     *
     * @param keyId        the client key id the server knows this secret by: 1 to 128 printable ASCII
     *                     characters without spaces
     * @param clientSecret the secret shared with the server; the signer derives the HMAC key from it
     * @param clock        the clock that stamps {@code iat}
     * @throws IllegalArgumentException if the key id is not valid
     */
    public V2RequestSigner(String keyId, Secret clientSecret, Clock clock) {
        this(keyId, clientSecret, clock, () -> Nonces.randomUrlSafe(V2Protocol.JTI_BYTES));
    }

    /**
     * Creates a signer whose {@code jti} values come from {@code jtiSource} instead of
     * {@link java.security.SecureRandom}. Only the worked-example test uses it, to publish one
     * reproducible exchange; a predictable {@code jti} defeats the replay check.
     */
    V2RequestSigner(String keyId, Secret clientSecret, Clock clock, Supplier<String> jtiSource) {
        this.keyId = requireValidKeyId(keyId);
        this.hmacKey = V2Protocol.requestHmacKey(Objects.requireNonNull(clientSecret, "clientSecret"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jtiSource = Objects.requireNonNull(jtiSource, "jtiSource");
    }

    /**
     * Signs a request.
     *
     * @param operation  the operation; it picks the endpoint too
     * @param productKey the product key, sent as given (callers strip whitespace first)
     * @param machine    the machine fingerprint: 1 to 128 characters of {@code A-Z a-z 0-9 . _ : -}
     * @param app        the client name and version: 1 to 64 printable ASCII characters
     * @throws IllegalArgumentException if a value breaks its rule, or the body would exceed 16 KiB
     */
    public V2Request sign(V2Operation operation, String productKey, String machine, String app) {
        Objects.requireNonNull(operation, "operation");
        requireValidProductKey(productKey);
        requireValidMachineAndApp(machine, app);
        return sign(operation, "key", productKey, machine, app);
    }

    /**
     * Signs a validate or deactivate request that names the license by the license certificate
     * the server issued for this machine ({@code cert} claim) instead of the product key, so a
     * client that does not store the key can re-validate. The server verifies the certificate;
     * its re-validate-by and expiry times do not stop the request.
     *
     * @param operation   {@link V2Operation#VALIDATE} or {@link V2Operation#DEACTIVATE}
     * @param certificate the certificate's compact JWS as the server issued it
     * @param machine     the machine fingerprint, which must equal the certificate's {@code machine}
     * @param app         the client name and version: 1 to 64 printable ASCII characters
     * @throws IllegalArgumentException if the operation is activate, the certificate is not a compact
     *                                  JWS, a value breaks its rule, or the body would exceed 16 KiB
     */
    public V2Request signWithCertificate(V2Operation operation, String certificate, String machine, String app) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(certificate, "certificate");
        if (!operation.acceptsCertificate()) {
            throw new IllegalArgumentException("A request to " + operation.claim() + " cannot name the license by"
                    + " certificate; send the product key with sign(...).");
        }
        if (!COMPACT_JWS.matcher(certificate).matches()) {
            throw new IllegalArgumentException("The license certificate is not a compact JWS (three base64url parts"
                    + " joined by dots); it has " + certificate.length() + " characters. Pass the stored certificate"
                    + " text, not a product key.");
        }
        requireValidMachineAndApp(machine, app);
        return sign(operation, "cert", certificate, machine, app);
    }

    /** Signs a request whose license is named by {@code credentialClaim}: {@code key} or {@code cert}. */
    private V2Request sign(V2Operation operation, String credentialClaim, String credential, String machine,
                           String app) {
        String jti = jtiSource.get();
        long issuedAt = clock.instant().getEpochSecond();

        ObjectNode header = StrictJson.mapper().createObjectNode();
        header.put("alg", V2Protocol.REQUEST_ALGORITHM);
        header.put("typ", V2Protocol.REQUEST_TYPE);
        header.put("kid", keyId);
        ObjectNode payload = payload(operation, credentialClaim, credential, machine, app, jti, issuedAt);

        byte[] headerJson = writeJson(header);
        byte[] payloadJson = writeJson(payload);
        String body = CompactJws.serialize(headerJson, payloadJson, hmacKey::hmacSha256);
        boolean byKey = credentialClaim.equals("key");
        if (body.length() > V2Protocol.MAX_REQUEST_BYTES) {
            String credentialName = byKey ? "product key" : "license certificate";
            throw new IllegalArgumentException("The signed request has " + body.length() + " bytes, more than the"
                    + " server accepts (" + V2Protocol.MAX_REQUEST_BYTES + "). The " + credentialName + " has "
                    + credential.length() + " characters; check that the right text was used as the "
                    + credentialName + ".");
        }
        String payloadText = new String(payloadJson, StandardCharsets.UTF_8);
        String displayPayload = byKey ? payloadText : new String(writeJson(payload(operation, credentialClaim,
                shorten(credential), machine, app, jti, issuedAt)), StandardCharsets.UTF_8);
        return new V2Request(operation, keyId, byKey ? credential : null, byKey ? null : credential, machine, app, jti,
                issuedAt, new String(headerJson, StandardCharsets.UTF_8), payloadText, displayPayload, body);
    }

    private static ObjectNode payload(V2Operation operation, String credentialClaim, String credential,
                                      String machine, String app, String jti, long issuedAt) {
        ObjectNode payload = StrictJson.mapper().createObjectNode();
        payload.put("op", operation.claim());
        payload.put(credentialClaim, credential);
        payload.put("machine", machine);
        payload.put("app", app);
        payload.put("jti", jti);
        payload.put("iat", issuedAt);
        return payload;
    }

    /** Shortens a certificate for the trace to its first 16 and last 8 characters and its length. */
    static String shorten(String certificate) {
        if (certificate.length() <= 40) {
            return certificate;
        }
        return certificate.substring(0, 16) + "..." + certificate.substring(certificate.length() - 8) + " ("
                + certificate.length() + " characters)";
    }

    static String requireValidKeyId(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        if (keyId.isEmpty() || keyId.length() > 128 || !keyId.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new IllegalArgumentException("The client key id " + V2Protocol.quote(keyId) + " is invalid: use 1"
                    + " to 128 printable ASCII characters without spaces, as configured on the server.");
        }
        return keyId;
    }

    private static void requireValidProductKey(String productKey) {
        Objects.requireNonNull(productKey, "productKey");
        if (productKey.isEmpty()) {
            throw new IllegalArgumentException("The product key is empty. Enter the key printed on your license.");
        }
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(productKey)) {
            throw new IllegalArgumentException("The product key contains an unpaired UTF-16 surrogate, which UTF-8"
                    + " cannot encode. Enter the key again as plain text.");
        }
    }

    private static void requireValidMachineAndApp(String machine, String app) {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(app, "app");
        if (!V2Protocol.isValidMachine(machine)) {
            throw new IllegalArgumentException("The machine fingerprint " + V2Protocol.quote(machine) + " is invalid:"
                    + " use 1 to 128 characters of A-Z a-z 0-9 . _ : -");
        }
        if (!V2Protocol.isValidApp(app)) {
            throw new IllegalArgumentException("The app name " + V2Protocol.quote(app) + " is invalid: use 1 to 64"
                    + " printable ASCII characters, such as \"GoodTalk Desktop 1.0\".");
        }
    }

    private static byte[] writeJson(ObjectNode node) {
        try {
            return StrictJson.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write JSON of strings and numbers", e);
        }
    }

    /** Prints the key id only. */
    @Override
    public String toString() {
        return "V2RequestSigner[kid=" + keyId + "]";
    }
}
