package com.goodtalk.protocol.v2;

import com.goodtalk.protocol.Secret;
import com.goodtalk.protocol.jose.Base64Url;
import com.goodtalk.protocol.jose.CompactJws;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.protocol.machine.MachineFingerprint;
import com.goodtalk.protocol.machine.MachineIdUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * One complete v2 {@code activate} exchange computed from fixed, published inputs, for
 * {@code docs/protocol-v2-example.md}. The request and reply come from the real signers and the
 * real verifier; only the clocks and the two {@code jti} values are fixed.
 *
 * <p>The server key is the Ed25519 test key of RFC 8037 appendix A.1 and the client secret says
 * it is an example, so nothing here is a real secret.
 */
public final class V2WorkedExample {

    /** The example client secret, as ASCII text. */
    public static final String CLIENT_SECRET = "example client secret, not for production";

    public static final String CLIENT_KEY_ID = "example";

    /** When the client signs the request. */
    public static final Instant CLIENT_TIME = Instant.parse("2026-03-02T10:15:30Z");

    /** When the server verifies the request and signs the reply: one second after the client's clock. */
    public static final Instant SERVER_TIME = CLIENT_TIME.plusSeconds(1);

    /** The RFC 8037 appendix A.1 private key {@code d} (a published test key). */
    static final String SERVER_PRIVATE_KEY_D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";

    /** The RFC 8037 appendix A.1 public key {@code x}. */
    static final String SERVER_PUBLIC_KEY_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

    /** The RFC 8037 appendix A.3 thumbprint of that key. */
    static final String SERVER_KEY_THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";

    /** The request {@code jti}: bytes 0x00 to 0x1f, which no random source would plausibly produce. */
    static final String REQUEST_JTI = Base64Url.encode(bytes(0x00));

    /** The reply {@code jti}: bytes 0x20 to 0x3f. */
    static final String SERVER_JTI = Base64Url.encode(bytes(0x20));

    static final String PRODUCT_KEY = "APENL-4N9L1-2KA9D-3JX0-44LSK";
    static final String PRODUCT_ID = "goodtalk-desktop";
    static final String MACHINE_ID = "0123456789abcdef0123456789abcdef";
    static final String APP = "GoodTalk Desktop 1.0";
    static final String REPLY_MESSAGE = "The product key is activated on this machine.";
    static final Instant LICENSE_EXPIRES = Instant.parse("2027-03-02T00:00:00Z");

    /** The PKCS#8 v1 DER prefix of an Ed25519 private key; the 32 key bytes follow it. */
    private static final String PKCS8_ED25519_PREFIX = "302e020100300506032b657004220420";

    private final String machine;
    private final byte[] requestHmacKey;
    private final V2Request request;
    private final VerifiedV2Request verifiedRequest;
    private final String replyBody;
    private final String jwks;

    private V2WorkedExample() throws MachineIdUnavailableException, V2RequestRejectedException {
        machine = MachineFingerprint.of(PRODUCT_ID, () -> MACHINE_ID);
        requestHmacKey = hkdfSha256(CLIENT_SECRET.getBytes(StandardCharsets.US_ASCII),
                V2Protocol.REQUEST_HMAC_INFO.getBytes(StandardCharsets.US_ASCII), V2Protocol.REQUEST_HMAC_KEY_BYTES);

        Secret secret = Secret.ofUtf8(CLIENT_SECRET);
        request = new V2RequestSigner(CLIENT_KEY_ID, secret, Clock.fixed(CLIENT_TIME, ZoneOffset.UTC),
                () -> REQUEST_JTI).sign(V2Operation.ACTIVATE, PRODUCT_KEY, machine, APP);

        verifiedRequest = serverVerifier().verify(V2Operation.ACTIVATE, request.body());
        ServerSigningKey serverKey = serverKey();
        V2License license = new V2License(PRODUCT_ID, "pro", List.of("export"), Optional.of(LICENSE_EXPIRES), 1, 3,
                machine);
        replyBody = new String(new V2ReplySigner(serverKey, Clock.fixed(SERVER_TIME, ZoneOffset.UTC),
                () -> SERVER_JTI).sign(verifiedRequest, V2Status.ACTIVATED, REPLY_MESSAGE, license).body(),
                StandardCharsets.US_ASCII);
        jwks = JsonWebKeySet.of(serverKey.publicKey()).toJson();
    }

    /**
     * Computes the exchange.
     *
     * @throws IllegalStateException if the real verifier rejects the example request
     */
    public static V2WorkedExample compute() {
        try {
            return new V2WorkedExample();
        } catch (MachineIdUnavailableException | V2RequestRejectedException e) {
            throw new IllegalStateException("The worked example no longer works: " + e.getMessage(), e);
        }
    }

    /** Returns the verifier the example server runs: the example client key, its clock, the default skew. */
    static V2RequestVerifier serverVerifier() {
        return V2RequestVerifier.builder()
                .clientKey(CLIENT_KEY_ID, Secret.ofUtf8(CLIENT_SECRET))
                .clock(Clock.fixed(SERVER_TIME, ZoneOffset.UTC))
                .build();
    }

    /** Reads the RFC 8037 key through the public PKCS#8 loader, as a server reads its key file. */
    static ServerSigningKey serverKey() {
        byte[] der = HexFormat.of().parseHex(PKCS8_ED25519_PREFIX + HexFormat.of().formatHex(
                Base64.getUrlDecoder().decode(SERVER_PRIVATE_KEY_D)));
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n";
        return ServerSigningKey.fromPkcs8Pem(pem);
    }

    /** Computes HKDF-SHA256 with an empty salt here rather than through {@link Secret}, as a vendor would. */
    static byte[] hkdfSha256(byte[] inputKeyMaterial, byte[] info, int length) {
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(new HKDFParameters(inputKeyMaterial, new byte[0], info));
        byte[] output = new byte[length];
        generator.generateBytes(output, 0, length);
        return output;
    }

    private static byte[] bytes(int first) {
        byte[] bytes = new byte[V2Protocol.JTI_BYTES];
        IntStream.range(0, bytes.length).forEach(i -> bytes[i] = (byte) (first + i));
        return bytes;
    }

    public V2Request request() {
        return request;
    }

    VerifiedV2Request verifiedRequest() {
        return verifiedRequest;
    }

    /** Returns the reply body: the compact JWS in ASCII. */
    public String replyBody() {
        return replyBody;
    }

    /** Returns the JWKS the server publishes at {@code GET /v2/keys} and clients pin. */
    public String jwks() {
        return jwks;
    }

    String machine() {
        return machine;
    }

    byte[] requestHmacKey() {
        return requestHmacKey.clone();
    }

    /** Returns {@code docs/protocol-v2-example.md} as these values make it. */
    String markdown() {
        String requestBody = new String(request.body(), StandardCharsets.US_ASCII);
        String[] requestParts = requestBody.split("\\.");
        String[] replyParts = replyBody.split("\\.");
        CompactJws reply;
        try {
            reply = CompactJws.parse(replyBody.getBytes(StandardCharsets.US_ASCII));
        } catch (com.goodtalk.protocol.MalformedMessageException e) {
            throw new IllegalStateException("The example reply does not parse: " + e.getMessage(), e);
        }
        String thumbprintInput = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + SERVER_PUBLIC_KEY_X + "\"}";
        HexFormat hex = HexFormat.of();
        byte[] requestMac = Base64.getUrlDecoder().decode(requestParts[2]);

        StringBuilder md = new StringBuilder();
        md.append("# Protocol v2: a worked example\n\n");
        md.append("<!-- Generated by shared/src/test/java/com/goodtalk/protocol/v2/V2WorkedExampleTest.java."
                + " Do not edit; regenerate with:\n");
        md.append("     ./mvnw -q -pl shared test -Dtest=V2WorkedExampleTest -Dgoodtalk.writeExample=true -->\n\n");
        md.append("One complete `activate` exchange of [protocol v2](../README.md#protocol-v2), byte for byte.\n"
                + "A test computes every value below with the real signers and verifier from the inputs in the\n"
                + "first table, and the build fails when this file differs from what the code computes, so the\n"
                + "example cannot drift from the code. Use it to test a client or server of your own: given the\n"
                + "same inputs, it must produce the same bytes.\n\n");
        md.append("**Nothing here is a real secret.** The server key is the Ed25519 test key published in\n"
                + "RFC 8037 appendix A.1, the client secret says it is an example, and the two `jti` values are\n"
                + "fixed counting bytes. Real `jti` values are 256 bits from a secure random source, and a server\n"
                + "key must be generated, never copied from a document.\n\n");

        md.append("## Inputs\n\n");
        md.append("| input | value |\n| --- | --- |\n");
        row(md, "client secret (ASCII, " + CLIENT_SECRET.length() + " bytes)", "`" + CLIENT_SECRET + "`");
        row(md, "client key id (`kid`)", "`" + CLIENT_KEY_ID + "`");
        row(md, "client clock", "`" + CLIENT_TIME + "` = `" + CLIENT_TIME.getEpochSecond() + "`");
        row(md, "server clock", "`" + SERVER_TIME + "` = `" + SERVER_TIME.getEpochSecond() + "` (1 s ahead)");
        row(md, "request `jti`", "`" + REQUEST_JTI + "` (bytes 0x00 to 0x1f)");
        row(md, "server `jti`", "`" + SERVER_JTI + "` (bytes 0x20 to 0x3f)");
        row(md, "product key (`key`)", "`" + PRODUCT_KEY + "` (a demo key)");
        row(md, "machine fingerprint (`machine`)", "`" + machine + "`, `MachineFingerprint.of(\"" + PRODUCT_ID
                + "\")` on a machine whose id is `" + MACHINE_ID + "`");
        row(md, "client name (`app`)", "`" + APP + "`");
        row(md, "server private key `d` (RFC 8037 A.1)", "`" + SERVER_PRIVATE_KEY_D + "`");
        row(md, "server public key `x` (RFC 8037 A.1)", "`" + SERVER_PUBLIC_KEY_X + "`");
        md.append('\n');

        md.append("## 1. The request HMAC key\n\n");
        md.append("HKDF-SHA256 (RFC 5869) with IKM = the " + CLIENT_SECRET.length() + " ASCII bytes of the client"
                + " secret, salt = empty\n(zero bytes), info = the ASCII bytes of `" + V2Protocol.REQUEST_HMAC_INFO
                + "`,\nL = " + V2Protocol.REQUEST_HMAC_KEY_BYTES + ". Output (hex):\n\n");
        block(md, hex.formatHex(requestHmacKey));

        md.append("## 2. The request\n\n");
        md.append("Header JSON, exactly as signed (the JSON text itself is not canonical; the bytes are what\ncount):\n\n");
        block(md, request.headerJson());
        md.append("Payload JSON:\n\n");
        block(md, request.payloadJson());
        md.append("BASE64URL(header), BASE64URL(payload):\n\n");
        block(md, requestParts[0] + "\n" + requestParts[1]);
        md.append("The signature is HMAC-SHA256 with the key of step 1 over the ASCII bytes of\n"
                + "`BASE64URL(header) \".\" BASE64URL(payload)`. Hex, then base64url:\n\n");
        block(md, hex.formatHex(requestMac) + "\n" + requestParts[2]);
        md.append("The HTTP request (" + requestBody.length() + " body bytes, no trailing newline):\n\n");
        block(md, "POST " + V2Operation.ACTIVATE.path() + " HTTP/1.1\nContent-Type: " + V2Protocol.CONTENT_TYPE
                + "\nContent-Length: " + requestBody.length() + "\n\n" + requestBody);

        md.append("## 3. `req`: the hash of the request body\n\n");
        md.append("base64url(SHA-256) of the " + requestBody.length() + " body bytes above, as the server received"
                + " them:\n\n");
        block(md, request.requestHash());

        md.append("## 4. The reply\n\n");
        md.append("The server verified the request at its clock (" + SERVER_TIME.getEpochSecond() + ", 1 s after"
                + " `iat`, within the 300 s\nskew), recorded the `jti`, and activated the key. Header JSON:\n\n");
        block(md, reply.headerJson());
        md.append("Payload JSON:\n\n");
        block(md, reply.payloadText());
        md.append("BASE64URL(header), BASE64URL(payload), and the Ed25519 signature (RFC 8032, deterministic)\n"
                + "over the ASCII bytes of `BASE64URL(header) \".\" BASE64URL(payload)`:\n\n");
        block(md, replyParts[0] + "\n" + replyParts[1] + "\n" + replyParts[2]);
        md.append("The HTTP reply:\n\n");
        block(md, "HTTP/1.1 " + V2Status.ACTIVATED.httpStatus() + " OK\nContent-Type: " + V2Protocol.CONTENT_TYPE
                + "\nContent-Length: " + replyBody.length() + "\n\n" + replyBody);

        md.append("## 5. The key set and the thumbprint\n\n");
        md.append("The key id is the RFC 7638 thumbprint: base64url(SHA-256) of exactly these ASCII bytes,\n"
                + "members in this order, no whitespace:\n\n");
        block(md, thumbprintInput);
        md.append("Thumbprint (it equals RFC 8037 appendix A.3):\n\n");
        block(md, SERVER_KEY_THUMBPRINT);
        md.append("The JWKS that `GET " + V2Protocol.KEYS_PATH + "` returns and that clients pin:\n\n");
        block(md, jwks);

        md.append("## What the test also checks\n\n");
        md.append("- The real `V2RequestVerifier` accepts the request at the server clock, and the replay cache\n"
                + "  rejects it the second time (`replayed`).\n"
                + "- The HKDF key above, computed apart from `Secret`, reproduces the request's HMAC.\n"
                + "- The real client checks (`V2ReplyChecks`) accept the reply as the answer to this request:\n"
                + "  every step from `parse_reply` to `read_decision` passes and the verdict is activated.\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static void block(StringBuilder md, String text) {
        md.append("```text\n").append(text).append("\n```\n\n");
    }
}
