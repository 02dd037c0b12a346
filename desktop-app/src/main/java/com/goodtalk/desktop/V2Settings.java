package com.goodtalk.desktop;

import com.goodtalk.protocol.client.V2Client;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link V2Client} needs except the server URL and the timeout.
 *
 * @param clientKeyId  the key id under which the server stores the client secret
 * @param clientSecret the v2 client secret
 * @param trustedKeys  the pinned server keys
 * @param machine      this machine's fingerprint for the product
 * @param app          the {@code app} claim, such as {@code GoodTalk Desktop/0.1.0}
 */
public record V2Settings(String clientKeyId, ConfiguredSecret clientSecret, TrustedKeys trustedKeys,
                         String machine, String app) {

    public V2Settings {
        Objects.requireNonNull(clientKeyId, "clientKeyId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(trustedKeys, "trustedKeys");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(app, "app");
    }

    /**
     * Builds a client for {@code server}.
     *
     * @throws IllegalArgumentException if the key id, machine or app breaks the protocol's rules
     */
    public V2Client client(URI server, Duration timeout) {
        return V2Client.builder()
                .server(server)
                .clientKeyId(clientKeyId)
                .clientSecret(clientSecret.secret())
                .pinnedKeys(trustedKeys.keys())
                .machine(machine)
                .app(app)
                .timeout(timeout)
                .build();
    }

    /** Returns one line for a status bar: the client secret, its key id and the pinned keys, without secret bytes. */
    public String statusText() {
        return clientSecret.statusText() + " Client key id \"" + clientKeyId + "\"; " + trustedKeys.statusText() + ".";
    }
}
