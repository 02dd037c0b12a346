package com.goodtalk.protocol.license;

import static com.goodtalk.protocol.license.CertificateForge.CLOCK;
import static com.goodtalk.protocol.license.CertificateForge.MACHINE;
import static com.goodtalk.protocol.license.CertificateForge.PINNED;
import static com.goodtalk.protocol.license.CertificateForge.SERVER_KEY;
import static com.goodtalk.protocol.license.CertificateForge.encode;
import static com.goodtalk.protocol.license.CertificateForge.genuine;
import static com.goodtalk.protocol.license.CertificateForge.genuinePayload;
import static com.goodtalk.protocol.license.CertificateForge.parts;
import static com.goodtalk.protocol.license.CertificateForge.signedPayload;
import static com.goodtalk.protocol.license.CertificateForge.signedRaw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goodtalk.protocol.jose.Base64Url;
import com.goodtalk.protocol.jose.ServerSigningKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Attacks on offline certificates, each asserting the check that catches it. */
class CertificateAttackTest {

    private static final String THUMBPRINT = SERVER_KEY.publicKey().thumbprint();

    private static InvalidCertificateException rejection(String certificate) {
        InvalidCertificateException failure = catchThrowableOfType(InvalidCertificateException.class,
                () -> LicenseCertificate.verifyOffline(certificate, PINNED, MACHINE, CLOCK));
        assertThat(failure).as("certificate %s was accepted", certificate).isNotNull();
        return failure;
    }

    private static void assertFailsAt(String certificate, CertificateCheck check) {
        InvalidCertificateException failure = rejection(certificate);
        assertThat(failure.failedCheck()).as(failure.getMessage()).isEqualTo(check);
    }

    private static String header(String alg, String typ, String kid) {
        return "{\"alg\":\"" + alg + "\",\"typ\":\"" + typ + "\",\"kid\":\"" + kid + "\"}";
    }

    private static String genuinePayloadJson() {
        return genuinePayload().toString();
    }

    @Test
    void genuineCertificatePasses() throws Exception {
        assertThat(LicenseCertificate.verifyOffline(genuine(), PINNED, MACHINE, CLOCK).licenseId()).isEqualTo("42");
    }

    @Test
    void everyPayloadBitFlipFailsSignature() {
        String[] parts = parts(genuine());
        byte[] payload = genuinePayloadBytes(parts[1]);
        List<String> accepted = new ArrayList<>();
        for (int index = 0; index < payload.length; index++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = payload.clone();
                flipped[index] ^= (byte) (1 << bit);
                String certificate = parts[0] + "." + Base64Url.encode(flipped) + "." + parts[2];
                InvalidCertificateException failure = rejection(certificate);
                if (failure.failedCheck() != CertificateCheck.SIGNATURE) {
                    accepted.add("byte " + index + " bit " + bit + ": " + failure.failedCheck());
                }
            }
        }
        assertThat(accepted).as("flips caught by a check other than the signature").isEmpty();
    }

    @Test
    void everyCharacterChangeIsRejected() {
        String certificate = genuine();
        Set<CertificateCheck> seen = EnumSet.noneOf(CertificateCheck.class);
        for (int i = 0; i < certificate.length(); i++) {
            char original = certificate.charAt(i);
            if (original == '.') {
                continue;
            }
            char replacement = original == 'A' ? 'B' : 'A';
            String edited = certificate.substring(0, i) + replacement + certificate.substring(i + 1);
            seen.add(rejection(edited).failedCheck());
        }
        // A changed character breaks the encoding, the header or the signature, never a later check.
        assertThat(seen).isSubsetOf(CertificateCheck.SYNTAX, CertificateCheck.TYPE, CertificateCheck.ALGORITHM,
                CertificateCheck.KEY_ID, CertificateCheck.SIGNATURE);
        assertThat(seen).contains(CertificateCheck.SIGNATURE);
    }

    @Test
    void unpinnedKeyFailsKeyId() {
        ServerSigningKey attacker = ServerSigningKey.generate();
        String certificate = LicenseCertificates.issue(attacker, CertificateForge.claims(CertificateForge.EXPIRES),
                CLOCK);

        InvalidCertificateException failure = rejection(certificate);

        assertThat(failure.failedCheck()).isEqualTo(CertificateCheck.KEY_ID);
        assertThat(failure).hasMessageContaining(attacker.publicKey().thumbprint()).hasMessageContaining(THUMBPRINT);
    }

    @Test
    void pinnedKidWithOtherKeysSignatureFails() {
        ServerSigningKey attacker = ServerSigningKey.generate();
        String forged = attacker.signJws(LicenseCertificate.TYPE, genuinePayloadJson().getBytes(StandardCharsets.UTF_8));
        String[] parts = parts(forged);
        String relabelled = encode(header("EdDSA", LicenseCertificate.TYPE, THUMBPRINT)) + "." + parts[1] + "."
                + parts[2];

        assertFailsAt(relabelled, CertificateCheck.SIGNATURE);
    }

    @Test
    void replyJwsFailsType() {
        String reply = SERVER_KEY.signJws("goodtalk-reply+jwt", genuinePayloadJson().getBytes(StandardCharsets.UTF_8));

        InvalidCertificateException failure = rejection(reply);

        assertThat(failure.failedCheck()).isEqualTo(CertificateCheck.TYPE);
        assertThat(failure).hasMessageContaining("\"goodtalk-reply+jwt\"").hasMessageContaining(LicenseCertificate.TYPE);
    }

    static Stream<Arguments> foreignHeaders() {
        return Stream.of(
                Arguments.of("no typ", "{\"alg\":\"EdDSA\",\"kid\":\"" + THUMBPRINT + "\"}", CertificateCheck.TYPE),
                Arguments.of("request typ", header("EdDSA", "goodtalk-request+jwt", THUMBPRINT), CertificateCheck.TYPE),
                Arguments.of("JWT typ", header("EdDSA", "JWT", THUMBPRINT), CertificateCheck.TYPE),
                Arguments.of("typ not a string", "{\"alg\":\"EdDSA\",\"typ\":1,\"kid\":\"" + THUMBPRINT + "\"}",
                        CertificateCheck.TYPE),
                Arguments.of("alg none", header("none", LicenseCertificate.TYPE, THUMBPRINT), CertificateCheck.ALGORITHM),
                Arguments.of("alg lower case", header("eddsa", LicenseCertificate.TYPE, THUMBPRINT),
                        CertificateCheck.ALGORITHM),
                Arguments.of("alg Ed25519", header("Ed25519", LicenseCertificate.TYPE, THUMBPRINT),
                        CertificateCheck.ALGORITHM),
                Arguments.of("alg missing", "{\"typ\":\"" + LicenseCertificate.TYPE + "\",\"kid\":\"" + THUMBPRINT + "\"}",
                        CertificateCheck.ALGORITHM),
                Arguments.of("kid missing", "{\"alg\":\"EdDSA\",\"typ\":\"" + LicenseCertificate.TYPE + "\"}",
                        CertificateCheck.KEY_ID),
                Arguments.of("kid unknown", header("EdDSA", LicenseCertificate.TYPE, "not-a-pinned-key"),
                        CertificateCheck.KEY_ID),
                Arguments.of("duplicate alg", "{\"alg\":\"EdDSA\",\"alg\":\"none\",\"typ\":\"" + LicenseCertificate.TYPE
                        + "\",\"kid\":\"" + THUMBPRINT + "\"}", CertificateCheck.SYNTAX),
                Arguments.of("crit", "{\"alg\":\"EdDSA\",\"typ\":\"" + LicenseCertificate.TYPE + "\",\"kid\":\""
                        + THUMBPRINT + "\",\"crit\":[\"exp\"]}", CertificateCheck.SYNTAX));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreignHeaders")
    void foreignHeaderFailsItsCheck(String name, String headerJson, CertificateCheck check) {
        // Signed with the real key, so only the header check can reject it.
        assertFailsAt(signedRaw(headerJson, genuinePayloadJson()), check);
    }

    @Test
    void unsignedAlgNoneFailsSyntax() {
        String unsigned = encode(header("none", LicenseCertificate.TYPE, THUMBPRINT)) + "."
                + encode(genuinePayloadJson()) + ".";

        assertFailsAt(unsigned, CertificateCheck.SYNTAX);
    }

    @Test
    void hmacWithPublicKeyFailsAlgorithm() throws Exception {
        // The classic key-confusion attack: an HS256 MAC keyed with the public key bytes.
        String signingInput = encode(header("HS256", LicenseCertificate.TYPE, THUMBPRINT)) + "."
                + encode(genuinePayloadJson());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SERVER_KEY.publicKey().raw(), "HmacSHA256"));
        String forged = signingInput + "." + Base64Url.encode(mac.doFinal(
                signingInput.getBytes(StandardCharsets.US_ASCII)));

        assertFailsAt(forged, CertificateCheck.ALGORITHM);
    }

    static Stream<Arguments> malformedTexts() {
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("two parts", "abc.def"),
                Arguments.of("four parts", "a.b.c.d"),
                Arguments.of("whitespace", genuine() + "\n"),
                Arguments.of("padding", genuine() + "="),
                Arguments.of("JSON", "{\"lic\":\"42\"}"),
                Arguments.of("too long", "A".repeat(40_000) + ".B.C"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedTexts")
    void malformedTextFailsSyntax(String name, String text) {
        assertFailsAt(text, CertificateCheck.SYNTAX);
    }

    static Stream<Arguments> claimEdits() {
        return Stream.of(
                Arguments.of("lic missing", (Consumer<ObjectNode>) p -> p.remove("lic")),
                Arguments.of("lic a number", (Consumer<ObjectNode>) p -> p.put("lic", 42)),
                Arguments.of("key_hint a full key", (Consumer<ObjectNode>) p -> p.put("key_hint", "GT7Q2M-M2XK9P")),
                Arguments.of("features a string", (Consumer<ObjectNode>) p -> p.put("features", "export")),
                Arguments.of("features with a number", (Consumer<ObjectNode>) p -> p.putArray("features").add(1)),
                Arguments.of("machine missing", (Consumer<ObjectNode>) p -> p.remove("machine")),
                Arguments.of("iat a float", (Consumer<ObjectNode>) p -> p.put("iat", 1.75e9)),
                Arguments.of("iat a string", (Consumer<ObjectNode>) p -> p.put("iat", "1750000000")),
                Arguments.of("iat negative", (Consumer<ObjectNode>) p -> p.put("iat", -1)),
                Arguments.of("exp null", (Consumer<ObjectNode>) p -> p.putNull("exp")),
                Arguments.of("exp a boolean", (Consumer<ObjectNode>) p -> p.put("exp", true)),
                Arguments.of("rvb missing", (Consumer<ObjectNode>) p -> p.remove("rvb")),
                Arguments.of("rvb before iat", (Consumer<ObjectNode>) p -> p.put("rvb", p.get("iat").longValue() - 1)),
                Arguments.of("jti missing", (Consumer<ObjectNode>) p -> p.remove("jti")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("claimEdits")
    void signedBadClaimsFailClaims(String name, Consumer<ObjectNode> edit) {
        ObjectNode payload = genuinePayload();
        edit.accept(payload);

        assertFailsAt(signedPayload(payload), CertificateCheck.CLAIMS);
    }

    @Test
    void signedNonJsonPayloadFailsClaims() {
        assertFailsAt(SERVER_KEY.signJws(LicenseCertificate.TYPE, "not json".getBytes(StandardCharsets.UTF_8)),
                CertificateCheck.CLAIMS);
    }

    @Test
    void duplicateMachineClaimFailsClaims() {
        // A lenient parser might read the second machine and accept the certificate on that machine.
        String payload = genuinePayloadJson().replace("\"jti\"", "\"machine\":\"other-machine\",\"jti\"");

        assertFailsAt(signedRaw(header("EdDSA", LicenseCertificate.TYPE, THUMBPRINT), payload),
                CertificateCheck.CLAIMS);
    }

    @Test
    void extendedExpiryIsCaughtBySignature() {
        ObjectNode payload = genuinePayload();
        payload.put("exp", payload.get("exp").longValue() + 86_400L * 365);
        String[] parts = parts(genuine());

        assertFailsAt(parts[0] + "." + encode(payload.toString()) + "." + parts[2], CertificateCheck.SIGNATURE);
    }

    private static byte[] genuinePayloadBytes(String encodedPayload) {
        try {
            return Base64Url.decode(encodedPayload, "payload");
        } catch (com.goodtalk.protocol.MalformedMessageException e) {
            throw new IllegalStateException(e);
        }
    }
}
