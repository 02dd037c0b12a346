package com.goodtalk.protocol.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MachineFingerprintTest {

    private static final String MACHINE_A = "0123456789abcdef0123456789abcdef";
    private static final String MACHINE_B = "fedcba9876543210fedcba9876543210";
    private static final String PRODUCT = "com.goodtalk.desktop";

    @Test
    void fingerprintMatchesOpensslVector() throws Exception {
        // printf 'goodtalk-mf1:com.goodtalk.desktop' | openssl dgst -sha256 -mac HMAC
        //   -macopt hexkey:0123456789abcdef0123456789abcdef -binary | basenc --base64url
        String fingerprint = MachineFingerprint.of(PRODUCT, () -> MACHINE_A);

        assertThat(fingerprint).isEqualTo("mf1:v4O38Sgj0GA8SdJzV5H4MrECuvLKaIClvkglCexHSWM");
    }

    @Test
    void sameMachineIdFileGivesSameFingerprintAfterRestart(@TempDir Path dir) throws Exception {
        Path machineId = Files.writeString(dir.resolve("machine-id"), MACHINE_A + "\n");
        Path absent = dir.resolve("absent");

        String first = MachineFingerprint.of(PRODUCT, new LinuxMachineIdSource(machineId, absent));
        String afterRestart = MachineFingerprint.of(PRODUCT, new LinuxMachineIdSource(machineId, absent));

        assertThat(afterRestart).isEqualTo(first);
    }

    @Test
    void differentProductsGetDifferentFingerprints() throws Exception {
        String editor = MachineFingerprint.of("com.example.editor", () -> MACHINE_A);
        String viewer = MachineFingerprint.of("com.example.viewer", () -> MACHINE_A);

        assertThat(editor).isNotEqualTo(viewer);
    }

    @Test
    void differentMachinesGetDifferentFingerprints() throws Exception {
        String a = MachineFingerprint.of(PRODUCT, () -> MACHINE_A);
        String b = MachineFingerprint.of(PRODUCT, () -> MACHINE_B);

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void fingerprintDoesNotContainMachineId() throws Exception {
        String fingerprint = MachineFingerprint.of(PRODUCT, () -> MACHINE_A);

        assertThat(fingerprint.toLowerCase()).doesNotContain(MACHINE_A.substring(0, 8));
    }

    @Test
    void fingerprintOfThisLinuxMachineIsWellFormed() throws Exception {
        LinuxMachineIdSource source = new LinuxMachineIdSource();
        assumeTrue(Files.exists(LinuxMachineIdSource.ETC_MACHINE_ID) || Files.exists(LinuxMachineIdSource.DBUS_MACHINE_ID),
                "this machine has neither /etc/machine-id nor /var/lib/dbus/machine-id (not Linux, or a bare container)");

        String first = MachineFingerprint.of(PRODUCT, source);
        String second = MachineFingerprint.of(PRODUCT);

        assertThat(MachineFingerprint.isWellFormed(first)).isTrue();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void sourceReturningNonCanonicalIdRejected() {
        assertThatThrownBy(() -> MachineFingerprint.of(PRODUCT, () -> MACHINE_A.toUpperCase()))
                .isInstanceOf(MachineIdUnavailableException.class)
                .hasMessageContaining("returned 32 characters instead of 32 lower-case hexadecimal digits");
        assertThatThrownBy(() -> MachineFingerprint.of(PRODUCT, () -> null))
                .isInstanceOf(MachineIdUnavailableException.class)
                .hasMessageContaining("returned null");
    }

    @Test
    void sourceFailurePropagates() {
        MachineIdSource failing = () -> {
            throw new MachineIdUnavailableException("no machine id: test");
        };

        assertThatThrownBy(() -> MachineFingerprint.of(PRODUCT, failing)).hasMessage("no machine id: test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "com.example\n", "tab\there"})
    void invalidProductIdRejected(String productId) {
        assertThatThrownBy(() -> MachineFingerprint.of(productId, () -> MACHINE_A))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("productId must be 1 to 200 characters");
    }

    @Test
    void overlongProductIdRejected() {
        String productId = "p".repeat(MachineFingerprint.MAX_PRODUCT_ID_LENGTH + 1);

        assertThatThrownBy(() -> MachineFingerprint.of(productId, () -> MACHINE_A))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 201 characters");
    }

    @Test
    void computedFingerprintsAreWellFormed() throws Exception {
        for (int i = 0; i < 200; i++) {
            String machineId = String.format("%032x", 1_000_003L * (i + 1));

            String fingerprint = MachineFingerprint.of("product-" + i, () -> machineId);

            assertThat(MachineFingerprint.isWellFormed(fingerprint)).as(fingerprint).isTrue();
            assertThat(fingerprint).hasSize(MachineFingerprint.LENGTH);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "mf1:",
            "mf1",
            "v4O38Sgj0GA8SdJzV5H4MrECuvLKaIClvkglCexHSWM",
            "mf2:v4O38Sgj0GA8SdJzV5H4MrECuvLKaIClvkglCexHSWM",
            "MF1:v4O38Sgj0GA8SdJzV5H4MrECuvLKaIClvkglCexHSWM",
            "mf1:v4O38Sgj0GA8SdJzV5H4MrECuvLKaIClvkglCexHSW",
            "mf1:v4O38Sgj0GA8SdJzV5H4MrECuvLKaIClvkglCexHSWMA",
            "mf1:v4O38Sgj0GA8SdJzV5H4MrECuvLKaIClvkglCexHSWM=",
            "mf1:v4O38Sgj0GA8SdJzV5H4MrECuvLKaIClvkglCexHSW+",
            "mf1:v4O38Sgj0GA8SdJzV5H4MrECuvLKaIClvkglCexHSW/",
            "mf1:v4O38Sgj0GA8SdJzV5H4MrECuvLKaIClvkglCexHSW ",
            "mf1:v4O38Sgj0GA8SdJzV5H4MrECuvLKaIClvkglCexHSWN",
            "mf1:v4O38Sgj0GA8SdJzV5H4MrECuvLKaIClvkglCexHSW\u00C4",
            " mf1:v4O38Sgj0GA8SdJzV5H4MrECuvLKaIClvkglCexHSW"})
    void malformedFingerprintRejected(String fingerprint) {
        assertThat(MachineFingerprint.isWellFormed(fingerprint)).isFalse();
    }

    @Test
    void nullFingerprintIsNotWellFormed() {
        assertThat(MachineFingerprint.isWellFormed(null)).isFalse();
    }

    @Test
    void vectorFingerprintIsWellFormed() {
        assertThat(MachineFingerprint.isWellFormed("mf1:v4O38Sgj0GA8SdJzV5H4MrECuvLKaIClvkglCexHSWM")).isTrue();
    }
}
