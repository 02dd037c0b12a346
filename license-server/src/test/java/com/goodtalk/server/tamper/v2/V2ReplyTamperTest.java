package com.goodtalk.server.tamper.v2;

import static com.goodtalk.server.tamper.v2.V2Tampering.KEY;
import static com.goodtalk.server.tamper.v2.V2Tampering.UNKNOWN_KEY;
import static com.goodtalk.server.tamper.v2.V2Tampering.assertCaughtAt;
import static com.goodtalk.server.tamper.v2.V2Tampering.onlyExchange;
import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.MalformedMessageException;
import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.StrictJson;
import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.jose.CompactJws;
import com.goodtalk.protocol.jose.JsonWebKeySet;
import com.goodtalk.protocol.jose.ServerPublicKey;
import com.goodtalk.protocol.jose.ServerSigningKey;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2Status;
import com.goodtalk.server.testing.RunningServer;
import com.goodtalk.testkit.BodyEdit;
import com.goodtalk.testkit.Exchange;
import com.goodtalk.testkit.JwsEdits;
import com.goodtalk.testkit.JwsEdits.Part;
import com.goodtalk.testkit.ProxiedReply;
import com.goodtalk.testkit.TamperingProxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A man in the middle changes a real server's signed v2 replies on their way to the real
 * client. Each change must fail at the client step meant for it: syntax and {@code typ} at
 * {@code parse_reply}, the algorithm at {@code check_algorithm}, an unpinned key at
 * {@code check_key_id}, and any change to the signed bytes at {@code verify_signature}.
 */
class V2ReplyTamperTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /** A key the client pins besides the server's, so a reply can name a pinned key that did not sign it. */
    private static final ServerSigningKey OTHER_PINNED_KEY = ServerSigningKey.generate();

    private static TamperingProxy proxy;
    private static JsonWebKeySet pinned;
    private static V2Client client;

    @BeforeAll
    static void startProxy() {
        proxy = TamperingProxy.start(server.baseUri());
        List<ServerPublicKey> keys = new ArrayList<>(server.jwks().keys());
        keys.add(OTHER_PINNED_KEY.publicKey());
        pinned = JsonWebKeySet.of(keys.toArray(ServerPublicKey[]::new));
        client = V2Tampering.clientBuilder(proxy.baseUri(), server).pinnedKeys(pinned).build();
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
     * One change to a reply and the client step that must catch it.
     *
     * @param change       what the edit does, for the test name
     * @param productKey   the key to activate: a demo key gets {@code activated}, an unknown one {@code key_invalid}
     * @param edit         the edit
     * @param expectedStep the step that must fail
     */
    record ReplyEdit(String change, String productKey, BodyEdit edit, String expectedStep) {
        @Override
        public String toString() {
            String reply = productKey.equals(KEY) ? "activated" : "key_invalid";
            return reply + " reply " + change + " -> " + expectedStep;
        }
    }

    private static ReplyEdit activated(String change, BodyEdit edit, String expectedStep) {
        return new ReplyEdit(change, KEY, edit, expectedStep);
    }

    static Stream<ReplyEdit> claimEdits() {
        String otherHash = V2Protocol.requestHash("another request".getBytes(StandardCharsets.US_ASCII));
        List<ReplyEdit> edits = new ArrayList<>(List.of(
                activated("req set to another request's hash", JwsEdits.setClaim("req", quoted(otherHash)),
                        StepId.VERIFY_SIGNATURE),
                activated("req_jti set to another jti", JwsEdits.setClaim("req_jti", quoted(Nonces.randomUrlSafe(32))),
                        StepId.VERIFY_SIGNATURE),
                activated("jti set to another nonce", JwsEdits.setClaim("jti", quoted(Nonces.randomUrlSafe(32))),
                        StepId.VERIFY_SIGNATURE),
                activated("iat moved 1 s later", moveIssuedAt(1), StepId.VERIFY_SIGNATURE),
                activated("status set to valid", JwsEdits.setClaim("status", "\"valid\""), StepId.VERIFY_SIGNATURE),
                activated("status set to key_invalid", JwsEdits.setClaim("status", "\"key_invalid\""),
                        StepId.VERIFY_SIGNATURE),
                new ReplyEdit("status set to activated", UNKNOWN_KEY, JwsEdits.setClaim("status", "\"activated\""),
                        StepId.VERIFY_SIGNATURE),
                activated("message changed", JwsEdits.setClaim("message", "\"All is well.\""),
                        StepId.VERIFY_SIGNATURE),
                new ReplyEdit("message changed", UNKNOWN_KEY, JwsEdits.setClaim("message", "\"Try again later.\""),
                        StepId.VERIFY_SIGNATURE),
                activated("license.product changed", JwsEdits.setClaimAt("/license/product", "\"Other product\""),
                        StepId.VERIFY_SIGNATURE),
                activated("license.edition changed", JwsEdits.setClaimAt("/license/edition", "\"enterprise\""),
                        StepId.VERIFY_SIGNATURE),
                activated("license.features extended", JwsEdits.setClaimAt("/license/features",
                        "[\"export\",\"sync\",\"admin\",\"unlimited\"]"), StepId.VERIFY_SIGNATURE),
                activated("license.expires moved to 2100", JwsEdits.setClaimAt("/license/expires", "4102444800"),
                        StepId.VERIFY_SIGNATURE),
                activated("license.expires set to 1970", JwsEdits.setClaimAt("/license/expires", "1"),
                        StepId.VERIFY_SIGNATURE),
                activated("license.seats.used set to 0", JwsEdits.setClaimAt("/license/seats/used", "0"),
                        StepId.VERIFY_SIGNATURE),
                activated("license.seats.allowed set to 1000", JwsEdits.setClaimAt("/license/seats/allowed", "1000"),
                        StepId.VERIFY_SIGNATURE),
                activated("license.machine changed", JwsEdits.setClaimAt("/license/machine", "\"attacker-box\""),
                        StepId.VERIFY_SIGNATURE),
                activated("license removed", JwsEdits.removeClaim("license"), StepId.VERIFY_SIGNATURE),
                activated("extra claim added", JwsEdits.addClaim("admin", "true"), StepId.VERIFY_SIGNATURE),
                activated("status duplicated as key_invalid", JwsEdits.addClaim("status", "\"key_invalid\""),
                        StepId.VERIFY_SIGNATURE)));
        for (String claim : List.of("req", "req_jti", "jti", "iat", "status", "message")) {
            edits.add(activated(claim + " removed", JwsEdits.removeClaim(claim), StepId.VERIFY_SIGNATURE));
        }
        return edits.stream();
    }

    static Stream<ReplyEdit> headerEdits() {
        byte[] serverPublicKey = server.jwks().keys().get(0).raw();
        String unpinnedKid = ServerSigningKey.generate().publicKey().thumbprint();
        return Stream.of(
                activated("alg set to none", JwsEdits.setHeader("alg", "none"), StepId.CHECK_ALGORITHM),
                activated("alg set to none, signature emptied",
                        JwsEdits.setHeader("alg", "none").andThen(JwsEdits.emptySignature()), StepId.PARSE_REPLY),
                activated("alg removed", JwsEdits.removeHeader("alg"), StepId.CHECK_ALGORITHM),
                activated("re-signed HS256 with the server's public key", JwsEdits.resignHs256(serverPublicKey),
                        StepId.CHECK_ALGORITHM),
                new ReplyEdit("status set to activated, re-signed HS256 with the server's public key", UNKNOWN_KEY,
                        JwsEdits.setClaim("status", "\"activated\"").andThen(JwsEdits.resignHs256(serverPublicKey)),
                        StepId.CHECK_ALGORITHM),
                activated("kid set to an unpinned key", JwsEdits.setHeader("kid", unpinnedKid), StepId.CHECK_KEY_ID),
                activated("kid removed", JwsEdits.removeHeader("kid"), StepId.CHECK_KEY_ID),
                activated("kid set to another pinned key",
                        JwsEdits.setHeader("kid", OTHER_PINNED_KEY.publicKey().thumbprint()), StepId.VERIFY_SIGNATURE),
                activated("typ set to JWT", JwsEdits.setHeader("typ", "JWT"), StepId.PARSE_REPLY),
                activated("jku header added", JwsEdits.setHeader("jku", "http://127.0.0.1:9/keys"),
                        StepId.VERIFY_SIGNATURE));
    }

    static Stream<ReplyEdit> signatureEdits() {
        return Stream.of(
                activated("signature cut by 2 characters to 63 bytes", JwsEdits.truncateSignature(2),
                        StepId.VERIFY_SIGNATURE),
                activated("signature cut by 1 character to an impossible length", JwsEdits.truncateSignature(1),
                        StepId.PARSE_REPLY),
                activated("signature cut by 1 byte", JwsEdits.truncateSignatureBytes(1), StepId.VERIFY_SIGNATURE),
                activated("signature padded with =", JwsEdits.padSignature("="), StepId.PARSE_REPLY),
                activated("signature last character changed", JwsEdits.changeLastSignatureChar(),
                        StepId.VERIFY_SIGNATURE),
                activated("signature last character with unused bits set", lastCharacterWithUnusedBits(),
                        StepId.PARSE_REPLY),
                activated("signature emptied", JwsEdits.emptySignature(), StepId.PARSE_REPLY),
                activated("signature replaced by 64 zero bytes", JwsEdits.replaceSignature(new byte[64]),
                        StepId.VERIFY_SIGNATURE),
                activated("header and payload swapped", JwsEdits.swapParts(Part.HEADER, Part.PAYLOAD),
                        StepId.PARSE_REPLY),
                activated("payload and signature swapped", JwsEdits.swapParts(Part.PAYLOAD, Part.SIGNATURE),
                        StepId.VERIFY_SIGNATURE),
                activated("header and signature swapped", JwsEdits.swapParts(Part.HEADER, Part.SIGNATURE),
                        StepId.PARSE_REPLY));
    }

    private static String quoted(String value) {
        return "\"" + value + "\"";
    }

    /** Returns an edit that moves the reply's {@code iat} claim by {@code seconds}. */
    private static BodyEdit moveIssuedAt(long seconds) {
        return body -> {
            long issuedAt;
            try {
                issuedAt = StrictJson.parseObject(CompactJws.parse(body).payload()).path("iat").longValue();
            } catch (MalformedMessageException e) {
                throw new IllegalArgumentException("The reply is not a v2 reply: " + e.getMessage(), e);
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
            // An 86-character Ed25519 signature carries 2 bits in its last character and 4 unused bits.
            return JwsEdits.setLastSignatureChar(ALPHABET.charAt(last | 0b0001)).apply(body);
        };
    }

    private static void checkCaught(ReplyEdit edit) {
        proxy.editReplies(edit.edit());

        VerificationTrace trace = client.activate(edit.productKey());

        Exchange exchange = onlyExchange(proxy);
        String attack = edit.toString();
        V2Status genuineStatus = edit.productKey().equals(KEY) ? V2Status.ACTIVATED : V2Status.KEY_INVALID;
        V2Tampering.assertServerReplied(exchange, server.jwks(), genuineStatus, attack);
        byte[] received = exchange.reply().body();
        assertThat(exchange.reply().bodyText()).as("edited reply reached the client after %s", attack)
                .isNotEqualTo(exchange.upstreamReply().orElseThrow().bodyText());
        assertThat(CheckOrder.replyStep(received, pinned))
                .as("step predicted from the protocol's order for %s", attack).isEqualTo(edit.expectedStep());
        assertCaughtAt(trace, edit.expectedStep(), attack);
        System.out.printf("%-90s -> %s%n", attack, trace.verdict());
    }

    @Test
    void untouchedRepliesAreBelieved() {
        VerificationTrace activated = client.activate(KEY);
        VerificationTrace rejected = client.activate(UNKNOWN_KEY);

        assertThat(activated.verdict().kind()).as(activated.toJson()).isEqualTo(Verdict.Kind.ACTIVATED);
        V2Tampering.assertRejected(rejected, V2Status.KEY_INVALID, "unknown key, no change");
    }

    @Test
    void rejectionWithHttp200StaysRejected() {
        // The HTTP status is not signed, so the client must read the decision from the signed status only.
        proxy.rewriteReplies((request, reply) -> new ProxiedReply(200, reply.contentType().orElse(null), reply.body()));

        VerificationTrace trace = client.activate(UNKNOWN_KEY);

        assertThat(onlyExchange(proxy).upstreamReply().orElseThrow().status()).isEqualTo(403);
        assertThat(onlyExchange(proxy).reply().status()).isEqualTo(200);
        V2Tampering.assertRejected(trace, V2Status.KEY_INVALID, "key_invalid reply sent as HTTP 200");
    }

    @ParameterizedTest(name = "activated reply with Content-Type {0} -> parse_reply")
    @ValueSource(strings = {"application/json", "text/plain", "(none)"})
    void otherContentTypeFailsParse(String contentType) {
        String sent = contentType.equals("(none)") ? null : contentType;
        proxy.rewriteReplies((request, reply) -> new ProxiedReply(reply.status(), sent, reply.body()));

        VerificationTrace trace = client.activate(KEY);

        assertCaughtAt(trace, StepId.PARSE_REPLY, "activated reply with Content-Type " + contentType);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("claimEdits")
    void claimChangeFailsSignature(ReplyEdit edit) {
        checkCaught(edit);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerEdits")
    void headerChangeIsCaught(ReplyEdit edit) {
        checkCaught(edit);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signatureEdits")
    void signatureChangeIsCaught(ReplyEdit edit) {
        checkCaught(edit);
    }
}
