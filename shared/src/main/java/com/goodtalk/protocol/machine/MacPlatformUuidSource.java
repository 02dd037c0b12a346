package com.goodtalk.protocol.machine;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code IOPlatformUUID}, the hardware UUID of the Mac, from the output of
 * {@code /usr/sbin/ioreg -rd1 -c IOPlatformExpertDevice}.
 *
 * <p>NOTE: this class has not been run on macOS. Its tests run a stand-in command that
 * prints output in the format of {@code ioreg}.
 */
final class MacPlatformUuidSource implements MachineIdSource {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** A property line of {@code ioreg}: {@code "IOPlatformUUID" = "…"}. */
    private static final Pattern UUID_LINE = Pattern.compile("\"IOPlatformUUID\"\\s*=\\s*\"([^\"]*)\"");

    private final OsCommand command;

    MacPlatformUuidSource() {
        this(new OsCommand(List.of("/usr/sbin/ioreg", "-rd1", "-c", "IOPlatformExpertDevice"), DEFAULT_TIMEOUT));
    }

    MacPlatformUuidSource(OsCommand command) {
        this.command = command;
    }

    @Override
    public String machineId() throws MachineIdUnavailableException {
        String output = command.run();
        Matcher value = UUID_LINE.matcher(output);
        if (!value.find()) {
            throw new MachineIdUnavailableException("'" + command.commandLine()
                    + "' printed no IOPlatformUUID property; its output began with: " + OsCommand.firstLine(output));
        }
        return MachineIds.canonicalize(value.group(1), "IOPlatformUUID of '" + command.commandLine() + "'");
    }
}
