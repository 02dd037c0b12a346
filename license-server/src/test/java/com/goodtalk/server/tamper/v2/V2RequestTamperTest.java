package com.goodtalk.server.tamper.v2;

import static com.goodtalk.server.tamper.v2.V2Tampering.KEY;
import static com.goodtalk.server.tamper.v2.V2Tampering.OTHER_KEY;
import static com.goodtalk.server.tamper.v2.V2Tampering.assertClientSawChangedRequest;
import static com.goodtalk.server.tamper.v2.V2Tampering.assertServerReplied;
import static com.goodtalk.server.tamper.v2.V2Tampering.clientThrough;
import static com.goodtalk.server.tamper.v2.V2Tampering.onlyExchange;
import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.jose.CompactJws;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2Status;
import com.goodtalk.server.tamper.v2.CheckOrder.RequestCheck;
import com.goodtalk.server.testing.RunningServer;
import com.goodtalk.testkit.BodyEdit;
import com.goodtalk.testkit.Exchange;
import com.goodtalk.testkit.JwsEdits;
import com.goodtalk.testkit.JwsEdits.Part;
import com.goodtalk.testkit.TamperingProxy;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A man in the middle changes v2 requests of the real client on their way to a real server.
 * The server must reject each change with a signed reply whose status names the check meant
 * for it: {@code bad_signature} for the HMAC, {@code alg} and {@code kid}, {@code malformed} for
 * syntax. The reply is bound to the changed bytes, so the client fails it at
 * {@code check_request_hash} and never believes a status for a request it did not send.
 */
class V2RequestTamperTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static TamperingProxy proxy;
    private static V2Client client;

    @BeforeAll
    static void startProxy() {
        proxy = TamperingProxy.start(server.baseUri());
        client = clientThrough(proxy, server);
    }

    @AfterAll
    static void stopProxy() {
        proxy.close();
    }

    @AfterEach
    void resetProxy() {
        proxy.reset();
    }

    /**
     * One change to a request and the server check that must catch it.
     *
     * @param change   what the edit does, for the test name
     * @param edit     the edit
     * @param expected the check that must reject it
     */
    record RequestEdit(String change, BodyEdit edit, RequestCheck expected) {
        @Override
        public String toString() {
            return change + " -> " + expected.status().word() + " (" + expected.name().toLowerCase(Locale.ROOT) + ")";
        }
    }

    static Stream<RequestEdit> claimEdits() {
        return Stream.of(
                new RequestEdit("op set to validate", JwsEdits.setClaim("op", "\"validate\""), RequestCheck.HMAC),
                new RequestEdit("key set to another valid demo key", JwsEdits.setClaim("key", quoted(OTHER_KEY)),
                        RequestCheck.HMAC),
                new RequestEdit("machine set to another machine", JwsEdits.setClaim("machine", "\"other-machine\""),
                        RequestCheck.HMAC),
                new RequestEdit("app set to another version", JwsEdits.setClaim("app", "\"GoodTalk 9.9.9\""),
                        RequestCheck.HMAC),
                new RequestEdit("jti set to a fresh nonce", JwsEdits.setClaim("jti",
                        quoted(Nonces.randomUrlSafe(32))), RequestCheck.HMAC),
                new RequestEdit("iat moved 1 s later", moveIssuedAt(1), RequestCheck.HMAC),
                new RequestEdit("iat written as a string", JwsEdits.setClaim("iat", "\"1750000000\""),
                        RequestCheck.HMAC),
                new RequestEdit("iat written as a float", JwsEdits.setClaim("iat", "1.75E9"), RequestCheck.HMAC),
                new RequestEdit("key written as a number", JwsEdits.setClaim("key", "12345"), RequestCheck.HMAC),
                new RequestEdit("op removed", JwsEdits.removeClaim("op"), RequestCheck.HMAC),
                new RequestEdit("key removed", JwsEdits.removeClaim("key"), RequestCheck.HMAC),
                new RequestEdit("machine removed", JwsEdits.removeClaim("machine"), RequestCheck.HMAC),
                new RequestEdit("app removed", JwsEdits.removeClaim("app"), RequestCheck.HMAC),
                new RequestEdit("jti removed", JwsEdits.removeClaim("jti"), RequestCheck.HMAC),
                new RequestEdit("iat removed", JwsEdits.removeClaim("iat"), RequestCheck.HMAC),
                new RequestEdit("extra claim added", JwsEdits.addClaim("admin", "true"), RequestCheck.HMAC),
                new RequestEdit("key duplicated with another key", JwsEdits.addClaim("key", quoted(OTHER_KEY)),
                        RequestCheck.HMAC));
    }

    static Stream<RequestEdit> headerEdits() {
        return Stream.of(
                new RequestEdit("alg set to none", JwsEdits.setHeader("alg", "none"), RequestCheck.HEADER_ALG),
                new RequestEdit("alg set to HS512", JwsEdits.setHeader("alg", "HS512"), RequestCheck.HEADER_ALG),
                new RequestEdit("alg set to EdDSA", JwsEdits.setHeader("alg", "EdDSA"), RequestCheck.HEADER_ALG),
                new RequestEdit("alg set to hs256", JwsEdits.setHeader("alg", "hs256"), RequestCheck.HEADER_ALG),
                new RequestEdit("alg set to none, signature emptied",
                        JwsEdits.setHeader("alg", "none").andThen(JwsEdits.emptySignature()), RequestCheck.SYNTAX),
                new RequestEdit("alg removed", JwsEdits.removeHeader("alg"), RequestCheck.HEADER_ALG_MISSING),
                new RequestEdit("kid set to an unknown client", JwsEdits.setHeader("kid", "unknown-client"),
                        RequestCheck.HEADER_KID_UNKNOWN),
                new RequestEdit("typ set to JWT", JwsEdits.setHeader("typ", "JWT"), RequestCheck.HEADER_TYP),
                new RequestEdit("crit header added", JwsEdits.setHeaderJson("crit", "[\"exp\"]"),
                        RequestCheck.HEADER_JSON),
                new RequestEdit("alg duplicated", JwsEdits.editHeader(json -> appendMember(json, "\"alg\":\"none\"")),
                        RequestCheck.HEADER_JSON));
    }

    static Stream<RequestEdit> signatureEdits() {
        return Stream.of(
                new RequestEdit("signature cut by 3 characters to 30 bytes", JwsEdits.truncateSignature(3),
                        RequestCheck.HMAC),
                new RequestEdit("signature cut by 1 byte", JwsEdits.truncateSignatureBytes(1), RequestCheck.HMAC),
                new RequestEdit("signature padded with =", JwsEdits.padSignature("="), RequestCheck.SYNTAX),
                new RequestEdit("signature padded with ==", JwsEdits.padSignature("=="), RequestCheck.SYNTAX),
                new RequestEdit("signature last character changed", JwsEdits.changeLastSignatureChar(),
                        RequestCheck.HMAC),
                new RequestEdit("signature last character with unused bits set", lastCharacterWithUnusedBits(),
                        RequestCheck.SYNTAX),
                new RequestEdit("signature emptied", JwsEdits.emptySignature(), RequestCheck.SYNTAX),
                new RequestEdit("re-signed with an attacker's key", JwsEdits.resignHs256(attackerKey()),
                        RequestCheck.HMAC),
                new RequestEdit("header and payload swapped", JwsEdits.swapParts(Part.HEADER, Part.PAYLOAD),
                        RequestCheck.HEADER_ALG_MISSING),
                new RequestEdit("payload and signature swapped", JwsEdits.swapParts(Part.PAYLOAD, Part.SIGNATURE),
                        RequestCheck.HMAC),
                new RequestEdit("header and signature swapped", JwsEdits.swapParts(Part.HEADER, Part.SIGNATURE),
                        RequestCheck.HEADER_JSON));
    }

    private static String quoted(String value) {
        return "\"" + value + "\"";
    }

    private static byte[] attackerKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** Returns an edit that moves the {@code iat} claim by {@code seconds}, whatever the request's time. */
    private static BodyEdit moveIssuedAt(long seconds) {
        return body -> {
            long issuedAt;
            try {
                issuedAt = StrictJson.parseObject(CompactJws.parse(body).payload()).path("iat").longValue();
            } catch (MalformedMessageException e) {
                throw new IllegalArgumentException("The request is not a v2 request: " + e.getMessage(), e);
            }
            return JwsEdits.setClaim("iat", Long.toString(issuedAt + seconds)).apply(body);
        };
    }

    /**
     * Returns an edit that replaces the last signature character with one that carries the same
     * signature bits but sets an unused low bit, which only a strict decoder rejects.
     */
    private static BodyEdit lastCharacterWithUnusedBits() {
        return body -> {
            String text = new String(body, StandardCharsets.US_ASCII);
            int last = ALPHABET.indexOf(text.charAt(text.length() - 1));
            // A 43-character HS256 signature carries 4 bits in its last character and 2 unused bits.
            return JwsEdits.setLastSignatureChar(ALPHABET.charAt(last | 0b01)).apply(body);
        };
    }

    private static byte[] appendMember(byte[] json, String member) {
        String text = new String(json, StandardCharsets.UTF_8);
        return (text.substring(0, text.length() - 1) + "," + member + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static VerificationTrace activateThroughProxy() {
        return client.activate(KEY);
    }

    /** Runs one tampered activation and checks the server's status and the client's view of it. */
    private static void checkRejected(RequestEdit edit) {
        proxy.editRequests(edit.edit());

        VerificationTrace trace = activateThroughProxy();

        Exchange exchange = onlyExchange(proxy);
        String attack = "request " + edit.change();
        byte[] forwarded = exchange.forwardedRequest().orElseThrow().body();
        assertThat(exchange.forwardedRequest().orElseThrow().bodyText()).as("edited body reached the server after %s",
                attack).isNotEqualTo(exchange.request().bodyText());
        assertThat(CheckOrder.requestCheck(forwarded, server.clientKeyId()))
                .as("check predicted from the protocol's order for %s", attack).isEqualTo(edit.expected());
        SignedServerReply reply = assertServerReplied(exchange, server.jwks(), edit.expected().status(), attack);
        assertThat(reply.requestJti()).as("req_jti echoed from an unverified payload after %s", attack).isEmpty();
        if (edit.expected() == RequestCheck.HMAC) {
            assertThat(reply.message()).as("message of the HMAC rejection after %s", attack).contains("HMAC");
        }
        assertClientSawChangedRequest(trace, attack);
        System.out.printf("%-60s -> server %d %s: %s%n", attack, reply.httpStatus(), reply.status(), reply.message());
    }

    @Test
    void untouchedRequestActivates() {
        VerificationTrace trace = activateThroughProxy();

        assertThat(trace.verdict().kind()).as(trace.toJson()).isEqualTo(Verdict.Kind.ACTIVATED);
        Exchange exchange = onlyExchange(proxy);
        SignedServerReply reply = assertServerReplied(exchange, server.jwks(), V2Status.ACTIVATED, "no change");
        assertThat(reply.requestJti()).isPresent();
    }

    @ParameterizedTest(name = "request claim {0}")
    @MethodSource("claimEdits")
    void claimChangeIsRejected(RequestEdit edit) {
        checkRejected(edit);
    }

    @ParameterizedTest(name = "request header {0}")
    @MethodSource("headerEdits")
    void headerChangeIsRejected(RequestEdit edit) {
        checkRejected(edit);
    }

    @ParameterizedTest(name = "request {0}")
    @MethodSource("signatureEdits")
    void signatureChangeIsRejected(RequestEdit edit) {
        checkRejected(edit);
    }

    @Test
    void signatureCutByOneCharacterIsRejected() {
        // 42 characters decode to 31 bytes only if the 4 unused bits of the last one are zero,
        // which depends on the MAC, so the expected check is read from the forwarded bytes.
        proxy.editRequests(JwsEdits.truncateSignature(1));

        VerificationTrace trace = activateThroughProxy();

        Exchange exchange = onlyExchange(proxy);
        RequestCheck expected = CheckOrder.requestCheck(exchange.forwardedRequest().orElseThrow().body(),
                server.clientKeyId());
        assertThat(expected).isIn(RequestCheck.SYNTAX, RequestCheck.HMAC);
        String attack = "request signature cut by 1 character (" + expected.name().toLowerCase(Locale.ROOT) + ")";
        SignedServerReply reply = assertServerReplied(exchange, server.jwks(), expected.status(), attack);
        assertThat(reply.requestJti()).isEmpty();
        assertClientSawChangedRequest(trace, attack);
    }

    @Test
    void bodyPaddedPastLimitIsTooLarge() {
        proxy.editRequests(JwsEdits.padSignature("A".repeat(V2Protocol.MAX_REQUEST_BYTES)));

        VerificationTrace trace = activateThroughProxy();

        Exchange exchange = onlyExchange(proxy);
        byte[] forwarded = exchange.forwardedRequest().orElseThrow().body();
        assertThat(CheckOrder.requestCheck(forwarded, server.clientKeyId())).isEqualTo(RequestCheck.SIZE_LIMIT);
        SignedServerReply reply = SignedServerReply.verify(exchange.upstreamReply().orElseThrow(), server.jwks());
        assertThat(reply.status()).as(reply.message()).isEqualTo(V2Status.TOO_LARGE.word());
        assertThat(reply.httpStatus()).isEqualTo(413);
        // The server stops reading after the limit, so req hashes the first 16 KiB + 1 bytes only.
        assertThat(reply.requestHash()).isEqualTo(V2Protocol.requestHash(
                Arrays.copyOf(forwarded, V2Protocol.MAX_REQUEST_BYTES + 1)));
        assertThat(reply.requestJti()).isEmpty();
        assertClientSawChangedRequest(trace, "request padded past 16 KiB");
    }

    @Test
    void algorithmRejectionNamesTheAlgorithm() {
        proxy.editRequests(JwsEdits.setHeader("alg", "HS512"));

        activateThroughProxy();

        SignedServerReply reply = SignedServerReply.verify(onlyExchange(proxy).upstreamReply().orElseThrow(),
                server.jwks());
        assertThat(reply.message()).contains("HS512").contains("HS256");
    }

    @Test
    void unknownKidRejectionNamesTheKid() {
        proxy.editRequests(JwsEdits.setHeader("kid", "unknown-client"));

        activateThroughProxy();

        SignedServerReply reply = SignedServerReply.verify(onlyExchange(proxy).upstreamReply().orElseThrow(),
                server.jwks());
        assertThat(reply.message()).contains("unknown-client");
    }
}
