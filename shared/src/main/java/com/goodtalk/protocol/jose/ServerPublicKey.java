package com.goodtalk.protocol.jose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.StrictJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The license server's Ed25519 public key (RFC 8037), which clients pin to verify replies.
 *
 * <p>Its key id is the RFC 7638 thumbprint, so a key id can never point at a different key.
 * Instances are immutable and safe to share between threads.
 */
public final class ServerPublicKey {

    private final byte[] raw;
    private final Ed25519PublicKeyParameters parameters;
    private final String thumbprint;

    private ServerPublicKey(byte[] raw) {
        if (raw.length != Ed25519Encoding.KEY_BYTES) {
            throw new IllegalArgumentException("An Ed25519 public key has " + Ed25519Encoding.KEY_BYTES
                    + " bytes, got " + raw.length + ".");
        }
        this.raw = raw.clone();
        try {
            this.parameters = new Ed25519PublicKeyParameters(this.raw, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The 32 bytes are not a valid Ed25519 public key: " + e.getMessage(), e);
        }
        this.thumbprint = computeThumbprint(Base64Url.encode(this.raw));
    }

    /**
     * Creates a key from its 32 raw bytes (the JWK {@code x} value, decoded).
     *
     * @throws IllegalArgumentException if the array does not hold 32 bytes
     */
    public static ServerPublicKey fromRaw(byte[] raw) {
        return new ServerPublicKey(Objects.requireNonNull(raw, "raw"));
    }

    /**
     * Reads a {@code PUBLIC KEY} PEM block (X.509 SubjectPublicKeyInfo), as
     * {@code openssl pkey -in server-key.pem -pubout} prints it.
     *
     * @throws IllegalArgumentException if the text is not exactly one Ed25519 public key block
     */
    public static ServerPublicKey fromPem(String pem) {
        return new ServerPublicKey(Ed25519Encoding.readPublicKeyPem(Objects.requireNonNull(pem, "pem")));
    }

    /** Returns a copy of the 32 raw key bytes. */
    public byte[] raw() {
        return raw.clone();
    }

    /** Returns the RFC 7638 JWK thumbprint (SHA-256, base64url), which is also the key id ({@code kid}). */
    public String thumbprint() {
        return thumbprint;
    }

    /**
     * Returns the public JWK: {@code {"kty":"OKP","crv":"Ed25519","x":...,"kid":...,"use":"sig","alg":"EdDSA"}}.
     */
    public String toJwk() {
        try {
            return StrictJson.mapper().writeValueAsString(jwkNode());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a JWK of strings", e);
        }
    }

    /** Returns the key as a {@code PUBLIC KEY} PEM block (SubjectPublicKeyInfo), which OpenSSL reads. */
    public String toPem() {
        return Ed25519Encoding.publicKeyPem(raw);
    }

    /**
     * Verifies an Ed25519 signature (RFC 8032) over {@code message}. BouncyCastle rejects
     * signatures of the wrong length and non-canonical ones, so one message has one valid signature.
     */
    public boolean verifySignature(byte[] message, byte[] signature) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signature, "signature");
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, parameters);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    ObjectNode jwkNode() {
        ObjectNode jwk = StrictJson.mapper().createObjectNode();
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("x", Base64Url.encode(raw));
        jwk.put("kid", thumbprint);
        jwk.put("use", "sig");
        jwk.put("alg", "EdDSA");
        return jwk;
    }

    /**
     * Computes the RFC 7638 thumbprint: SHA-256 over the required members in lexicographic order
     * with no whitespace. The {@code x} value is base64url, so it needs no JSON escaping.
     */
    static String computeThumbprint(String x) {
        String canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.US_ASCII));
            return Base64Url.encode(digest);
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE runtime must provide SHA-256.
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerPublicKey && Arrays.equals(raw, ((ServerPublicKey) other).raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    /** Prints the key id, which is public. */
    @Override
    public String toString() {
        return "ServerPublicKey[Ed25519, kid=" + thumbprint + "]";
    }
}
