package com.goodtalk.protocol.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parses {@code ioreg -rd1 -c IOPlatformExpertDevice} output printed by a stand-in shell
 * command, because these tests run on Linux. The output has the layout of ioreg: a node line,
 * then one {@code "Name" = value} property per line inside braces.
 */
class MacPlatformUuidSourceTest {

    private static final String IOREG_OUTPUT = "+-o Mac14,2  <class IOPlatformExpertDevice, id 0x100000110, "
            + "registered, matched, active, busy 0 (0 ms), retain 30>\\n"
            + "  {\\n"
            + "    \"IOPolledInterface\" = \"AppleARMWatchdogTimerHibernateHandler is not serializable\"\\n"
            + "    \"IOPlatformSerialNumber\" = \"EXAMPLE0SERIAL\"\\n"
            + "    \"IOPlatformUUID\" = \"%s\"\\n"
            + "    \"manufacturer\" = <\"Apple Inc.\">\\n"
            + "  }\\n";

    @BeforeAll
    static void requirePosixShell() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "these tests run commands through /bin/sh");
    }

    @Test
    void platformUuidParsed() throws Exception {
        String machineId = sourcePrinting(IOREG_OUTPUT.replace("%s", "5B1D0F6C-9A3E-4C27-B8D1-60E2F4A7C935")).machineId();

        assertThat(machineId).isEqualTo("5b1d0f6c9a3e4c27b8d160e2f4a7c935");
    }

    @Test
    void missingPropertyReported() {
        MacPlatformUuidSource source = sourcePrinting("+-o Root  <class IORegistryEntry>\\n");

        assertThatThrownBy(source::machineId)
                .isInstanceOf(MachineIdUnavailableException.class)
                .hasMessageContaining("printed no IOPlatformUUID property")
                .hasMessageContaining("+-o Root");
    }

    @Test
    void emptyUuidReported() {
        MacPlatformUuidSource source = sourcePrinting(IOREG_OUTPUT.replace("%s", ""));

        assertThatThrownBy(source::machineId)
                .isInstanceOf(MachineIdUnavailableException.class)
                .hasMessageContaining("invalid machine id from IOPlatformUUID of")
                .hasMessageContaining("found nothing");
    }

    @Test
    void allZeroUuidReported() {
        MacPlatformUuidSource source = sourcePrinting(IOREG_OUTPUT.replace("%s", "00000000-0000-0000-0000-000000000000"));

        assertThatThrownBy(source::machineId)
                .isInstanceOf(MachineIdUnavailableException.class)
                .hasMessageContaining("all zeros");
    }

    private static MacPlatformUuidSource sourcePrinting(String printfFormat) {
        return new MacPlatformUuidSource(OsCommandTest.shell("printf '" + printfFormat + "'"));
    }
}
