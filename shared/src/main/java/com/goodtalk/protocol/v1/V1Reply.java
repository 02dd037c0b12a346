package com.goodtalk.protocol.v1;

import java.util.Objects;

/**
 * A successful v1 reply: the request echoed, the server's nonce and its signature.
 *
 * @param key             echoed request key
 * @param nonce           echoed request nonce
 * @param version         echoed request version
 * @param hmac            echoed request HMAC
 * @param serverNonce     a fresh nonce chosen by the server
 * @param serverSignature lower-case hex HMAC-SHA256 of {@link #signingText()}
 */
public record V1Reply(String key, String nonce, String version, String hmac, String serverNonce,
                      String serverSignature) {

    public V1Reply {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(hmac, "hmac");
        Objects.requireNonNull(serverNonce, "serverNonce");
        Objects.requireNonNull(serverSignature, "serverSignature");
    }

    /** Returns the text the server signature covers: the first five members in wire order. */
    public String signingText() {
        return V1Protocol.replySigningText(key, nonce, version, hmac, serverNonce);
    }

    /** Returns the reply body in wire order, formatted as the reference server's signing text. */
    public String toJson() {
        return new PythonJsonText()
                .member("key", key)
                .member("nonce", nonce)
                .member("version", version)
                .member("hmac", hmac)
                .member("serverNonce", serverNonce)
                .member("serverSignature", serverSignature)
                .close();
    }
}
