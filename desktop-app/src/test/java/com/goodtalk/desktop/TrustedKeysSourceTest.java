package com.goodtalk.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerPublicKey;
import com.goodtalk.protocol.jose.ServerSigningKey;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedKeysSourceTest {

    private static final ServerPublicKey FILE_KEY = ServerSigningKey.generate().publicKey();
    private static final ServerPublicKey ENV_KEY = ServerSigningKey.generate().publicKey();
    private static final ServerPublicKey BUILT_IN_KEY = ServerSigningKey.generate().publicKey();

    @TempDir
    Path directory;

    private Path write(String name, ServerPublicKey... keys) throws Exception {
        return Files.writeString(directory.resolve(name), JsonWebKeySet.of(keys).toJson() + "\n");
    }

    private URL builtIn() throws Exception {
        return write("built-in.jwks", BUILT_IN_KEY).toUri().toURL();
    }

    private static String onlyKid(Optional<TrustedKeys> keys) {
        assertThat(keys).isPresent();
        assertThat(keys.get().keys().keys()).hasSize(1);
        return keys.get().keys().keys().get(0).thumbprint();
    }

    @Test
    void fileGivenOnCommandLineWins() throws Exception {
        Path file = write("server.jwks", FILE_KEY);
        Path envFile = write("env.jwks", ENV_KEY);

        Optional<TrustedKeys> keys = TrustedKeysSource.resolve(file,
                Map.of(TrustedKeysSource.ENV_VARIABLE, envFile.toString()), builtIn());

        assertThat(onlyKid(keys)).isEqualTo(FILE_KEY.thumbprint());
        assertThat(keys.get().origin()).isEqualTo("file " + file);
        assertThat(keys.get().statusText()).isEqualTo("1 pinned server key from file " + file);
    }

    @Test
    void environmentPathBeatsBuiltInKeys() throws Exception {
        Path envFile = write("env.jwks", ENV_KEY);

        Optional<TrustedKeys> keys = TrustedKeysSource.resolve(null,
                Map.of(TrustedKeysSource.ENV_VARIABLE, " " + envFile + " "), builtIn());

        assertThat(onlyKid(keys)).isEqualTo(ENV_KEY.thumbprint());
        assertThat(keys.get().origin()).isEqualTo("file " + envFile);
    }

    @Test
    void environmentMayContainKeySetItself() throws Exception {
        String jwks = JsonWebKeySet.of(ENV_KEY, FILE_KEY).toJson();

        Optional<TrustedKeys> keys = TrustedKeysSource.resolve(null,
                Map.of(TrustedKeysSource.ENV_VARIABLE, jwks), null);

        assertThat(keys).isPresent();
        assertThat(keys.get().keys().keys()).extracting(ServerPublicKey::thumbprint)
                .containsExactly(ENV_KEY.thumbprint(), FILE_KEY.thumbprint());
        assertThat(keys.get().origin()).isEqualTo("environment variable GOODTALK_TRUSTED_KEYS");
        assertThat(keys.get().statusText()).startsWith("2 pinned server keys from ");
    }

    @Test
    void builtInKeysUsedWithoutOtherSource() throws Exception {
        Optional<TrustedKeys> keys = TrustedKeysSource.resolve(null, Map.of(), builtIn());

        assertThat(onlyKid(keys)).isEqualTo(BUILT_IN_KEY.thumbprint());
        assertThat(keys.get().origin()).isEqualTo("the keys built into the app");
    }

    @Test
    void noSourceGivesNoKeys() {
        assertThat(TrustedKeysSource.resolve(null, Map.of(), null)).isEmpty();
    }

    @Test
    void jarHasNoBuiltInKeysByDefault() {
        assertThat(TrustedKeysSource.class.getResource(TrustedKeysSource.RESOURCE))
                .as("a vendor adds " + TrustedKeysSource.RESOURCE + " at build time; the repository ships none")
                .isNull();
        assertThat(TrustedKeysSource.resolve(null, Map.of())).isEmpty();
    }

    @Test
    void missingFileRejectedWithExportCommand() {
        Path missing = directory.resolve("missing.jwks");

        assertThatThrownBy(() -> TrustedKeysSource.resolve(missing, Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The trusted keys file " + missing + " does not exist")
                .hasMessageContaining("--trusted-keys")
                .hasMessageContaining("keys export-jwks FILE");
    }

    @Test
    void missingFileFromEnvironmentNamesVariable() {
        Path missing = directory.resolve("missing.jwks");

        assertThatThrownBy(() -> TrustedKeysSource.resolve(null,
                Map.of(TrustedKeysSource.ENV_VARIABLE, missing.toString()), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the environment variable GOODTALK_TRUSTED_KEYS");
    }

    @Test
    void emptyEnvironmentVariableRejected() {
        assertThatThrownBy(() -> TrustedKeysSource.resolve(null, Map.of(TrustedKeysSource.ENV_VARIABLE, "  "), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GOODTALK_TRUSTED_KEYS is set but empty");
    }

    @Test
    void fileThatIsNotKeySetRejected() throws Exception {
        Path notJwks = Files.writeString(directory.resolve("secret.txt"), "just a secret\n");
        Path emptySet = Files.writeString(directory.resolve("empty.jwks"), "{\"keys\":[]}");

        assertThatThrownBy(() -> TrustedKeysSource.resolve(notJwks, Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The trusted keys from file " + notJwks + " are not a valid key set")
                .hasMessageContaining("Export the file again with: java -jar license-server.jar keys export-jwks FILE");
        assertThatThrownBy(() -> TrustedKeysSource.resolve(emptySet, Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void privateKeyInFileRejected() throws Exception {
        String jwks = JsonWebKeySet.of(FILE_KEY).toJson().replace("\"kty\"", "\"d\":\"AAAA\",\"kty\"");
        Path file = Files.writeString(directory.resolve("private.jwks"), jwks);

        assertThatThrownBy(() -> TrustedKeysSource.resolve(file, Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("private member \"d\"");
    }

    @Test
    void oversizedFileRejected() throws Exception {
        Path big = Files.write(directory.resolve("big.jwks"), new byte[TrustedKeysSource.MAX_BYTES + 1]);

        assertThatThrownBy(() -> TrustedKeysSource.resolve(big, Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("larger than 65536 bytes");
    }

    @Test
    void brokenBuiltInKeysNameTheFix() throws Exception {
        URL broken = Files.writeString(directory.resolve("broken.jwks"), "{").toUri().toURL();

        assertThatThrownBy(() -> TrustedKeysSource.resolve(null, Map.of(), broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("built into the app")
                .hasMessageContaining("--trusted-keys FILE");
    }

    @Test
    void missingKeysMessageNamesOptionAndServerCommand() {
        assertThat(TrustedKeysSource.missingKeysMessage())
                .contains("--trusted-keys FILE")
                .contains("java -jar license-server.jar keys export-jwks FILE")
                .contains("--jwks-out FILE")
                .contains("GOODTALK_TRUSTED_KEYS")
                .contains("--protocol v1");
        assertThat(TrustedKeysSource.missingKeysWindowMessage())
                .contains("--trusted-keys FILE")
                .contains("keys export-jwks FILE")
                .contains("choose v1");
    }
}
