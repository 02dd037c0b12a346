package com.goodtalk.protocol.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks PEM encodings of Ed25519 keys, against the real openssl binary where it exists. */
class ServerKeyPemTest {

    @TempDir
    Path directory;

    @Test
    void privateKeyPemRoundTrips() {
        ServerSigningKey key = ServerSigningKey.generate();

        ServerSigningKey read = ServerSigningKey.fromPkcs8Pem(key.toPkcs8Pem());

        assertThat(read.publicKey()).isEqualTo(key.publicKey());
        assertThat(read.toPkcs8Pem()).isEqualTo(key.toPkcs8Pem());
    }

    @Test
    void publicKeyPemRoundTrips() {
        ServerPublicKey key = ServerSigningKey.generate().publicKey();

        assertThat(ServerPublicKey.fromPem(key.toPem())).isEqualTo(key);
    }

    @Test
    void generatedKeysDiffer() {
        assertThat(ServerSigningKey.generate().publicKey()).isNotEqualTo(ServerSigningKey.generate().publicKey());
    }

    @Test
    void toStringPrintsNoKeyMaterial() {
        ServerSigningKey key = ServerSigningKey.generate();
        String pemBody = key.toPkcs8Pem().lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();

        String text = key.toString();

        assertThat(text).isEqualTo("ServerSigningKey[Ed25519, kid=" + key.publicKey().thumbprint() + "]");
        assertThat(text).doesNotContain(pemBody).doesNotContain(pemBody.substring(pemBody.length() - 43));
    }

    @Test
    void opensslReadsOurPrivateKey() throws Exception {
        OpenSsl.assumeAvailable();
        ServerSigningKey key = ServerSigningKey.generate();
        Files.writeString(directory.resolve("key.pem"), key.toPkcs8Pem());

        OpenSsl.Result text = OpenSsl.run(directory, "pkey", "-in", "key.pem", "-text", "-noout");
        OpenSsl.Result publicPem = OpenSsl.run(directory, "pkey", "-in", "key.pem", "-pubout");

        assertThat(text.exitCode()).as(text.output()).isZero();
        assertThat(text.output()).contains("ED25519 Private-Key");
        assertThat(text.output().replaceAll("[\\s:]", "")).contains(HexFormat.of().formatHex(key.publicKey().raw()));
        assertThat(publicPem.exitCode()).as(publicPem.output()).isZero();
        assertThat(publicPem.output()).isEqualTo(key.publicKey().toPem());
    }

    @Test
    void opensslReadsOurPublicKey() throws Exception {
        OpenSsl.assumeAvailable();
        ServerPublicKey key = ServerSigningKey.generate().publicKey();
        Files.writeString(directory.resolve("public.pem"), key.toPem());

        OpenSsl.Result text = OpenSsl.run(directory, "pkey", "-pubin", "-in", "public.pem", "-text", "-noout");

        assertThat(text.exitCode()).as(text.output()).isZero();
        assertThat(text.output()).contains("ED25519 Public-Key");
        assertThat(text.output().replaceAll("[\\s:]", "")).contains(HexFormat.of().formatHex(key.raw()));
    }

    @Test
    void weReadOpensslGeneratedKey() throws Exception {
        OpenSsl.assumeAvailable();
        OpenSsl.Result generated = OpenSsl.run(directory, "genpkey", "-algorithm", "ed25519", "-out", "key.pem");
        OpenSsl.Result exported = OpenSsl.run(directory, "pkey", "-in", "key.pem", "-pubout", "-out", "public.pem");
        assertThat(generated.exitCode()).as(generated.output()).isZero();
        assertThat(exported.exitCode()).as(exported.output()).isZero();
        String privatePem = Files.readString(directory.resolve("key.pem"));

        ServerSigningKey key = ServerSigningKey.fromPkcs8Pem(privatePem);

        assertThat(key.publicKey()).isEqualTo(ServerPublicKey.fromPem(Files.readString(directory.resolve("public.pem"))));
        assertThat(key.toPkcs8Pem()).isEqualTo(privatePem);
    }

    @Test
    void pkcs8WithMatchingPublicKeyAccepted() throws IOException {
        ServerSigningKey key = ServerSigningKey.generate();
        byte[] seed = seedOf(key);

        ServerSigningKey read = ServerSigningKey.fromPkcs8Pem(pkcs8V2Pem(seed, key.publicKey().raw()));

        assertThat(read.publicKey()).isEqualTo(key.publicKey());
    }

    @Test
    void pkcs8WithOtherPublicKeyRejected() throws IOException {
        ServerSigningKey key = ServerSigningKey.generate();
        String pem = pkcs8V2Pem(seedOf(key), ServerSigningKey.generate().publicKey().raw());

        assertThatThrownBy(() -> ServerSigningKey.fromPkcs8Pem(pem))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong to its private key");
    }

    @Test
    void ecKeyRejectedNamingAlgorithm() throws Exception {
        OpenSsl.assumeAvailable();
        OpenSsl.Result generated = OpenSsl.run(directory, "genpkey", "-algorithm", "EC",
                "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem");
        assertThat(generated.exitCode()).as(generated.output()).isZero();
        String pem = Files.readString(directory.resolve("ec.pem"));

        assertThatThrownBy(() -> ServerSigningKey.fromPkcs8Pem(pem))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.2.840.10045.2.1")
                .hasMessageContaining("only Ed25519")
                .hasMessageContaining("openssl genpkey -algorithm ed25519");
    }

    @Test
    void encryptedKeyRejectedWithHint() throws Exception {
        OpenSsl.assumeAvailable();
        OpenSsl.Result generated = OpenSsl.run(directory, "genpkey", "-algorithm", "ed25519",
                "-aes-256-cbc", "-pass", "pass:test-only", "-out", "encrypted.pem");
        assertThat(generated.exitCode()).as(generated.output()).isZero();
        String pem = Files.readString(directory.resolve("encrypted.pem"));

        assertThatThrownBy(() -> ServerSigningKey.fromPkcs8Pem(pem))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"ENCRYPTED PRIVATE KEY\"")
                .hasMessageContaining("Decrypt it first");
    }

    @Test
    void publicKeyBlockRejectedAsPrivateKey() {
        String pem = ServerSigningKey.generate().publicKey().toPem();

        assertThatThrownBy(() -> ServerSigningKey.fromPkcs8Pem(pem))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The PEM block is \"PUBLIC KEY\"; expected \"PRIVATE KEY\"");
    }

    @Test
    void textWithoutPemRejected() {
        assertThatThrownBy(() -> ServerSigningKey.fromPkcs8Pem("not a key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains no PEM block");
    }

    @Test
    void twoPemBlocksRejected() {
        String pem = ServerSigningKey.generate().toPkcs8Pem() + ServerSigningKey.generate().toPkcs8Pem();

        assertThatThrownBy(() -> ServerSigningKey.fromPkcs8Pem(pem))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than one PEM block");
    }

    @Test
    void shortPrivateKeyRejected() throws IOException {
        byte[] der = new PrivateKeyInfo(new AlgorithmIdentifier(Ed25519Encoding.ID_ED25519),
                new DEROctetString(new byte[31])).getEncoded(ASN1Encoding.DER);
        String pem = pem("PRIVATE KEY", der);

        assertThatThrownBy(() -> ServerSigningKey.fromPkcs8Pem(pem))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 31 bytes; expected 32");
    }

    private static byte[] seedOf(ServerSigningKey key) {
        String base64 = key.toPkcs8Pem().lines().filter(line -> !line.startsWith("-----")).reduce("", String::concat);
        byte[] der = java.util.Base64.getDecoder().decode(base64);
        byte[] seed = new byte[32];
        System.arraycopy(der, der.length - 32, seed, 0, 32);
        return seed;
    }

    private static String pkcs8V2Pem(byte[] seed, byte[] publicKey) throws IOException {
        byte[] der = new PrivateKeyInfo(new AlgorithmIdentifier(Ed25519Encoding.ID_ED25519),
                new DEROctetString(seed), null, publicKey).getEncoded(ASN1Encoding.DER);
        return pem("PRIVATE KEY", der);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + label + "-----\n";
    }
}
