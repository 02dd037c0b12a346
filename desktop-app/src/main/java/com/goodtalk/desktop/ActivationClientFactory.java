package com.goodtalk.desktop;

import com.goodtalk.protocol.client.ActivationClient;
import java.net.URI;
import java.time.Duration;

/** Creates the client for a server URL that the user chose; the secret and timeout are fixed. */
@FunctionalInterface
public interface ActivationClientFactory {

    /** Returns a client that activates against {@code server}, a base URL checked by {@link ServerUrl}. */
    ActivationClient forServer(URI server);

    /**
     * Returns a client for {@code server} that waits at most {@code timeout}, for an exchange that
     * takes longer than usual, such as one the tamper demonstration holds back. The factories of
     * {@link ClientFactories} honour it; this default ignores it and keeps the fixed timeout.
     */
    default ActivationClient forServer(URI server, Duration timeout) {
        return forServer(server);
    }
}
