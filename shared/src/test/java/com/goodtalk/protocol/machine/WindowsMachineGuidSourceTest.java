package com.goodtalk.protocol.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parses {@code reg query} output printed by a stand-in shell command, because these tests
 * run on Linux. The output has the layout of {@code reg query KEY /v NAME}: a blank line, the
 * key, then the value indented by four spaces with name, type and data.
 */
class WindowsMachineGuidSourceTest {

    @BeforeAll
    static void requirePosixShell() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "these tests run commands through /bin/sh");
    }

    @Test
    void machineGuidParsed() throws Exception {
        String output = "\\r\\nHKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Microsoft\\\\Cryptography\\r\\n"
                + "    MachineGuid    REG_SZ    8C9A2F5E-41B7-4D0A-9E3C-27F1B6D4A08E\\r\\n\\r\\n";

        String machineId = sourcePrinting(output).machineId();

        assertThat(machineId).isEqualTo("8c9a2f5e41b74d0a9e3c27f1b6d4a08e");
    }

    @Test
    void missingValueReported() {
        WindowsMachineGuidSource source = sourcePrinting(
                "\\r\\nHKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\Microsoft\\\\Cryptography\\r\\n\\r\\n");

        assertThatThrownBy(source::machineId)
                .isInstanceOf(MachineIdUnavailableException.class)
                .hasMessageContaining("printed no MachineGuid REG_SZ value")
                .hasMessageContaining("HKEY_LOCAL_MACHINE");
    }

    @Test
    void malformedGuidReported() {
        WindowsMachineGuidSource source = sourcePrinting("    MachineGuid    REG_SZ    8C9A2F5E-41B7-4D0A-9E3C\\r\\n");

        assertThatThrownBy(source::machineId)
                .isInstanceOf(MachineIdUnavailableException.class)
                .hasMessageContaining("invalid machine id from MachineGuid of")
                .hasMessageContaining("found 23 characters");
    }

    @Test
    void failingQueryReported() {
        WindowsMachineGuidSource source = new WindowsMachineGuidSource(OsCommandTest.shell(
                "printf 'ERROR: The system was unable to find the specified registry key or value.\\r\\n'; exit 1"));

        assertThatThrownBy(source::machineId)
                .isInstanceOf(MachineIdUnavailableException.class)
                .hasMessageContaining("failed with exit status 1: ERROR: The system was unable to find");
    }

    private static WindowsMachineGuidSource sourcePrinting(String printfFormat) {
        return new WindowsMachineGuidSource(OsCommandTest.shell("printf '" + printfFormat + "'"));
    }
}
