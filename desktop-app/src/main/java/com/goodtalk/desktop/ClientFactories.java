package com.goodtalk.desktop;

import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.client.V1Client;
import java.time.Duration;

/** Client factories for the protocols the desktop app speaks. */
public final class ClientFactories {

    private ClientFactories() {
    }

    /** Returns a factory of {@link V1Client}s that sign with {@code secret} and wait at most {@code timeout}. */
    public static ActivationClientFactory v1(Secret secret, Duration timeout) {
        return server -> V1Client.builder().server(server).secret(secret).timeout(timeout).build();
    }

    /** Returns a factory of v2 clients with {@code settings} that wait at most {@code timeout}. */
    public static ActivationClientFactory v2(V2Settings settings, Duration timeout) {
        return server -> settings.client(server, timeout);
    }
}
