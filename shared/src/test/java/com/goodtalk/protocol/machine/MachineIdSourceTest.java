package com.goodtalk.protocol.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MachineIdSourceTest {

    @Test
    void operatingSystemSelectsSource() throws Exception {
        assertThat(MachineIdSource.forOsName("Linux")).isInstanceOf(LinuxMachineIdSource.class);
        assertThat(MachineIdSource.forOsName("Windows 11")).isInstanceOf(WindowsMachineGuidSource.class);
        assertThat(MachineIdSource.forOsName("Mac OS X")).isInstanceOf(MacPlatformUuidSource.class);
    }

    @Test
    void unsupportedOperatingSystemRejected() {
        assertThatThrownBy(() -> MachineIdSource.forOsName("FreeBSD"))
                .isInstanceOf(MachineIdUnavailableException.class)
                .hasMessageContaining("'FreeBSD'")
                .hasMessageContaining("Linux, Windows and macOS");
    }
}
