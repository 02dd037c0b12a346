package com.goodtalk.protocol.jose;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.MalformedMessageException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Checks the Ed25519 examples of RFC 8037 appendix A.1 to A.5. */
class Rfc8037VectorsTest {

    private static final String D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    private static final String X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    private static final String THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
    private static final String PAYLOAD = "Example of Ed25519 signing";
    private static final String JWS = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
            + ".hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    private static ServerSigningKey rfcKey() throws MalformedMessageException {
        return ServerSigningKey.fromRawPrivateKey(Base64Url.decode(D, "d"));
    }

    @Test
    void publicKeyMatchesAppendixA2() throws MalformedMessageException {
        ServerPublicKey publicKey = rfcKey().publicKey();

        assertThat(Base64Url.encode(publicKey.raw())).isEqualTo(X);
    }

    @Test
    void thumbprintMatchesAppendixA3() throws MalformedMessageException {
        ServerPublicKey publicKey = ServerPublicKey.fromRaw(Base64Url.decode(X, "x"));

        assertThat(publicKey.thumbprint()).isEqualTo(THUMBPRINT);
    }

    @Test
    void signatureMatchesAppendixA4() throws MalformedMessageException {
        ServerSigningKey key = rfcKey();

        String jws = CompactJws.serialize("{\"alg\":\"EdDSA\"}".getBytes(StandardCharsets.US_ASCII),
                PAYLOAD.getBytes(StandardCharsets.US_ASCII), key::sign);

        assertThat(jws).isEqualTo(JWS);
    }

    @Test
    void appendixA5SignatureVerifies() throws MalformedMessageException {
        ServerPublicKey publicKey = ServerPublicKey.fromRaw(Base64Url.decode(X, "x"));

        CompactJws jws = CompactJws.parse(JWS.getBytes(StandardCharsets.US_ASCII));

        assertThat(jws.header().get("alg").textValue()).isEqualTo("EdDSA");
        assertThat(jws.payloadText()).isEqualTo(PAYLOAD);
        assertThat(publicKey.verifySignature(jws.signingInput(), jws.signature())).isTrue();
    }

    @Test
    void appendixA5SignatureFailsForOtherPayload() throws MalformedMessageException {
        ServerPublicKey publicKey = ServerPublicKey.fromRaw(Base64Url.decode(X, "x"));
        CompactJws jws = CompactJws.parse(JWS.getBytes(StandardCharsets.US_ASCII));

        byte[] otherInput = ("eyJhbGciOiJFZERTQSJ9." + Base64Url.encode("Example of Ed25519 signinG".getBytes(
                StandardCharsets.US_ASCII))).getBytes(StandardCharsets.US_ASCII);

        assertThat(publicKey.verifySignature(otherInput, jws.signature())).isFalse();
    }

    @Test
    void rfcKeyWithThumbprintParsesAsKeySet() throws MalformedMessageException {
        String jwks = "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\",\"kid\":\"" + THUMBPRINT
                + "\"}]}";

        JsonWebKeySet set = JsonWebKeySet.parse(jwks);

        assertThat(set.find(THUMBPRINT)).contains(ServerPublicKey.fromRaw(Base64Url.decode(X, "x")));
    }
}
