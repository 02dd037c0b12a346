package com.goodtalk.protocol.machine;

import java.util.Locale;

/**
 * A source of the stable identifier of this machine, as 32 lower-case hexadecimal digits.
 *
 * <p>The implementations read identifiers that the operating system creates once, at
 * installation: {@code /etc/machine-id} on Linux, {@code MachineGuid} in the Windows
 * registry and {@code IOPlatformUUID} on macOS. They ignore network adapters and host names,
 * because virtual, randomized and all-zero MAC addresses change or repeat across machines,
 * and a renamed host is still the same machine. Tests supply their own source as a lambda.
 */
@FunctionalInterface
public interface MachineIdSource {

    /**
     * Reads the machine identifier.
     *
     * @return 32 lower-case hexadecimal digits
     * @throws MachineIdUnavailableException if the identifier is missing or malformed; the
     *         message names the file or command and what was found
     */
    String machineId() throws MachineIdUnavailableException;

    /**
     * Returns the source for the operating system this JVM runs on.
     *
     * @throws MachineIdUnavailableException if the operating system is not Linux, Windows or macOS
     */
    static MachineIdSource forCurrentOs() throws MachineIdUnavailableException {
        return forOsName(System.getProperty("os.name", ""));
    }

    /** Returns the source for an {@code os.name} value; see {@link #forCurrentOs()}. */
    static MachineIdSource forOsName(String osName) throws MachineIdUnavailableException {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return new LinuxMachineIdSource();
        }
        if (name.startsWith("windows")) {
            return new WindowsMachineGuidSource();
        }
        if (name.startsWith("mac")) {
            return new MacPlatformUuidSource();
        }
        throw new MachineIdUnavailableException("no machine id source for the operating system '" + osName
                + "'; supported are Linux, Windows and macOS");
    }
}
