package com.goodtalk.desktop;

import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.client.ActivationClient;
import com.goodtalk.protocol.client.V1Client;
import java.net.URI;
import java.time.Duration;
import java.util.function.BiFunction;

/** Client factories for the protocols the desktop app speaks. */
public final class ClientFactories {

    private ClientFactories() {
    }

    /** Returns a factory of {@link V1Client}s that sign with {@code secret} and wait at most {@code timeout}. */
    public static ActivationClientFactory v1(Secret secret, Duration timeout) {
        return new TimedFactory((server, wait) -> V1Client.builder().server(server).secret(secret).timeout(wait)
                .build(), timeout);
    }

    /** Returns a factory of v2 clients with {@code settings} that wait at most {@code timeout}. */
    public static ActivationClientFactory v2(V2Settings settings, Duration timeout) {
        return new TimedFactory(settings::client, timeout);
    }

    /** A factory whose clients wait {@code timeout} unless a caller asks for another timeout. */
    private record TimedFactory(BiFunction<URI, Duration, ActivationClient> build, Duration timeout)
            implements ActivationClientFactory {

        @Override
        public ActivationClient forServer(URI server) {
            return build.apply(server, timeout);
        }

        @Override
        public ActivationClient forServer(URI server, Duration longer) {
            return build.apply(server, longer);
        }
    }
}
