package com.goodtalk.desktop;

import java.util.Objects;

/**
 * One entry of the window's protocol choice: a client factory and a status line when the
 * protocol can run, or else the problem that keeps it from running, such as missing server keys.
 *
 * @param protocol   the protocol
 * @param clients    the client factory, or null when the protocol cannot run
 * @param statusText one line that names the secret and keys in use, or empty text when the protocol cannot run
 * @param problem    why the protocol cannot run, as a plain sentence with the fix, or empty text when it can
 */
public record ProtocolOption(Protocol protocol, ActivationClientFactory clients, String statusText, String problem) {

    public ProtocolOption {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(statusText, "statusText");
        Objects.requireNonNull(problem, "problem");
        if ((clients == null) == problem.isEmpty()) {
            throw new IllegalArgumentException("A protocol option has either a client factory or a problem, not both"
                    + " and not neither; got " + (clients == null ? "neither" : "both") + " for " + protocol + ".");
        }
    }

    /** Returns an option that runs {@code protocol} with {@code clients}. */
    public static ProtocolOption available(Protocol protocol, ActivationClientFactory clients, String statusText) {
        return new ProtocolOption(protocol, Objects.requireNonNull(clients, "clients"), statusText, "");
    }

    /** Returns an option that cannot run {@code protocol}, because of {@code problem}. */
    public static ProtocolOption unavailable(Protocol protocol, String problem) {
        if (problem == null || problem.isBlank()) {
            throw new IllegalArgumentException("An unavailable protocol needs a problem that tells the user the fix.");
        }
        return new ProtocolOption(protocol, null, "", problem);
    }

    /** Tells whether the protocol can run. */
    public boolean isAvailable() {
        return clients != null;
    }
}
