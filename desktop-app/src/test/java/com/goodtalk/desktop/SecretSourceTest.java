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
    void fileReadWithoutTrailingLineBreaks() throws Exception {
        Path lf = Files.writeString(directory.resolve("lf.secret"), "from-file\n");
        Path crlf = Files.writeString(directory.resolve("crlf.secret"), "from-file\r\n\r\n");
        Path spaces = Files.writeString(directory.resolve("spaces.secret"), " from-file ");

        ConfiguredSecret secret = SecretSource.V1.resolve(lf, Map.of());

        assertThat(sameSecret(secret.secret(), Secret.ofUtf8("from-file"))).isTrue();
        assertThat(secret.origin()).isEqualTo("file " + lf);
        assertThat(secret.isDemo()).isFalse();
        assertThat(sameSecret(SecretSource.V1.resolve(crlf, Map.of()).secret(), Secret.ofUtf8("from-file"))).isTrue();
        assertThat(sameSecret(SecretSource.V1.resolve(spaces, Map.of()).secret(), Secret.ofUtf8(" from-file ")))
                .isTrue();
    }

    @Test
    void fileKeepsBytesThatAreNotUtf8() throws Exception {
        byte[] latin1 = {'a', (byte) 0xE9, 'b'};
        Path file = Files.write(directory.resolve("latin1.secret"), latin1);

        assertThat(sameSecret(SecretSource.V1.resolve(file, Map.of()).secret(), Secret.ofBytes(latin1))).isTrue();
    }

    @Test
    void fileAndEnvironmentTogetherRejected() throws Exception {
        Path file = Files.writeString(directory.resolve("v1.secret"), "from-file");

        assertThatThrownBy(() -> SecretSource.V1.resolve(file, Map.of(SecretSource.ENV_VARIABLE, "from-env")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Both GOODTALK_V1_SECRET and --secret-file " + file + " are set");
    }

    @Test
    void environmentUsedWithoutFile() {
        ConfiguredSecret secret = SecretSource.V1.resolve(null, Map.of(SecretSource.ENV_VARIABLE, "from-env"));

        assertThat(sameSecret(secret.secret(), Secret.ofUtf8("from-env"))).isTrue();
        assertThat(secret.origin()).isEqualTo("environment variable GOODTALK_V1_SECRET");
        assertThat(secret.statusText()).doesNotContain("demo secret").doesNotContain("from-env");
    }

    @Test
    void demoSecretWithoutFileOrEnvironment() {
        ConfiguredSecret secret = SecretSource.V1.resolve(null, Map.of());

        assertThat(secret.isDemo()).isTrue();
        assertThat(sameSecret(secret.secret(), Secret.proofOfConceptDemo())).isTrue();
        assertThat(secret.statusText()).contains("demo secret").contains("GOODTALK_V1_SECRET");
    }

    @Test
    void emptyEnvironmentVariableRejected() {
        assertThatThrownBy(() -> SecretSource.V1.resolve(null, Map.of(SecretSource.ENV_VARIABLE, "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GOODTALK_V1_SECRET is set but empty");
    }

    @Test
    void missingFileRejected() {
        Path missing = directory.resolve("missing.secret");

        assertThatThrownBy(() -> SecretSource.V1.resolve(missing, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void emptyFileRejected() throws Exception {
        Path file = Files.writeString(directory.resolve("empty.secret"), "\n");

        assertThatThrownBy(() -> SecretSource.V1.resolve(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void directoryRejected() {
        assertThatThrownBy(() -> SecretSource.V1.resolve(directory, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(directory.toString());
    }

    @Test
    void oversizedFileRejected() throws Exception {
        Path file = Files.write(directory.resolve("big.secret"), new byte[SecretSource.MAX_FILE_BYTES + 1]);

        assertThatThrownBy(() -> SecretSource.V1.resolve(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("larger than 4096 bytes");
    }

    @Test
    void v2ClientSecretReadFromItsOwnVariable() {
        ConfiguredSecret secret = SecretSource.V2_CLIENT.resolve(null,
                Map.of(SecretSource.V2_ENV_VARIABLE, "v2-from-env", SecretSource.ENV_VARIABLE, "v1-from-env"));

        assertThat(sameSecret(secret.secret(), Secret.ofUtf8("v2-from-env"))).isTrue();
        assertThat(secret.origin()).isEqualTo("environment variable GOODTALK_V2_CLIENT_SECRET");
        assertThat(secret.statusText()).isEqualTo(
                "Signing with the v2 client secret from environment variable GOODTALK_V2_CLIENT_SECRET.");
    }

    @Test
    void v2DemoSecretNamesV2Sources() {
        ConfiguredSecret secret = SecretSource.V2_CLIENT.resolve(null, Map.of(SecretSource.ENV_VARIABLE, "v1"));

        assertThat(secret.isDemo()).isTrue();
        assertThat(secret.statusText()).contains("demo secret")
                .contains("anyone can send requests as this client")
                .contains("GOODTALK_V2_CLIENT_SECRET")
                .contains("--client-secret-file");
    }

    @Test
    void v2MessagesNameClientSecretFileOption() throws Exception {
        Path file = Files.writeString(directory.resolve("client.secret"), "\r\n");

        assertThatThrownBy(() -> SecretSource.V2_CLIENT.resolve(file, Map.of(SecretSource.V2_ENV_VARIABLE, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Both GOODTALK_V2_CLIENT_SECRET and --client-secret-file " + file);
        assertThatThrownBy(() -> SecretSource.V2_CLIENT.resolve(file, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is empty. Write the v2 client secret into it.");
    }
}
