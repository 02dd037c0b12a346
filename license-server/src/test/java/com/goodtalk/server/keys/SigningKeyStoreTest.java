package com.goodtalk.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.goodtalk.protocol.jose.ServerPublicKey;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.server.keys.SigningKeyStoreException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing key store on disk: its life cycle and every broken state an operator can cause. */
class SigningKeyStoreTest {

    @TempDir
    Path dataDir;

    private SigningKeyStore store() {
        return new SigningKeyStore(dataDir);
    }

    @Test
    void emptyDataDirHasNoKeys() throws Exception {
        assertThat(store().load()).isEmpty();
        assertRejected(() -> store().require(), Reason.MISSING, "license-server keys generate --data-dir " + dataDir);
    }

    @Test
    void generatedKeyLoadsAsActive() throws Exception {
        SigningKeys generated = store().generate();

        SigningKeys loaded = store().require();

        assertThat(loaded.activeKeyId()).isEqualTo(generated.activeKeyId());
        assertThat(loaded.active().publicKey()).isEqualTo(generated.active().publicKey());
        assertThat(loaded.keyIds()).containsExactly(generated.activeKeyId());
        assertThat(Files.readString(dataDir.resolve("signing-keys/active"))).isEqualTo(generated.activeKeyId() + "\n");
    }

    @Test
    void olderKeysFollowActiveSortedById() throws Exception {
        String first = store().generate().activeKeyId();
        String second = store().rotate().activeKeyId();
        String third = store().rotate().activeKeyId();

        SigningKeys loaded = store().require();

        assertThat(loaded.activeKeyId()).isEqualTo(third);
        assertThat(loaded.keyIds()).containsExactly(third, first.compareTo(second) < 0 ? first : second,
                first.compareTo(second) < 0 ? second : first);
    }

    @Test
    void rotateWithoutKeyNamesGenerate() {
        assertRejected(() -> store().rotate(), Reason.MISSING, "keys generate");
        assertThat(dataDir.resolve("signing-keys")).doesNotExist();
    }

    @Test
    void retireMovesKeyAside() throws Exception {
        String old = store().generate().activeKeyId();
        String current = store().rotate().activeKeyId();

        SigningKeys remaining = store().retire(old);

        assertThat(remaining.keyIds()).containsExactly(current);
        assertThat(store().require().keyIds()).containsExactly(current);
        assertThat(dataDir.resolve("signing-keys/retired/" + old + ".pem")).exists();
    }

    @Test
    void retireActiveOrUnknownIsRejected() throws Exception {
        String active = store().generate().activeKeyId();

        assertRejected(() -> store().retire(active), Reason.REFUSED, "keys rotate");
        assertRejected(() -> store().retire("../../etc/passwd"), Reason.MISSING, "The published keys are: " + active);
    }

    @Test
    void missingActiveFileIsInvalid() throws Exception {
        store().generate();
        Files.delete(dataDir.resolve("signing-keys/active"));

        assertRejected(() -> store().load(), Reason.INVALID, "no file active");
    }

    @Test
    void activeNamingAbsentKeyIsInvalid() throws Exception {
        store().generate();
        Files.writeString(dataDir.resolve("signing-keys/active"), "some-other-kid\n");

        assertRejected(() -> store().load(), Reason.INVALID, "names the key some-other-kid");
    }

    @Test
    void activeFileOfTwoLinesIsInvalid() throws Exception {
        String kid = store().generate().activeKeyId();
        Files.writeString(dataDir.resolve("signing-keys/active"), kid + "\n" + kid + "\n");

        assertRejected(() -> store().load(), Reason.INVALID, "exactly one key id");
    }

    @Test
    void activeFileWithoutKeysIsInvalid() throws Exception {
        Files.createDirectories(dataDir.resolve("signing-keys"));
        Files.writeString(dataDir.resolve("signing-keys/active"), "some-kid\n");

        assertRejected(() -> store().load(), Reason.INVALID, "has no private key file");
    }

    @Test
    void keyFileNamedForOtherKidIsInvalid() throws Exception {
        String kid = store().generate().activeKeyId();
        Path keys = dataDir.resolve("signing-keys");
        Files.move(keys.resolve(kid + ".pem"), keys.resolve("renamed.pem"));

        assertRejected(() -> store().load(), Reason.INVALID, "its name must be " + kid + ".pem");
    }

    @Test
    void keyFileThatIsNoKeyIsInvalid() throws Exception {
        String kid = store().generate().activeKeyId();
        Path keyFile = dataDir.resolve("signing-keys/" + kid + ".pem");
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");

        assertRejected(() -> store().load(), Reason.INVALID, "is not an Ed25519 PKCS#8 PEM key");
    }

    @Test
    void signingKeysPathThatIsFileIsInvalid() throws Exception {
        Files.writeString(dataDir.resolve("signing-keys"), "not a directory");

        assertRejected(() -> store().load(), Reason.INVALID, "is not a directory");
    }

    @Test
    void keyWrittenByOtherToolLoads() throws Exception {
        ServerSigningKey key = ServerSigningKey.generate();
        String kid = key.publicKey().thumbprint();
        Path keys = Files.createDirectories(dataDir.resolve("signing-keys"));
        OwnerOnlyFiles.createOwnerOnly(keys.resolve(kid + ".pem"), key.toPkcs8Pem());
        Files.writeString(keys.resolve("active"), kid, StandardCharsets.US_ASCII);

        SigningKeys loaded = store().require();

        assertThat(loaded.jwks().keys()).extracting(ServerPublicKey::thumbprint).containsExactly(kid);
    }

    @Test
    void jwksFileMatchesServedDocument() throws Exception {
        SigningKeys keys = store().generate();
        Path file = dataDir.resolve("jwks.json");

        JwksFiles.write(file, keys.jwks());

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(keys.jwks().toJson());
    }

    @Test
    void jwksFileInMissingDirectoryIsNotWritable() throws Exception {
        SigningKeys keys = store().generate();

        assertRejected(() -> JwksFiles.write(dataDir.resolve("no/such/dir/jwks.json"), keys.jwks()),
                Reason.NOT_WRITABLE, "Check that the directory exists");
    }

    private static void assertRejected(ThrowingCallable call, Reason reason, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SigningKeyStoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }
}
