package com.goodtalk.protocol.v1;

import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.StrictJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The proof-of-concept wire protocol ("v1"), byte for byte as deployed clients speak it.
 *
 * <p>A request is {@code {"key", "nonce", "version", "hmac"}} where {@code hmac} is lower-case
 * hex HMAC-SHA256, keyed with the shared {@link Secret}, over the Python {@code json.dumps}
 * text of the first three members. A successful reply echoes the four request members and
 * adds {@code serverNonce} and {@code serverSignature}, an HMAC over the first five members.
 * Error replies carry no signature at all.
 *
 * <p>v1 has known weaknesses: the one shared secret sits in every client, requests carry no
 * time, and error replies are unsigned. It stays for existing clients only.
 */
public final class V1Protocol {

    /** The path of the activation endpoint. */
    public static final String AUTHENTICATE_PATH = "/authenticate";

    /** The path of the health endpoint. */
    public static final String HEALTH_PATH = "/health";

    /** The only client version the reference server accepts. */
    public static final String REFERENCE_CLIENT_VERSION = "0.0.1";

    /** The error of a reply to an unparseable request or a request whose HMAC does not verify. */
    public static final String ERROR_NOT_ALLOWED = "Not Allowed";

    /** The error of a reply to a correctly signed request from a version the server does not accept. */
    public static final String ERROR_VERSION_NOT_ALLOWED = "version_not_allowed";

    /** The error of a reply to a correctly signed request with an unknown product key. */
    public static final String ERROR_KEY_INVALID = "key_invalid";

    private static final HexFormat HEX = HexFormat.of();

    private V1Protocol() {
    }

    /** Returns the request signing text: {@code json.dumps} of key, nonce and version. */
    public static String requestSigningText(String key, String nonce, String version) {
        return new PythonJsonText()
                .member("key", key)
                .member("nonce", nonce)
                .member("version", version)
                .close();
    }

    /** Returns the reply signing text: {@code json.dumps} of the echoed request and the server nonce. */
    public static String replySigningText(String key, String nonce, String version, String hmac, String serverNonce) {
        return new PythonJsonText()
                .member("key", key)
                .member("nonce", nonce)
                .member("version", version)
                .member("hmac", hmac)
                .member("serverNonce", serverNonce)
                .close();
    }

    /** Returns lower-case hex HMAC-SHA256 of the UTF-8 bytes of {@code signingText}. */
    public static String hmacHex(Secret secret, String signingText) {
        Objects.requireNonNull(secret, "secret");
        return HEX.formatHex(secret.hmacSha256(signingText.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Checks in constant time whether {@code receivedHex} is the HMAC of {@code signingText}.
     * Upper-case hex, wrong lengths and non-hex text never match.
     */
    public static boolean hmacMatches(Secret secret, String signingText, String receivedHex) {
        Objects.requireNonNull(receivedHex, "receivedHex");
        byte[] received = receivedHex.getBytes(StandardCharsets.UTF_8);
        byte[] expected = hmacHex(secret, signingText).getBytes(StandardCharsets.UTF_8);
        // Comparing the hex text rather than decoded bytes keeps upper-case hex a mismatch, as in the reference.
        return java.security.MessageDigest.isEqual(expected, received);
    }

    /** Builds a signed request for {@code key} with the given nonce and version. */
    public static V1Request signRequest(Secret secret, String key, String nonce, String version) {
        String hmac = hmacHex(secret, requestSigningText(key, nonce, version));
        return new V1Request(key, nonce, version, hmac);
    }

    /** Builds the signed reply to {@code request} with the server's nonce. */
    public static V1Reply signReply(Secret secret, V1Request request, String serverNonce) {
        String signingText = replySigningText(request.key(), request.nonce(), request.version(), request.hmac(),
                serverNonce);
        return new V1Reply(request.key(), request.nonce(), request.version(), request.hmac(), serverNonce,
                hmacHex(secret, signingText));
    }

    /**
     * Parses a request body. Members other than the four are ignored, as the reference server does.
     *
     * @throws MalformedMessageException if the body is not one JSON object with the four members as strings,
     *                                   or has a duplicate member
     */
    public static V1Request parseRequest(byte[] body) throws MalformedMessageException {
        ObjectNode object = StrictJson.parseObject(body);
        return new V1Request(
                StrictJson.requireString(object, "key"),
                StrictJson.requireString(object, "nonce"),
                StrictJson.requireString(object, "version"),
                StrictJson.requireString(object, "hmac"));
    }

    /**
     * Parses a successful reply body. This reads the members only; it verifies nothing.
     *
     * @throws MalformedMessageException if the body is not one JSON object with the six members as strings,
     *                                   or has a duplicate member
     */
    public static V1Reply parseReply(byte[] body) throws MalformedMessageException {
        ObjectNode object = StrictJson.parseObject(body);
        return new V1Reply(
                StrictJson.requireString(object, "key"),
                StrictJson.requireString(object, "nonce"),
                StrictJson.requireString(object, "version"),
                StrictJson.requireString(object, "hmac"),
                StrictJson.requireString(object, "serverNonce"),
                StrictJson.requireString(object, "serverSignature"));
    }

    /** Returns an error body, for example {@code {"error": "key_invalid"}}. */
    public static String errorBody(String error) {
        return new PythonJsonText().member("error", error).close();
    }

    /** Returns the health body, {@code {"status": "Still Alive"}}. */
    public static String healthBody() {
        return new PythonJsonText().member("status", "Still Alive").close();
    }
}
