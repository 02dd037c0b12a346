package com.goodtalk.server.keys;

import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerPublicKey;
import com.goodtalk.protocol.jose.ServerSigningKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The server's reply signing keys: the active key, which signs every reply, and the public keys
 * the server publishes at {@code GET /v2/keys}. The active key is always published, first; the
 * others are older keys that clients may still pin, until they are retired.
 *
 * <pre>{@code
 * SigningKeys keys = SigningKeys.of(ServerSigningKey.generate());
 * String jwks = keys.jwks().toJson();
 * }</pre>
 *
 * <p>Instances are immutable.
 */
public final class SigningKeys {

    private final ServerSigningKey active;
    private final JsonWebKeySet published;

    private SigningKeys(ServerSigningKey active, JsonWebKeySet published) {
        this.active = active;
        this.published = published;
    }

    /** Creates a set with one key, which is active and published. */
    public static SigningKeys of(ServerSigningKey active) {
        return of(active, List.of());
    }

    /**
     * Creates a set with an active key and older public keys that stay published.
     *
     * @throws IllegalArgumentException if a key appears twice, the active one included
     */
    public static SigningKeys of(ServerSigningKey active, Collection<ServerPublicKey> olderKeys) {
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(olderKeys, "olderKeys");
        List<ServerPublicKey> keys = new ArrayList<>();
        keys.add(active.publicKey());
        keys.addAll(olderKeys);
        return new SigningKeys(active, JsonWebKeySet.of(keys.toArray(new ServerPublicKey[0])));
    }

    /** Returns the key that signs replies. */
    public ServerSigningKey active() {
        return active;
    }

    /** Returns the key id of the active key, its RFC 7638 thumbprint. */
    public String activeKeyId() {
        return active.publicKey().thumbprint();
    }

    /** Returns the published public keys, active key first: the JWKS of {@code GET /v2/keys}. */
    public JsonWebKeySet jwks() {
        return published;
    }

    /** Returns the ids of the published keys, active key first. */
    public List<String> keyIds() {
        return published.keys().stream().map(ServerPublicKey::thumbprint).toList();
    }

    /** Prints the key ids only. */
    @Override
    public String toString() {
        return "SigningKeys[active=" + activeKeyId() + ", published=" + keyIds() + "]";
    }
}
