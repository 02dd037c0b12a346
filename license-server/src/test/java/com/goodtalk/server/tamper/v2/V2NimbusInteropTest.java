package com.goodtalk.server.tamper.v2;

import static com.goodtalk.server.tamper.v2.V2Tampering.KEY;
import static com.goodtalk.server.tamper.v2.V2Tampering.UNKNOWN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2Status;
import com.goodtalk.server.testing.RunningServer;
import com.goodtalk.testkit.Exchange;
import com.goodtalk.testkit.TamperingProxy;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cross-checks the real server with a second JOSE implementation, nimbus-jose-jwt. Nimbus
 * verifies the server's replies with the key set the server publishes. Requests that nimbus
 * signs, with an HMAC key derived here independently from the client secret file, are accepted.
 */
class V2NimbusInteropTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    /** The HKDF info that derives the request HMAC key, as the protocol defines it. */
    private static final String REQUEST_HMAC_INFO = "GoodTalk protocol v2 request HMAC-SHA256";

    private static TamperingProxy proxy;
    private static HttpClient http;

    @TempDir
    static Path files;

    @BeforeAll
    static void startProxy() {
        proxy = TamperingProxy.start(server.baseUri());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopProxy() {
        proxy.close();
    }

    /**
     * Derives the request HMAC key with BouncyCastle's HKDF (RFC 5869): the secret file's bytes
     * without the trailing newline as input keying material, an empty salt, the protocol's info
     * text, 32 bytes of output.
     */
    private static byte[] derivedRequestKey() throws Exception {
        Path secretFile = files.resolve("v2-client-secret");
        server.writeV2SecretFile(secretFile);
        byte[] content = Files.readAllBytes(secretFile);
        int length = content.length;
        while (length > 0 && (content[length - 1] == '\n' || content[length - 1] == '\r')) {
            length--;
        }
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(Arrays.copyOf(content, length), new byte[0],
                REQUEST_HMAC_INFO.getBytes(StandardCharsets.US_ASCII)));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);
        return key;
    }

    private static Map<String, Object> claims(String operation, String productKey) {
        byte[] jti = new byte[32];
        new SecureRandom().nextBytes(jti);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("op", operation);
        claims.put("key", productKey);
        claims.put("machine", V2Tampering.MACHINE);
        claims.put("app", "nimbus-jose-jwt interop");
        claims.put("jti", Base64URL.encode(jti).toString());
        claims.put("iat", Instant.now().getEpochSecond());
        return claims;
    }

    private static JWSObject nimbusRequest(JWSAlgorithm algorithm, byte[] key, Map<String, Object> claims)
            throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader.Builder(algorithm)
                .type(new JOSEObjectType(V2Protocol.REQUEST_TYPE))
                .keyID(server.clientKeyId())
                .build(), new Payload(claims));
        jws.sign(new MACSigner(key));
        return jws;
    }

    private static HttpResponse<String> post(V2Operation operation, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + operation.path()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", V2Protocol.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.US_ASCII))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
    }

    /** Returns the server's pinned public key as a nimbus JWK, parsed from the pinned JWKS text. */
    private static OctetKeyPair pinnedNimbusKey(String kid) throws Exception {
        JWK key = JWKSet.parse(server.jwks().toJson()).getKeyByKeyId(kid);
        assertThat(key).as("pinned key %s", kid).isNotNull();
        return key.toOctetKeyPair();
    }

    /** Verifies a server reply with nimbus and returns its claims. */
    private static Map<String, Object> nimbusVerified(String reply) throws Exception {
        JWSObject jws = JWSObject.parse(reply);
        assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(jws.getHeader().getType().getType()).isEqualTo(V2Protocol.REPLY_TYPE);
        assertThat(jws.verify(new Ed25519Verifier(pinnedNimbusKey(jws.getHeader().getKeyID()))))
                .as("nimbus verifies %s", reply).isTrue();
        return jws.getPayload().toJSONObject();
    }

    private static String sha256Base64Url(byte[] body) throws Exception {
        return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(body)).toString();
    }

    @Test
    void publishedJwksParsesInNimbus() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUri()
                + V2Protocol.KEYS_PATH)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/jwk-set+json"));
        JWKSet published = JWKSet.parse(response.body());
        assertThat(published.getKeys()).hasSize(server.jwks().keys().size());
        for (JWK key : published.getKeys()) {
            assertThat(key.getKeyType()).isEqualTo(KeyType.OKP);
            assertThat(key.toOctetKeyPair().getCurve()).isEqualTo(Curve.Ed25519);
            assertThat(key.isPrivate()).as("private material in the published JWKS").isFalse();
            assertThat(key.getKeyID()).as("kid is the RFC 7638 thumbprint")
                    .isEqualTo(key.computeThumbprint().toString());
            assertThat(key.getAlgorithm()).hasToString("EdDSA");
            assertThat(pinnedNimbusKey(key.getKeyID()).getX()).as("published key equals the pinned key")
                    .isEqualTo(key.toOctetKeyPair().getX());
        }
    }

    @ParameterizedTest(name = "nimbus verifies the real server''s reply for {0}")
    @ValueSource(strings = {KEY, UNKNOWN_KEY})
    void nimbusVerifiesRealReply(String productKey) throws Exception {
        VerificationTrace trace = V2Tampering.clientThrough(proxy, server).activate(productKey);
        Exchange exchange = proxy.exchanges().get(proxy.exchanges().size() - 1);

        Map<String, Object> claims = nimbusVerified(exchange.upstreamReply().orElseThrow().bodyText());

        assertThat(claims.get("req")).isEqualTo(sha256Base64Url(exchange.forwardedRequest().orElseThrow().body()));
        assertThat(claims.get("status"))
                .isEqualTo(productKey.equals(KEY) ? V2Status.ACTIVATED.word() : V2Status.KEY_INVALID.word());
        assertThat(trace.verdict().kind()).as(trace.toJson())
                .isEqualTo(productKey.equals(KEY) ? Verdict.Kind.ACTIVATED : Verdict.Kind.REJECTED);
    }

    @Test
    void nimbusSignedRequestIsAccepted() throws Exception {
        Map<String, Object> claims = claims("activate", KEY);
        String body = nimbusRequest(JWSAlgorithm.HS256, derivedRequestKey(), claims).serialize();

        HttpResponse<String> response = post(V2Operation.ACTIVATE, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> reply = nimbusVerified(response.body());
        assertThat(reply.get("status")).isEqualTo(V2Status.ACTIVATED.word());
        assertThat(reply.get("req_jti")).isEqualTo(claims.get("jti"));
        assertThat(reply.get("req")).isEqualTo(sha256Base64Url(body.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void nimbusSignedValidateAndDeactivateAreAccepted() throws Exception {
        byte[] key = derivedRequestKey();
        post(V2Operation.ACTIVATE, nimbusRequest(JWSAlgorithm.HS256, key, claims("activate", KEY)).serialize());

        HttpResponse<String> validated = post(V2Operation.VALIDATE,
                nimbusRequest(JWSAlgorithm.HS256, key, claims("validate", KEY)).serialize());
        HttpResponse<String> deactivated = post(V2Operation.DEACTIVATE,
                nimbusRequest(JWSAlgorithm.HS256, key, claims("deactivate", KEY)).serialize());

        assertThat(nimbusVerified(validated.body()).get("status")).as(validated.body())
                .isEqualTo(V2Status.VALID.word());
        assertThat(nimbusVerified(deactivated.body()).get("status")).as(deactivated.body())
                .isEqualTo(V2Status.DEACTIVATED.word());
    }

    @Test
    void nimbusHs512RequestIsBadSignature() throws Exception {
        byte[] key = derivedRequestKey();
        byte[] doubled = Arrays.copyOf(key, 64);
        System.arraycopy(key, 0, doubled, 32, 32);

        HttpResponse<String> response = post(V2Operation.ACTIVATE,
                nimbusRequest(JWSAlgorithm.HS512, doubled, claims("activate", KEY)).serialize());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(nimbusVerified(response.body()).get("status")).isEqualTo(V2Status.BAD_SIGNATURE.word());
    }

    @Test
    void requestKeyedWithUnderivedSecretIsBadSignature() throws Exception {
        // The v2 key is derived from the secret with HKDF, so the secret itself must not work as the key.
        Path secretFile = files.resolve("v2-client-secret-raw");
        server.writeV2SecretFile(secretFile);
        byte[] underived = Files.readString(secretFile, StandardCharsets.UTF_8).strip()
                .getBytes(StandardCharsets.UTF_8);
        assertThat(underived.length).as("secret bytes, long enough for an HS256 key").isGreaterThanOrEqualTo(32);

        HttpResponse<String> response = post(V2Operation.ACTIVATE,
                nimbusRequest(JWSAlgorithm.HS256, underived, claims("activate", KEY)).serialize());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(nimbusVerified(response.body()).get("status")).isEqualTo(V2Status.BAD_SIGNATURE.word());
    }
}
