package com.goodtalk.protocol.v2;

import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.jose.Base64Url;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Constants and shared rules of the hardened wire protocol ("v2").
 *
 * <p>Both directions are compact JWS. Requests are HS256 with a key derived from the client
 * secret; replies, errors included, are EdDSA (Ed25519) signed by the server and bound to the
 * exact request bytes by the {@code req} claim.
 */
public final class V2Protocol {

    /** The media type of every v2 request and reply body. */
    public static final String CONTENT_TYPE = "application/jose";

    /** The path of the JWKS endpoint ({@code GET}). */
    public static final String KEYS_PATH = "/v2/keys";

    /** The largest request body the server reads: 16 KiB. */
    public static final int MAX_REQUEST_BYTES = 16 * 1024;

    /** The default clock skew allowed between a request's {@code iat} and server time, either way. */
    public static final Duration DEFAULT_ALLOWED_SKEW = Duration.ofSeconds(300);

    /** The {@code typ} header of requests. */
    public static final String REQUEST_TYPE = "goodtalk-request+jwt";

    /** The {@code typ} header of replies. */
    public static final String REPLY_TYPE = "goodtalk-reply+jwt";

    /** The only request {@code alg}. */
    static final String REQUEST_ALGORITHM = "HS256";

    /** The only reply {@code alg}. */
    public static final String REPLY_ALGORITHM = "EdDSA";

    /** The HKDF info that derives the request HMAC key from the client secret. */
    static final String REQUEST_HMAC_INFO = "GoodTalk protocol v2 request HMAC-SHA256";

    /** The size of the derived request HMAC key in bytes. */
    static final int REQUEST_HMAC_KEY_BYTES = 32;

    /** The length of a {@code jti}: 256 random bits in base64url. */
    static final int JTI_CHARS = 43;

    static final int JTI_BYTES = 32;

    static final Pattern MACHINE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    static final int MAX_APP_CHARS = 64;

    private V2Protocol() {
    }

    /** Returns the {@code req} claim for a request body: base64url(SHA-256(body)). */
    public static String requestHash(byte[] requestBody) {
        Objects.requireNonNull(requestBody, "requestBody");
        try {
            return Base64Url.encode(MessageDigest.getInstance("SHA-256").digest(requestBody));
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE runtime must provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }

    /** Derives the request HMAC key from a client secret with HKDF-SHA256, so it never equals the v1 secret. */
    static Secret requestHmacKey(Secret clientSecret) {
        return clientSecret.deriveHkdfSha256(REQUEST_HMAC_INFO, REQUEST_HMAC_KEY_BYTES);
    }

    /** Tells whether {@code app} is 1 to 64 printable ASCII characters (space to tilde). */
    static boolean isValidApp(String app) {
        if (app.isEmpty() || app.length() > MAX_APP_CHARS) {
            return false;
        }
        return app.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    /** Tells whether {@code machine} is 1 to 128 characters of {@code A-Z a-z 0-9 . _ : -}. */
    static boolean isValidMachine(String machine) {
        return MACHINE.matcher(machine).matches();
    }

    /** Quotes a received value for an error message, cut to 64 characters so replies stay small. */
    static String quote(String value) {
        String shown = value.length() <= 64 ? value : value.substring(0, 64) + "...";
        return "\"" + shown + "\"";
    }
}
