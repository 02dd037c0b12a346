package com.goodtalk.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link BodyEdit}s for bodies that are one JWS in compact serialization
 * ({@code header.payload.signature}, RFC 7515 section 7.1), such as v2 requests and replies.
 *
 * <p>Claim and header edits decode the part, splice the one member as {@link JsonEdits} does,
 * encode the part again as base64url without padding and keep the signature, so the result is
 * a well-formed JWS whose signature no longer matches. Signature edits change only the third
 * part. {@link #resignHs256(byte[])} is the one edit that computes a new, valid signature, for
 * the algorithm confusion attack.
 *
 * <pre>{@code
 * proxy.editReplies(JwsEdits.setClaim("status", "\"activated\""));
 * proxy.editReplies(JwsEdits.setClaim("status", "\"activated\"")
 *         .andThen(JwsEdits.resignHs256(serverPublicKey.raw())));
 * proxy.editRequests(JwsEdits.setHeader("alg", "none").andThen(JwsEdits.emptySignature()));
 * }</pre>
 *
 * <p>Values are given as JSON text: {@code "\"activated\""} for a string, {@code "12"} for a
 * number. Every edit throws {@link IllegalArgumentException} when the body is not three
 * dot-separated parts of printable ASCII, or when the member it changes is missing or appears
 * twice, so the proxy reports a failed edit instead of forwarding the body unchanged.
 */
public final class JwsEdits {

    /** The three parts of a compact JWS, in wire order. */
    public enum Part { HEADER, PAYLOAD, SIGNATURE }

    private JwsEdits() {
    }

    /** Returns an edit that applies {@code jsonEdit} to the decoded header JSON and encodes the result again. */
    public static BodyEdit editHeader(BodyEdit jsonEdit) {
        Objects.requireNonNull(jsonEdit, "jsonEdit");
        return body -> {
            JwsParts parts = JwsParts.of(body);
            return parts.withHeaderJson(jsonEdit.apply(parts.headerJson())).toBody();
        };
    }

    /** Returns an edit that applies {@code jsonEdit} to the decoded payload and encodes the result again. */
    public static BodyEdit editPayload(BodyEdit jsonEdit) {
        Objects.requireNonNull(jsonEdit, "jsonEdit");
        return body -> {
            JwsParts parts = JwsParts.of(body);
            return parts.withPayloadJson(jsonEdit.apply(parts.payloadJson())).toBody();
        };
    }

    /**
     * Returns an edit that replaces the value of the top-level claim {@code name} with
     * {@code jsonValue}, whatever type the old value had.
     *
     * @throws IllegalArgumentException if {@code jsonValue} is not one JSON value; from the edit,
     *                                  if the claim is missing or appears more than once
     */
    public static BodyEdit setClaim(String name, String jsonValue) {
        Objects.requireNonNull(name, "name");
        return setClaimAt(List.of(name), jsonValue);
    }

    /**
     * Returns an edit that replaces the value at a JSON Pointer (RFC 6901) of the payload, such
     * as {@code /license/seats/used}, for members of nested objects.
     *
     * @throws IllegalArgumentException if the pointer does not start with {@code /} or
     *                                  {@code jsonValue} is not one JSON value; from the edit, if
     *                                  a member on the way is missing, duplicated or not an object
     */
    public static BodyEdit setClaimAt(String pointer, String jsonValue) {
        Objects.requireNonNull(pointer, "pointer");
        return setClaimAt(CompactJsonMembers.path(pointer), jsonValue);
    }

    private static BodyEdit setClaimAt(List<String> path, String jsonValue) {
        Objects.requireNonNull(jsonValue, "jsonValue");
        CompactJsonMembers.requireJsonValue(jsonValue);
        return editPayload(json -> CompactJsonMembers.set(json, path, jsonValue));
    }

    /**
     * Returns an edit that deletes the top-level claim {@code name} with one adjoining comma.
     *
     * @throws IllegalArgumentException from the edit, if the claim is missing or appears more than once
     */
    public static BodyEdit removeClaim(String name) {
        Objects.requireNonNull(name, "name");
        return editPayload(json -> CompactJsonMembers.remove(json, List.of(name)));
    }

    /**
     * Returns an edit that deletes the payload member at a JSON Pointer such as {@code /license/seats}.
     *
     * @throws IllegalArgumentException if the pointer does not start with {@code /}; from the edit,
     *                                  if a member on the way is missing or duplicated
     */
    public static BodyEdit removeClaimAt(String pointer) {
        List<String> path = CompactJsonMembers.path(Objects.requireNonNull(pointer, "pointer"));
        return editPayload(json -> CompactJsonMembers.remove(json, path));
    }

    /**
     * Returns an edit that appends the claim {@code "name":jsonValue} after the last claim. It
     * appends even when a claim of that name exists, which makes a duplicate claim.
     *
     * @throws IllegalArgumentException if {@code jsonValue} is not one JSON value
     */
    public static BodyEdit addClaim(String name, String jsonValue) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jsonValue, "jsonValue");
        CompactJsonMembers.requireJsonValue(jsonValue);
        return editPayload(json -> CompactJsonMembers.add(json, List.of(), name, jsonValue));
    }

    /**
     * Returns an edit that sets the header member {@code name} to the string {@code value}, in
     * place if the header has it and appended otherwise, such as {@code alg} to {@code none}.
     */
    public static BodyEdit setHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        return setHeaderJson(name, PythonJsonString.quote(value));
    }

    /**
     * Returns an edit that sets the header member {@code name} to {@code jsonValue}, such as
     * {@code alg} to {@code null} or {@code 1}, in place if the header has it and appended otherwise.
     *
     * @throws IllegalArgumentException if {@code jsonValue} is not one JSON value; from the edit,
     *                                  if the header has the member twice
     */
    public static BodyEdit setHeaderJson(String name, String jsonValue) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jsonValue, "jsonValue");
        CompactJsonMembers.requireJsonValue(jsonValue);
        return editHeader(json -> {
            boolean present = JsonMemberSpans.of(json).members().stream().anyMatch(member -> member.name().equals(name));
            return present ? CompactJsonMembers.set(json, List.of(name), jsonValue)
                    : CompactJsonMembers.add(json, List.of(), name, jsonValue);
        });
    }

    /**
     * Returns an edit that deletes the header member {@code name}.
     *
     * @throws IllegalArgumentException from the edit, if the header does not have it or has it twice
     */
    public static BodyEdit removeHeader(String name) {
        Objects.requireNonNull(name, "name");
        return editHeader(json -> CompactJsonMembers.remove(json, List.of(name)));
    }

    /** Returns an edit that replaces the signature part with the text {@code encodedSignature}, sent as given. */
    public static BodyEdit replaceSignature(String encodedSignature) {
        Objects.requireNonNull(encodedSignature, "encodedSignature");
        return body -> JwsParts.of(body).withSignature(encodedSignature).toBody();
    }

    /** Returns an edit that replaces the signature with {@code signature}, encoded as base64url without padding. */
    public static BodyEdit replaceSignature(byte[] signature) {
        Objects.requireNonNull(signature, "signature");
        return replaceSignature(JwsParts.encode(signature.clone()));
    }

    /**
     * Returns an edit that removes the last {@code characters} characters of the encoded
     * signature. Whether the rest is still canonical base64url depends on the length. A
     * 43-character HS256 signature cut by 3 and an 86-character Ed25519 signature cut by 2 decode
     * to whole bytes. A cut by 1 leaves an impossible length, or unused bits that are usually not zero.
     *
     * @throws IllegalArgumentException if {@code characters} is not positive; from the edit, if the
     *                                  signature is not longer than {@code characters}
     */
    public static BodyEdit truncateSignature(int characters) {
        if (characters < 1) {
            throw new IllegalArgumentException("The number of characters to cut must be positive, got " + characters);
        }
        return body -> {
            JwsParts parts = JwsParts.of(body);
            String signature = parts.signature();
            if (signature.length() <= characters) {
                throw new IllegalArgumentException("Cannot cut " + characters + " characters from a signature of "
                        + signature.length() + "; use emptySignature() to remove it.");
            }
            return parts.withSignature(signature.substring(0, signature.length() - characters)).toBody();
        };
    }

    /**
     * Returns an edit that removes the last {@code bytes} bytes of the decoded signature and
     * encodes the rest canonically, so only a signature check can catch it.
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive; from the edit, if the
     *                                  signature is not longer than {@code bytes}
     */
    public static BodyEdit truncateSignatureBytes(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("The number of bytes to cut must be positive, got " + bytes);
        }
        return body -> {
            JwsParts parts = JwsParts.of(body);
            byte[] signature = parts.signatureBytes();
            if (signature.length <= bytes) {
                throw new IllegalArgumentException("Cannot cut " + bytes + " bytes from a signature of "
                        + signature.length + " bytes; use emptySignature() to remove it.");
            }
            return parts.withSignature(JwsParts.encode(Arrays.copyOf(signature, signature.length - bytes)))
                    .toBody();
        };
    }

    /** Returns an edit that appends {@code padding}, such as {@code "="} or {@code "=="}, to the signature. */
    public static BodyEdit padSignature(String padding) {
        Objects.requireNonNull(padding, "padding");
        if (padding.isEmpty()) {
            throw new IllegalArgumentException("The padding is empty, so the edit would change nothing. Pass \"=\".");
        }
        return body -> {
            JwsParts parts = JwsParts.of(body);
            return parts.withSignature(parts.signature() + padding).toBody();
        };
    }

    /**
     * Returns an edit that changes the last character of the signature and keeps the encoding
     * canonical: it flips the lowest bit of the last decoded byte, which the last character
     * always carries. A strict decoder accepts the result, so only the signature check can catch it.
     *
     * @throws IllegalArgumentException from the edit, if the signature is empty or not base64url
     */
    public static BodyEdit changeLastSignatureChar() {
        return body -> {
            JwsParts parts = JwsParts.of(body);
            byte[] signature = parts.signatureBytes();
            if (signature.length == 0) {
                throw new IllegalArgumentException("The signature is empty, so it has no last character to change.");
            }
            signature[signature.length - 1] ^= 1;
            return parts.withSignature(JwsParts.encode(signature)).toBody();
        };
    }

    /**
     * Returns an edit that replaces the last character of the signature with {@code replacement},
     * whether or not the result is canonical base64url.
     *
     * @throws IllegalArgumentException from the edit, if the signature is empty or already ends with it
     */
    public static BodyEdit setLastSignatureChar(char replacement) {
        return body -> {
            JwsParts parts = JwsParts.of(body);
            String signature = parts.signature();
            if (signature.isEmpty()) {
                throw new IllegalArgumentException("The signature is empty, so it has no last character to change.");
            }
            if (signature.charAt(signature.length() - 1) == replacement) {
                throw new IllegalArgumentException("The signature already ends with '" + replacement
                        + "', so the edit would change nothing. Pick another character.");
            }
            return parts.withSignature(signature.substring(0, signature.length() - 1) + replacement).toBody();
        };
    }

    /** Returns an edit that removes the signature and keeps the second dot: {@code header.payload.} */
    public static BodyEdit emptySignature() {
        return replaceSignature("");
    }

    /**
     * Returns an edit that sets the header {@code alg} to {@code HS256} and signs the result with
     * HMAC-SHA256 keyed with {@code key}. Apply it last, after every other edit. With the
     * server's public key bytes as {@code key} it is the algorithm confusion attack: a verifier
     * that lets the header choose the algorithm would check this HMAC with the public key and accept.
     */
    public static BodyEdit resignHs256(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("The HMAC key is empty; pass the key bytes, such as the server's"
                    + " 32-byte Ed25519 public key.");
        }
        byte[] keyCopy = key.clone();
        BodyEdit setAlg = setHeader("alg", "HS256");
        return body -> {
            JwsParts parts = JwsParts.of(setAlg.apply(body));
            return parts.withSignature(JwsParts.encode(hmacSha256(keyCopy, parts.signingInput()))).toBody();
        };
    }

    /**
     * Returns an edit that exchanges two parts, such as the header and the payload.
     *
     * @throws IllegalArgumentException if both parts are the same
     */
    public static BodyEdit swapParts(Part first, Part second) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        if (first == second) {
            throw new IllegalArgumentException("Both parts are " + first + ", so the swap would change nothing.");
        }
        return body -> {
            JwsParts parts = JwsParts.of(body);
            String[] texts = {parts.header(), parts.payload(), parts.signature()};
            String kept = texts[first.ordinal()];
            texts[first.ordinal()] = texts[second.ordinal()];
            texts[second.ordinal()] = kept;
            return String.join(".", texts).getBytes(StandardCharsets.US_ASCII);
        };
    }

    private static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide HmacSHA256, and any non-empty key fits it.
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        }
    }
}
