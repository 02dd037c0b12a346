package com.goodtalk.protocol.jose;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * PEM and DER encodings of Ed25519 keys as OpenSSL 3 writes them: PKCS#8 {@code PRIVATE KEY}
 * and X.509 {@code PUBLIC KEY} (SubjectPublicKeyInfo), both with the algorithm id-Ed25519 and
 * no parameters (RFC 8410).
 */
final class Ed25519Encoding {

    /** The object identifier id-Ed25519 (RFC 8410 section 3). */
    static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    static final int KEY_BYTES = 32;

    private static final String PRIVATE_KEY_LABEL = "PRIVATE KEY";
    private static final String PUBLIC_KEY_LABEL = "PUBLIC KEY";
    private static final String GENERATE_HINT = " Generate a key with: openssl genpkey -algorithm ed25519 -out server-key.pem";

    private Ed25519Encoding() {
    }

    /** Encodes a 32-byte private key as PKCS#8 v1 PEM without the optional public key, as {@code openssl genpkey} does. */
    static String privateKeyPem(byte[] privateKey) {
        try {
            byte[] der = new PrivateKeyInfo(new AlgorithmIdentifier(ID_ED25519), new DEROctetString(privateKey))
                    .getEncoded(ASN1Encoding.DER);
            return pem(PRIVATE_KEY_LABEL, der);
        } catch (IOException e) {
            // DER-encoding an in-memory structure does not do I/O; failing here means a broken BouncyCastle.
            throw new IllegalStateException("Could not DER-encode the Ed25519 private key", e);
        }
    }

    /** Encodes a 32-byte public key as SubjectPublicKeyInfo PEM. */
    static String publicKeyPem(byte[] publicKey) {
        try {
            byte[] der = new SubjectPublicKeyInfo(new AlgorithmIdentifier(ID_ED25519), publicKey)
                    .getEncoded(ASN1Encoding.DER);
            return pem(PUBLIC_KEY_LABEL, der);
        } catch (IOException e) {
            throw new IllegalStateException("Could not DER-encode the Ed25519 public key", e);
        }
    }

    /** Holds the key bytes read from a PKCS#8 structure; {@code publicKey} is null when absent. */
    record PrivateKeyBytes(byte[] privateKey, byte[] publicKey) {
    }

    /**
     * Reads an unencrypted PKCS#8 Ed25519 private key from PEM text.
     *
     * @throws IllegalArgumentException naming what was found and how to produce a usable key
     */
    static PrivateKeyBytes readPrivateKeyPem(String pem) {
        byte[] der = readSinglePem(pem, PRIVATE_KEY_LABEL);
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(der);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The PRIVATE KEY block is not valid PKCS#8 DER." + GENERATE_HINT, e);
        }
        requireEd25519(info.getPrivateKeyAlgorithm(), "private");
        byte[] privateKey;
        try {
            privateKey = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("The Ed25519 private key inside the PKCS#8 structure is not an"
                    + " OCTET STRING." + GENERATE_HINT, e);
        }
        if (privateKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("The Ed25519 private key has " + privateKey.length
                    + " bytes; expected " + KEY_BYTES + "." + GENERATE_HINT);
        }
        byte[] publicKey = info.getPublicKeyData() == null ? null : info.getPublicKeyData().getOctets();
        return new PrivateKeyBytes(privateKey, publicKey);
    }

    /**
     * Reads an Ed25519 SubjectPublicKeyInfo from PEM text and returns the 32 raw key bytes.
     *
     * @throws IllegalArgumentException naming what was found and how to produce a usable key
     */
    static byte[] readPublicKeyPem(String pem) {
        byte[] der = readSinglePem(pem, PUBLIC_KEY_LABEL);
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(der);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The PUBLIC KEY block is not valid SubjectPublicKeyInfo DER."
                    + " Export the public key with: openssl pkey -in server-key.pem -pubout", e);
        }
        requireEd25519(info.getAlgorithm(), "public");
        byte[] publicKey = info.getPublicKeyData().getOctets();
        if (publicKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("The Ed25519 public key has " + publicKey.length
                    + " bytes; expected " + KEY_BYTES + ".");
        }
        return publicKey;
    }

    private static void requireEd25519(AlgorithmIdentifier algorithm, String kind) {
        if (!ID_ED25519.equals(algorithm.getAlgorithm())) {
            throw new IllegalArgumentException("The " + kind + " key has the algorithm "
                    + algorithm.getAlgorithm().getId() + "; only Ed25519 (" + ID_ED25519.getId() + ") is supported."
                    + (kind.equals("private") ? GENERATE_HINT : ""));
        }
        if (algorithm.getParameters() != null) {
            throw new IllegalArgumentException("The Ed25519 algorithm identifier carries parameters; RFC 8410"
                    + " requires them to be absent.");
        }
    }

    private static byte[] readSinglePem(String pem, String expectedLabel) {
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            PemObject object = reader.readPemObject();
            if (object == null) {
                throw new IllegalArgumentException("The text contains no PEM block; expected one starting with"
                        + " -----BEGIN " + expectedLabel + "-----.");
            }
            if (!object.getType().equals(expectedLabel)) {
                String hint = object.getType().startsWith("ENCRYPTED")
                        ? " Decrypt it first with: openssl pkey -in encrypted.pem -out server-key.pem"
                        : (expectedLabel.equals(PRIVATE_KEY_LABEL) ? GENERATE_HINT : "");
                throw new IllegalArgumentException("The PEM block is \"" + object.getType() + "\"; expected \""
                        + expectedLabel + "\"." + hint);
            }
            if (reader.readPemObject() != null) {
                throw new IllegalArgumentException("The text contains more than one PEM block; put exactly one "
                        + expectedLabel + " block in it.");
            }
            return object.getContent();
        } catch (IOException e) {
            throw new IllegalArgumentException("The PEM text cannot be read: " + e.getMessage()
                    + ". Check the BEGIN and END lines and the base64 between them.", e);
        }
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
