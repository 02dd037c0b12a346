package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goodtalk.protocol.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSourceTest {

    private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    /** Tells whether two secrets are equal by the MACs they compute, since the bytes stay hidden. */
    private static boolean sameSecret(Secret first, Secret second) {
        return second.verifyHmacSha256(MESSAGE, first.hmacSha256(MESSAGE));
    }

    @Test
    void fileWinsOverEnvironment() throws Exception {
        Path file = Files.writeString(directory.resolve("v1.secret"), "from-file\n");

        ConfiguredSecret secret = SecretSource.resolve(file, Map.of(SecretSource.ENV_VARIABLE, "from-env"));

        assertThat(sameSecret(secret.secret(), Secret.ofUtf8("from-file"))).isTrue();
        assertThat(secret.origin()).isEqualTo("file " + file);
        assertThat(secret.isDemo()).isFalse();
    }

    @Test
    void fileDropsOneTrailingLineBreakOnly() throws Exception {
        Path crlf = Files.writeString(directory.resolve("crlf.secret"), "text\r\n");
        Path twoBreaks = Files.writeString(directory.resolve("two.secret"), "text\n\n");
        Path spaces = Files.writeString(directory.resolve("spaces.secret"), " text ");

        assertThat(sameSecret(SecretSource.resolve(crlf, Map.of()).secret(), Secret.ofUtf8("text"))).isTrue();
        assertThat(sameSecret(SecretSource.resolve(twoBreaks, Map.of()).secret(), Secret.ofUtf8("text\n"))).isTrue();
        assertThat(sameSecret(SecretSource.resolve(spaces, Map.of()).secret(), Secret.ofUtf8(" text "))).isTrue();
    }

    @Test
    void environmentUsedWithoutFile() {
        ConfiguredSecret secret = SecretSource.resolve(null, Map.of(SecretSource.ENV_VARIABLE, "from-env"));

        assertThat(sameSecret(secret.secret(), Secret.ofUtf8("from-env"))).isTrue();
        assertThat(secret.origin()).isEqualTo("environment variable GOODTALK_V1_SECRET");
        assertThat(secret.statusText()).doesNotContain("demo secret").doesNotContain("from-env");
    }

    @Test
    void demoSecretWithoutFileOrEnvironment() {
        ConfiguredSecret secret = SecretSource.resolve(null, Map.of());

        assertThat(secret.isDemo()).isTrue();
        assertThat(sameSecret(secret.secret(), Secret.proofOfConceptDemo())).isTrue();
        assertThat(secret.statusText()).contains("demo secret").contains("GOODTALK_V1_SECRET");
    }

    @Test
    void emptyEnvironmentVariableRejected() {
        assertThatThrownBy(() -> SecretSource.resolve(null, Map.of(SecretSource.ENV_VARIABLE, "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GOODTALK_V1_SECRET is set but empty");
    }

    @Test
    void missingFileRejected() {
        Path missing = directory.resolve("missing.secret");

        assertThatThrownBy(() -> SecretSource.resolve(missing, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void emptyFileRejected() throws Exception {
        Path file = Files.writeString(directory.resolve("empty.secret"), "\n");

        assertThatThrownBy(() -> SecretSource.resolve(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void directoryRejected() {
        assertThatThrownBy(() -> SecretSource.resolve(directory, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(directory.toString());
    }

    @Test
    void oversizedFileRejected() throws Exception {
        Path file = Files.write(directory.resolve("big.secret"), new byte[SecretSource.MAX_FILE_BYTES + 1]);

        assertThatThrownBy(() -> SecretSource.resolve(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("larger than 4096 bytes");
    }

    @Test
    void nonUtf8FileRejected() throws Exception {
        Path file = Files.write(directory.resolve("latin1.secret"), new byte[] {'a', (byte) 0xE9, 'b'});

        assertThatThrownBy(() -> SecretSource.resolve(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not UTF-8 text");
    }
}
