package com.goodtalk.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

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

    /** The largest HKDF-SHA256 output: 255 blocks of 32 bytes (RFC 5869 section 2.3). */
    static final int MAX_HKDF_SHA256_BYTES = 255 * 32;

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

    /**
     * Derives a new secret with HKDF-SHA256 (RFC 5869): this secret is the input keying material,
     * the salt is empty and {@code info} is the context, as ASCII bytes. Different {@code info}
     * texts give unrelated keys, so one client secret can key several protocols without the keys
     * ever coinciding.
     *
     * @param info   the context text, printable ASCII, for example {@code "GoodTalk protocol v2 request HMAC-SHA256"}
     * @param length the output size in bytes, 1 to 8160
     * @throws IllegalArgumentException if {@code info} is not ASCII or {@code length} is out of range
     */
    public Secret deriveHkdfSha256(String info, int length) {
        Objects.requireNonNull(info, "info");
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(info)) {
            throw new IllegalArgumentException("The HKDF info \"" + info + "\" contains non-ASCII characters."
                    + " Use ASCII text so that every implementation derives the same bytes.");
        }
        byte[] derived = hkdfSha256(bytes, new byte[0], info.getBytes(StandardCharsets.US_ASCII), length);
        try {
            return new Secret(derived, false);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /** Computes HKDF-SHA256 with BouncyCastle; the caller owns and should wipe the result. */
    static byte[] hkdfSha256(byte[] inputKeyMaterial, byte[] salt, byte[] info, int length) {
        if (length < 1 || length > MAX_HKDF_SHA256_BYTES) {
            throw new IllegalArgumentException("The HKDF-SHA256 output length must be 1 to " + MAX_HKDF_SHA256_BYTES
                    + " bytes, got " + length + ".");
        }
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(new HKDFParameters(inputKeyMaterial, salt, info));
        byte[] output = new byte[length];
        generator.generateBytes(output, 0, length);
        return output;
    }

    /**
     * Returns a copy of the bytes. Only tests in this package use it, to check derivations against
     * published vectors and to hand keys to a second JOSE library; production code never needs it.
     */
    byte[] copyBytesForTests() {
        return bytes.clone();
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
