package com.goodtalk.protocol.jose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.StrictJson;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The license server's Ed25519 private key, which signs every reply as a JWS with
 * {@code "alg":"EdDSA"} (RFC 8037).
 *
 * <p>The private key bytes leave this object only through {@link #toPkcs8Pem()}, for storing the
 * key in a file. {@link #toString()} prints the key id only.
 *
 * <pre>{@code
 * ServerSigningKey key = ServerSigningKey.fromPkcs8Pem(Files.readString(Path.of("server-key.pem")));
 * String jwks = JsonWebKeySet.of(key.publicKey()).toJson();
 * }</pre>
 */
public final class ServerSigningKey {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Ed25519PrivateKeyParameters privateKey;
    private final ServerPublicKey publicKey;

    private ServerSigningKey(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = ServerPublicKey.fromRaw(privateKey.generatePublicKey().getEncoded());
    }

    /** Generates a new key from a {@link SecureRandom}. */
    public static ServerSigningKey generate() {
        return new ServerSigningKey(new Ed25519PrivateKeyParameters(RANDOM));
    }

    /**
     * Reads an unencrypted PKCS#8 {@code PRIVATE KEY} PEM block, as
     * {@code openssl genpkey -algorithm ed25519} writes it. A public key embedded in the
     * structure (PKCS#8 v2) must match the private key.
     *
     * @throws IllegalArgumentException if the text is not exactly one Ed25519 private key block
     */
    public static ServerSigningKey fromPkcs8Pem(String pem) {
        Ed25519Encoding.PrivateKeyBytes bytes = Ed25519Encoding.readPrivateKeyPem(Objects.requireNonNull(pem, "pem"));
        try {
            ServerSigningKey key = fromRawPrivateKey(bytes.privateKey());
            if (bytes.publicKey() != null && !MessageDigest.isEqual(bytes.publicKey(), key.publicKey.raw())) {
                throw new IllegalArgumentException("The public key stored in the PKCS#8 structure does not belong"
                        + " to its private key. Regenerate the file with: openssl genpkey -algorithm ed25519");
            }
            return key;
        } finally {
            Arrays.fill(bytes.privateKey(), (byte) 0);
        }
    }

    /** Creates a key from the 32-byte private key (RFC 8032 seed), for published test vectors. */
    static ServerSigningKey fromRawPrivateKey(byte[] privateKey) {
        if (privateKey.length != Ed25519Encoding.KEY_BYTES) {
            throw new IllegalArgumentException("An Ed25519 private key has " + Ed25519Encoding.KEY_BYTES
                    + " bytes, got " + privateKey.length + ".");
        }
        return new ServerSigningKey(new Ed25519PrivateKeyParameters(privateKey, 0));
    }

    /** Returns the matching public key, which clients pin. */
    public ServerPublicKey publicKey() {
        return publicKey;
    }

    /** Returns the key as an unencrypted PKCS#8 v1 {@code PRIVATE KEY} PEM block. Store it readable by the server only. */
    public String toPkcs8Pem() {
        byte[] raw = privateKey.getEncoded();
        try {
            return Ed25519Encoding.privateKeyPem(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * Signs {@code payload} as a compact JWS with the header
     * {@code {"alg":"EdDSA","typ":type,"kid":thumbprint}}. The key fixes the algorithm and the key
     * id, so a caller cannot label a signature with the wrong ones.
     *
     * @param type    the {@code typ} header value, such as {@code goodtalk-reply+jwt}
     * @param payload the exact payload bytes
     */
    public String signJws(String type, byte[] payload) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        ObjectNode header = StrictJson.mapper().createObjectNode();
        header.put("alg", "EdDSA");
        header.put("typ", type);
        header.put("kid", publicKey.thumbprint());
        try {
            return CompactJws.serialize(StrictJson.mapper().writeValueAsBytes(header), payload, this::sign);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a JWS header of strings", e);
        }
    }

    /** Computes the 64-byte Ed25519 signature of {@code message}. */
    byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** Prints the key id only, never key material. */
    @Override
    public String toString() {
        return "ServerSigningKey[Ed25519, kid=" + publicKey.thumbprint() + "]";
    }
}
