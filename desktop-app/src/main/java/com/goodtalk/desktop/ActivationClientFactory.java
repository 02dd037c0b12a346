package com.goodtalk.desktop;

import com.goodtalk.protocol.client.ActivationClient;
import java.net.URI;

/** Creates the client for a server URL that the user chose; the secret and timeout are fixed. */
@FunctionalInterface
public interface ActivationClientFactory {

    /** Returns a client that activates against {@code server}, a base URL checked by {@link ServerUrl}. */
    ActivationClient forServer(URI server);
}
