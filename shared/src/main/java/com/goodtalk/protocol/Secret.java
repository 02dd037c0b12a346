package com.goodtalk.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A symmetric secret shared by a client and the license server.
 *
 * <p>The bytes never leave this object: callers ask it to compute or check an HMAC instead.
 * {@link #toString()} prints no key material, so a secret that reaches a log by accident
 * leaks nothing.
 *
 * <pre>{@code
 * Secret secret = Secret.ofUtf8(System.getenv("GOODTALK_V1_SECRET"));
 * byte[] mac = secret.hmacSha256(message);
 * }</pre>
 */
public final class Secret {

    /** The secret of the original proof of concept. It is public, so it only suits demos. */
    private static final String PROOF_OF_CONCEPT_SECRET = "PleaseDontFindMe!";

    private static final String HMAC_SHA256 = "HmacSHA256";

    private final byte[] bytes;
    private final boolean demo;

    private Secret(byte[] bytes, boolean demo) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("The secret is empty. Provide at least one byte, ideally 32 random bytes.");
        }
        this.bytes = bytes.clone();
        this.demo = demo;
    }

    /**
     * Creates a secret from the UTF-8 bytes of a text, as the v1 protocol defines its key.
     *
     * @throws IllegalArgumentException if the text is empty
     */
    public static Secret ofUtf8(String text) {
        Objects.requireNonNull(text, "text");
        return new Secret(text.getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * Creates a secret from raw bytes. The array is copied, so the caller may wipe its own copy.
     *
     * @throws IllegalArgumentException if the array is empty
     */
    public static Secret ofBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new Secret(bytes, false);
    }

    /**
     * Returns the secret of the original proof of concept, which every copy of that client
     * contains. Use it only for demos: anyone who has the secret can forge v1 replies.
     * Callers should warn their users whenever it is in use (see {@link #isProofOfConceptDemo()}).
     */
    public static Secret proofOfConceptDemo() {
        return new Secret(PROOF_OF_CONCEPT_SECRET.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Tells whether this is the public proof-of-concept secret, so callers can warn about it. */
    public boolean isProofOfConceptDemo() {
        return demo || MessageDigest.isEqual(bytes, PROOF_OF_CONCEPT_SECRET.getBytes(StandardCharsets.UTF_8));
    }

    /** Computes HMAC-SHA256 of {@code message} keyed with this secret. */
    public byte[] hmacSha256(byte[] message) {
        Objects.requireNonNull(message, "message");
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(bytes, HMAC_SHA256));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide HmacSHA256, so this means a broken runtime.
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        }
    }

    /**
     * Checks in constant time whether {@code expectedMac} is the HMAC-SHA256 of {@code message}.
     * The time taken does not depend on how many leading bytes match.
     */
    public boolean verifyHmacSha256(byte[] message, byte[] expectedMac) {
        Objects.requireNonNull(expectedMac, "expectedMac");
        return MessageDigest.isEqual(hmacSha256(message), expectedMac);
    }

    /** Prints the length only: the bytes stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "Secret[" + bytes.length + " bytes" + (demo ? ", proof-of-concept demo" : "") + "]";
    }

    /** Compares in constant time, so that equality checks leak no prefix length. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret && MessageDigest.isEqual(bytes, ((Secret) other).bytes);
    }

    @Override
    public int hashCode() {
        // A constant hash keeps the bytes out of any hash-based side channel; secrets are not map keys.
        return Secret.class.hashCode();
    }

    /** Overwrites the bytes for callers that want to end the secret's life early. */
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
    }
}
