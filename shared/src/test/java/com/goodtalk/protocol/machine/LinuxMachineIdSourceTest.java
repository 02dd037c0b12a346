package com.goodtalk.protocol.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LinuxMachineIdSourceTest {

    private static final String VALID = "3f2504e04f8941d39a0c0305e82c3301";

    @TempDir
    Path dir;

    @Test
    void realMachineIdReadable() throws Exception {
        assumeTrue(Files.exists(LinuxMachineIdSource.ETC_MACHINE_ID) || Files.exists(LinuxMachineIdSource.DBUS_MACHINE_ID),
                "this machine has neither /etc/machine-id nor /var/lib/dbus/machine-id (not Linux, or a bare container)");

        String machineId = new LinuxMachineIdSource().machineId();

        assertThat(machineId).matches("[0-9a-f]{32}");
    }

    @Test
    void primaryFileRead() throws Exception {
        Path primary = Files.writeString(dir.resolve("machine-id"), VALID + "\n");

        assertThat(new LinuxMachineIdSource(primary, dir.resolve("absent")).machineId()).isEqualTo(VALID);
    }

    @Test
    void fallbackReadWhenPrimaryAbsent() throws Exception {
        Path fallback = Files.writeString(dir.resolve("dbus-machine-id"), VALID + "\n");

        assertThat(new LinuxMachineIdSource(dir.resolve("absent"), fallback).machineId()).isEqualTo(VALID);
    }

    @Test
    void primaryWinsOverFallback() throws Exception {
        Path primary = Files.writeString(dir.resolve("machine-id"), VALID + "\n");
        Path fallback = Files.writeString(dir.resolve("dbus-machine-id"), "0".repeat(31) + "1\n");

        assertThat(new LinuxMachineIdSource(primary, fallback).machineId()).isEqualTo(VALID);
    }

    @Test
    void emptyPrimaryIsErrorEvenWithFallback() throws Exception {
        Path primary = Files.writeString(dir.resolve("machine-id"), "");
        Path fallback = Files.writeString(dir.resolve("dbus-machine-id"), VALID + "\n");

        assertThatThrownBy(() -> new LinuxMachineIdSource(primary, fallback).machineId())
                .isInstanceOf(MachineIdUnavailableException.class)
                .hasMessageContaining(primary.toString())
                .hasMessageContaining("the file is empty")
                .hasMessageContaining("systemd-machine-id-setup");
    }

    @Test
    void bothFilesAbsentNamesBoth() {
        Path primary = dir.resolve("machine-id");
        Path fallback = dir.resolve("dbus-machine-id");

        assertThatThrownBy(() -> new LinuxMachineIdSource(primary, fallback).machineId())
                .isInstanceOf(MachineIdUnavailableException.class)
                .hasMessageContaining("neither " + primary + " nor " + fallback + " exists")
                .hasMessageContaining("systemd-machine-id-setup");
    }

    static Stream<Arguments> malformedContents() {
        return Stream.of(
                Arguments.of("\n", "the file is empty"),
                Arguments.of("3f2504e04f8941d39a0c0305e82c330\n", "found 31 characters of hexadecimal digits"),
                Arguments.of("3f2504e04f8941d39a0c0305e82c33011\n", "found 33 characters of hexadecimal digits"),
                Arguments.of("3f2504e04f8941d39a0c0305e82c33zz\n", "U+007A at position 31, which is not a hexadecimal"),
                Arguments.of("uninitialized\n", "has not completed its first boot"),
                Arguments.of("0".repeat(32) + "\n", "all zeros"),
                Arguments.of("3f2504e0 4f8941d39a0c0305e82c3301\n", "U+0020 at position 9"),
                Arguments.of("3f2504e04f8941d39a0c0305e82c33\u0661\u0662\n", "U+0661 at position 31"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformedContents")
    void malformedContentRejected(String content, String expected) throws Exception {
        Path primary = Files.writeString(dir.resolve("machine-id"), content);

        assertThatThrownBy(() -> new LinuxMachineIdSource(primary, dir.resolve("absent")).machineId())
                .isInstanceOf(MachineIdUnavailableException.class)
                .hasMessageContaining(primary.toString())
                .hasMessageContaining(expected);
    }

    @Test
    void malformedContentNotEchoed() throws Exception {
        String nearlyValid = VALID.substring(0, 31);
        Path primary = Files.writeString(dir.resolve("machine-id"), nearlyValid + "\n");

        assertThatThrownBy(() -> new LinuxMachineIdSource(primary, dir.resolve("absent")).machineId())
                .hasMessageNotContaining(nearlyValid.substring(0, 8));
    }

    @Test
    void upperCaseIdCanonicalized() throws Exception {
        Path primary = Files.writeString(dir.resolve("machine-id"), VALID.toUpperCase() + "\n");

        assertThat(new LinuxMachineIdSource(primary, dir.resolve("absent")).machineId()).isEqualTo(VALID);
    }

    @Test
    void oversizedFileRejected() throws Exception {
        Path primary = Files.writeString(dir.resolve("machine-id"), VALID.repeat(100));

        assertThatThrownBy(() -> new LinuxMachineIdSource(primary, dir.resolve("absent")).machineId())
                .isInstanceOf(MachineIdUnavailableException.class)
                .hasMessageContaining("larger than 1024 bytes");
    }

    @Test
    void directoryInPlaceOfFileReported() throws Exception {
        Path primary = Files.createDirectory(dir.resolve("machine-id"));

        assertThatThrownBy(() -> new LinuxMachineIdSource(primary, dir.resolve("absent")).machineId())
                .isInstanceOf(MachineIdUnavailableException.class)
                .hasMessageContaining("cannot read machine id from " + primary);
    }
}
