package com.goodtalk.protocol.machine;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code MachineGuid} from {@code HKLM\SOFTWARE\Microsoft\Cryptography}, which Windows
 * sets at installation, with {@code reg query}.
 *
 * <p>The query uses {@code /reg:64}, because a 32-bit JVM on 64-bit Windows otherwise reads
 * the 32-bit registry view, where {@code MachineGuid} does not exist. {@code reg.exe} comes
 * from the Windows directory rather than from {@code PATH}.
 *
 * <p>NOTE: this class has not been run on Windows. Its tests run a stand-in command that
 * prints output in the format of {@code reg query}.
 */
final class WindowsMachineGuidSource implements MachineIdSource {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final String KEY = "HKLM\\SOFTWARE\\Microsoft\\Cryptography";

    /** A value line of {@code reg query}: name, type and data separated by spaces. */
    private static final Pattern VALUE_LINE =
            Pattern.compile("^\\s*MachineGuid\\s+REG_SZ\\s+(\\S+)\\s*$", Pattern.MULTILINE);

    private final OsCommand command;

    WindowsMachineGuidSource() {
        this(new OsCommand(List.of(regExe(), "query", KEY, "/v", "MachineGuid", "/reg:64"), DEFAULT_TIMEOUT));
    }

    WindowsMachineGuidSource(OsCommand command) {
        this.command = command;
    }

    @Override
    public String machineId() throws MachineIdUnavailableException {
        String output = command.run();
        Matcher value = VALUE_LINE.matcher(output);
        if (!value.find()) {
            throw new MachineIdUnavailableException("'" + command.commandLine()
                    + "' printed no MachineGuid REG_SZ value; its output began with: " + OsCommand.firstLine(output));
        }
        return MachineIds.canonicalize(value.group(1), "MachineGuid of '" + command.commandLine() + "'");
    }

    private static String regExe() {
        String windows = System.getenv("SystemRoot");
        if (windows == null || windows.isBlank()) {
            windows = "C:\\Windows";
        }
        return windows + "\\System32\\reg.exe";
    }
}
