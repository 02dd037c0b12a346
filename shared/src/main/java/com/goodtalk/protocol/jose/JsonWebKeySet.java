package com.goodtalk.protocol.jose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON Web Key Set (RFC 7517 section 5) of Ed25519 server keys: what the server publishes at
 * {@code GET /v2/keys} and what a client pins.
 *
 * <p>Parsing is strict: every key must be {@code "kty":"OKP"} with {@code "crv":"Ed25519"}, carry
 * a {@code kid} equal to its RFC 7638 thumbprint, and appear once. A {@code use} other than
 * {@code sig}, an {@code alg} other than {@code EdDSA} and a private {@code d} member are
 * rejected. Other members are ignored, as RFC 7517 asks.
 *
 * <pre>{@code
 * JsonWebKeySet pinned = JsonWebKeySet.parse(Files.readString(Path.of("goodtalk-server-keys.json")));
 * }</pre>
 */
public final class JsonWebKeySet {

    private final Map<String, ServerPublicKey> keysById;

    private JsonWebKeySet(Map<String, ServerPublicKey> keysById) {
        this.keysById = Collections.unmodifiableMap(keysById);
    }

    /**
     * Creates a set of the given keys.
     *
     * @throws IllegalArgumentException if no key is given or a key appears twice
     */
    public static JsonWebKeySet of(ServerPublicKey... keys) {
        Objects.requireNonNull(keys, "keys");
        if (keys.length == 0) {
            throw new IllegalArgumentException("A key set needs at least one key.");
        }
        Map<String, ServerPublicKey> byId = new LinkedHashMap<>();
        for (ServerPublicKey key : Arrays.asList(keys)) {
            Objects.requireNonNull(key, "key");
            if (byId.putIfAbsent(key.thumbprint(), key) != null) {
                throw new IllegalArgumentException("The key " + key.thumbprint() + " appears twice; list each key once.");
            }
        }
        return new JsonWebKeySet(byId);
    }

    /**
     * Parses a JWKS document.
     *
     * @throws MalformedMessageException if the document is not a JSON object with a non-empty
     *                                   {@code keys} array of valid, distinct Ed25519 public keys
     */
    public static JsonWebKeySet parse(String json) throws MalformedMessageException {
        Objects.requireNonNull(json, "json");
        ObjectNode root = StrictJson.parseObject(json.getBytes(StandardCharsets.UTF_8));
        JsonNode keys = root.get("keys");
        if (keys == null || !keys.isArray()) {
            throw new MalformedMessageException("The key set needs a \"keys\" array, as in"
                    + " {\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"...\",\"kid\":\"...\"}]}.");
        }
        if (keys.isEmpty()) {
            throw new MalformedMessageException("The key set's \"keys\" array is empty; it needs at least one key.");
        }
        Map<String, ServerPublicKey> byId = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            ServerPublicKey key = parseKey(keys.get(i), i);
            if (byId.putIfAbsent(key.thumbprint(), key) != null) {
                throw new MalformedMessageException("Key " + i + " (kid " + key.thumbprint()
                        + ") appears earlier in the set too; list each key once.");
            }
        }
        return new JsonWebKeySet(byId);
    }

    private static ServerPublicKey parseKey(JsonNode node, int index) throws MalformedMessageException {
        String where = "Key " + index + " of the key set";
        if (!node.isObject()) {
            throw new MalformedMessageException(where + " is a JSON " + node.getNodeType().name().toLowerCase()
                    + "; expected a JWK object.");
        }
        ObjectNode jwk = (ObjectNode) node;
        if (jwk.has("d")) {
            throw new MalformedMessageException(where + " contains the private member \"d\". Publish and pin"
                    + " public keys only, and treat this private key as leaked.");
        }
        requireValue(jwk, "kty", "OKP", where);
        requireValue(jwk, "crv", "Ed25519", where);
        requireOptionalValue(jwk, "use", "sig", where);
        requireOptionalValue(jwk, "alg", "EdDSA", where);
        byte[] x = Base64Url.decode(requireMember(jwk, "x", where), where + ": the member \"x\"");
        ServerPublicKey key;
        try {
            key = ServerPublicKey.fromRaw(x);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(where + ": " + e.getMessage(), e);
        }
        String kid = requireMember(jwk, "kid", where);
        if (!kid.equals(key.thumbprint())) {
            throw new MalformedMessageException(where + " has the kid \"" + kid + "\", but its RFC 7638 thumbprint is \""
                    + key.thumbprint() + "\". Set kid to the thumbprint.");
        }
        return key;
    }

    private static String requireMember(ObjectNode jwk, String name, String where) throws MalformedMessageException {
        try {
            return StrictJson.requireString(jwk, name);
        } catch (MalformedMessageException e) {
            throw new MalformedMessageException(where + ": " + e.getMessage(), e);
        }
    }

    private static void requireValue(ObjectNode jwk, String name, String expected, String where)
            throws MalformedMessageException {
        String value = requireMember(jwk, name, where);
        if (!value.equals(expected)) {
            throw new MalformedMessageException(where + " has \"" + name + "\":\"" + value + "\"; only \""
                    + expected + "\" is accepted (Ed25519 keys only).");
        }
    }

    private static void requireOptionalValue(ObjectNode jwk, String name, String expected, String where)
            throws MalformedMessageException {
        if (jwk.has(name)) {
            requireValue(jwk, name, expected, where);
        }
    }

    /** Returns the key whose id is {@code kid}, if the set has it. */
    public Optional<ServerPublicKey> find(String kid) {
        return Optional.ofNullable(keysById.get(Objects.requireNonNull(kid, "kid")));
    }

    /** Returns the keys in the order they were given or listed. */
    public List<ServerPublicKey> keys() {
        return List.copyOf(keysById.values());
    }

    /** Returns the JWKS document, {@code {"keys":[...]}}, without whitespace. */
    public String toJson() {
        ObjectNode root = StrictJson.mapper().createObjectNode();
        ArrayNode keys = root.putArray("keys");
        keysById.values().forEach(key -> keys.add(key.jwkNode()));
        try {
            return StrictJson.mapper().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a key set of strings", e);
        }
    }

    @Override
    public String toString() {
        return "JsonWebKeySet" + keysById.keySet();
    }
}
