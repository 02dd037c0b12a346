package com.goodtalk.protocol.jose;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A JWS in compact serialization (RFC 7515 section 7.1), parsed but <em>not verified</em>.
 *
 * <p>{@link #parse(byte[])} checks the syntax only: three non-empty parts of canonical
 * base64url joined by dots, and a header that is one strict JSON object without duplicate
 * members. It does not parse the payload, so a verifier can check the header and the signature
 * over {@link #signingInput()} before any JSON parser reads the claims.
 *
 * <pre>{@code
 * CompactJws jws = CompactJws.parse(body);
 * if (!"EdDSA".equals(jws.header().path("alg").textValue())) { ... reject ... }
 * boolean valid = publicKey.verifySignature(jws.signingInput(), jws.signature());
 * }</pre>
 */
public final class CompactJws {

    private final String encodedHeader;
    private final String encodedPayload;
    private final String encodedSignature;
    private final byte[] headerJson;
    private final ObjectNode header;
    private final byte[] payload;
    private final byte[] signature;

    private CompactJws(String encodedHeader, String encodedPayload, String encodedSignature, byte[] headerJson,
                       ObjectNode header, byte[] payload, byte[] signature) {
        this.encodedHeader = encodedHeader;
        this.encodedPayload = encodedPayload;
        this.encodedSignature = encodedSignature;
        this.headerJson = headerJson;
        this.header = header;
        this.payload = payload;
        this.signature = signature;
    }

    /**
     * Parses a compact JWS.
     *
     * @throws MalformedMessageException if the body does not have exactly three non-empty parts of
     *                                   canonical base64url
     * @throws InvalidJwsHeaderException if the header is not one JSON object without duplicate
     *                                   members, or has a {@code crit} member (no JWS extension is
     *                                   implemented here)
     */
    public static CompactJws parse(byte[] body) throws MalformedMessageException {
        Objects.requireNonNull(body, "body");
        String text = asciiText(body);
        int firstDot = text.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : text.indexOf('.', firstDot + 1);
        if (firstDot < 0 || secondDot < 0 || text.indexOf('.', secondDot + 1) >= 0) {
            long dots = text.chars().filter(c -> c == '.').count();
            throw new MalformedMessageException("The body has " + (dots + 1) + " dot-separated parts; a compact JWS"
                    + " has exactly three: header.payload.signature.");
        }
        String encodedHeader = text.substring(0, firstDot);
        String encodedPayload = text.substring(firstDot + 1, secondDot);
        String encodedSignature = text.substring(secondDot + 1);
        requireNonEmpty(encodedHeader, "header");
        requireNonEmpty(encodedPayload, "payload");
        requireNonEmpty(encodedSignature, "signature");

        byte[] headerJson = Base64Url.decode(encodedHeader, "The JWS header");
        byte[] payload = Base64Url.decode(encodedPayload, "The JWS payload");
        byte[] signature = Base64Url.decode(encodedSignature, "The JWS signature");
        ObjectNode header;
        try {
            header = StrictJson.parseObject(headerJson);
        } catch (MalformedMessageException e) {
            throw new InvalidJwsHeaderException("The JWS header is invalid: " + e.getMessage(), e);
        }
        if (header.has("crit")) {
            throw new InvalidJwsHeaderException("The JWS header has a \"crit\" member, but no JWS extension is"
                    + " supported here. Remove \"crit\" and the extension parameters it lists.", null);
        }
        return new CompactJws(encodedHeader, encodedPayload, encodedSignature, headerJson, header, payload, signature);
    }

    /**
     * Builds a compact JWS: encodes the header and the payload, passes the ASCII bytes of
     * {@code header "." payload} to {@code signer} and appends the signature it returns.
     *
     * @param headerJson the exact header JSON bytes to encode
     * @param payload    the exact payload bytes to encode
     * @param signer     computes the signature over the signing input
     */
    public static String serialize(byte[] headerJson, byte[] payload, UnaryOperator<byte[]> signer) {
        Objects.requireNonNull(signer, "signer");
        String signingInput = Base64Url.encode(headerJson) + "." + Base64Url.encode(payload);
        byte[] signature = Objects.requireNonNull(signer.apply(signingInput.getBytes(StandardCharsets.US_ASCII)),
                "signature");
        if (signature.length == 0) {
            throw new IllegalArgumentException("The signer returned an empty signature; a JWS needs a signature.");
        }
        return signingInput + "." + Base64Url.encode(signature);
    }

    /** Returns a copy of the header, parsed strictly. */
    public ObjectNode header() {
        return header.deepCopy();
    }

    /** Returns the decoded header as text, for display. */
    public String headerJson() {
        return new String(headerJson, StandardCharsets.UTF_8);
    }

    /** Returns a copy of the decoded payload bytes; they are unverified until the signature is checked. */
    public byte[] payload() {
        return payload.clone();
    }

    /** Returns the decoded payload as text, for display; invalid UTF-8 shows as replacement characters. */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** Returns a copy of the decoded signature bytes. */
    public byte[] signature() {
        return signature.clone();
    }

    /** Returns the signature as received, in base64url. */
    public String encodedSignature() {
        return encodedSignature;
    }

    /** Returns the ASCII bytes of {@code header "." payload} exactly as received: what the signature covers. */
    public byte[] signingInput() {
        return (encodedHeader + "." + encodedPayload).getBytes(StandardCharsets.US_ASCII);
    }

    /** Returns the compact serialization exactly as received. */
    @Override
    public String toString() {
        return encodedHeader + "." + encodedPayload + "." + encodedSignature;
    }

    private static String asciiText(byte[] body) throws MalformedMessageException {
        for (int i = 0; i < body.length; i++) {
            int b = body[i] & 0xff;
            if (b != '.' && !Base64Url.isAlphabet((char) b)) {
                throw new MalformedMessageException("The body contains the byte 0x" + String.format("%02x", b)
                        + " at offset " + i + "; a compact JWS contains only base64url characters and two dots.");
            }
        }
        return new String(body, StandardCharsets.US_ASCII);
    }

    private static void requireNonEmpty(String part, String name) throws MalformedMessageException {
        if (part.isEmpty()) {
            throw new MalformedMessageException("The JWS " + name + " part is empty; each of the three parts"
                    + " must be non-empty (an unsigned JWS with an empty signature is not accepted).");
        }
    }
}
