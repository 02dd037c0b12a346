package com.goodtalk.protocol.client;

/**
 * Performs one activation against a license server and reports every check it made.
 *
 * <p>Implementations never throw for network or reply problems: a dead server, a timeout or
 * a tampered reply each end as a {@link VerificationTrace} whose verdict says what happened.
 * They are safe to call from several threads.
 */
public interface ActivationClient {

    /**
     * Activates {@code productKey}, with surrounding whitespace removed.
     *
     * @throws IllegalArgumentException if the key is blank
     */
    VerificationTrace activate(String productKey);
}
