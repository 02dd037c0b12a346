package com.goodtalk.protocol.v1;

import java.util.Objects;

/**
 * The four members of a v1 activation request, in wire order.
 *
 * @param key     the product key as the user entered it
 * @param nonce   the client's nonce; the server accepts any string
 * @param version the client version, which the server checks against its accepted list
 * @param hmac    lower-case hex HMAC-SHA256 of {@link #signingText()}
 */
public record V1Request(String key, String nonce, String version, String hmac) {

    public V1Request {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(hmac, "hmac");
    }

    /** Returns the text the request HMAC covers: {@code key}, {@code nonce}, {@code version}. */
    public String signingText() {
        return V1Protocol.requestSigningText(key, nonce, version);
    }

    /** Returns the request body exactly as the reference client sends it. */
    public String toJson() {
        return new PythonJsonText()
                .member("key", key)
                .member("nonce", nonce)
                .member("version", version)
                .member("hmac", hmac)
                .close();
    }
}
