package com.goodtalk.protocol.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/** Checks of the settings that the v1 and v2 client builders share. */
final class ClientSettings {

    private ClientSettings() {
    }

    /**
     * Returns {@code server} if it is an http or https URL with a host name.
     *
     * @throws IllegalArgumentException naming the URL and the expected form otherwise
     */
    static URI requireHttpServer(URI server) {
        Objects.requireNonNull(server, "server");
        String scheme = server.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("The server URL \"" + server
                    + "\" must start with http:// or https://, for example http://127.0.0.1:8080");
        }
        if (server.getHost() == null) {
            throw new IllegalArgumentException("The server URL \"" + server
                    + "\" has no host name. Use a URL such as http://127.0.0.1:8080");
        }
        return server;
    }

    /**
     * Returns {@code timeout} if it is positive.
     *
     * @throws IllegalArgumentException naming the value otherwise
     */
    static Duration requirePositiveTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The timeout must be positive, got " + timeout);
        }
        return timeout;
    }
}
