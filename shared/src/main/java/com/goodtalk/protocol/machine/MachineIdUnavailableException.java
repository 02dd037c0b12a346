package com.goodtalk.protocol.machine;

/**
 * Thrown when the machine identifier cannot be read or is malformed. The message names the
 * file or command, describes what was found, and where possible gives the fix.
 *
 * <p>This is a checked exception because a missing identifier is an environment problem
 * that the application must report. A fingerprint is never made up from a random value.
 */
public class MachineIdUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public MachineIdUnavailableException(String message) {
        super(message);
    }

    public MachineIdUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
