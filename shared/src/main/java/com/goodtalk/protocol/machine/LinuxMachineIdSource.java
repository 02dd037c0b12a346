package com.goodtalk.protocol.machine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the Linux machine id from {@code /etc/machine-id}, or from
 * {@code /var/lib/dbus/machine-id} when the first file does not exist (older D-Bus systems).
 *
 * <p>systemd writes 32 lower-case hexadecimal digits and a newline at installation. The
 * fallback file is used only when {@code /etc/machine-id} is absent: an existing but empty
 * or malformed file is an error, so that the fingerprint does not switch between the two
 * files as the system boots.
 */
final class LinuxMachineIdSource implements MachineIdSource {

    static final Path ETC_MACHINE_ID = Path.of("/etc/machine-id");
    static final Path DBUS_MACHINE_ID = Path.of("/var/lib/dbus/machine-id");

    /** The file contains 33 bytes. Reading stops at this bound in case the path is a device or a large file. */
    private static final int MAX_FILE_BYTES = 1024;

    private static final String CREATE_HINT =
            "run 'systemd-machine-id-setup' (or 'dbus-uuidgen --ensure=/etc/machine-id') as root to create one";

    private final Path primary;
    private final Path fallback;

    LinuxMachineIdSource() {
        this(ETC_MACHINE_ID, DBUS_MACHINE_ID);
    }

    LinuxMachineIdSource(Path primary, Path fallback) {
        this.primary = primary;
        this.fallback = fallback;
    }

    @Override
    public String machineId() throws MachineIdUnavailableException {
        Path file = Files.exists(primary) ? primary : fallback;
        if (!Files.exists(file)) {
            throw new MachineIdUnavailableException("no machine id: neither " + primary + " nor " + fallback
                    + " exists; " + CREATE_HINT);
        }

        String content = read(file);
        if (content.isBlank()) {
            throw new MachineIdUnavailableException("invalid machine id from " + file + ": the file is empty; "
                    + CREATE_HINT);
        }
        return MachineIds.canonicalize(content, file.toString());
    }

    private static String read(Path file) throws MachineIdUnavailableException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new MachineIdUnavailableException("invalid machine id from " + file + ": the file is larger than "
                        + MAX_FILE_BYTES + " bytes, but a machine id is 33 bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MachineIdUnavailableException("cannot read machine id from " + file + ": " + e, e);
        }
    }
}
