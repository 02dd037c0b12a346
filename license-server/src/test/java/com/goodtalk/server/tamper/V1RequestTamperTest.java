package com.goodtalk.server.tamper;

import static com.goodtalk.server.tamper.V1Tampering.KEY;
import static com.goodtalk.server.tamper.V1Tampering.OTHER_KEY;
import static com.goodtalk.server.tamper.V1Tampering.OTHER_VERSION;
import static com.goodtalk.server.tamper.V1Tampering.clientThrough;
import static com.goodtalk.server.tamper.V1Tampering.member;
import static com.goodtalk.server.tamper.V1Tampering.onlyExchange;
import static com.goodtalk.server.tamper.V1Tampering.setFromRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.Nonces;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.v1.V1Protocol;
import com.goodtalk.server.testing.RunningServer;
import com.goodtalk.testkit.BodyEdit;
import com.goodtalk.testkit.Exchange;
import com.goodtalk.testkit.JsonEdits;
import com.goodtalk.testkit.ProxiedReply;
import com.goodtalk.testkit.TamperingProxy;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A man in the middle changes v1 requests on their way to a real server. Every change to a
 * signed member must be rejected with {@code 403 {"error": "Not Allowed"}} before the server
 * looks at the version or the key.
 */
class V1RequestTamperTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private static final String NOT_ALLOWED_BODY = "{\"error\": \"Not Allowed\"}";

    private static TamperingProxy proxy;

    @BeforeAll
    static void startProxy() {
        proxy = TamperingProxy.start(server.baseUri());
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
     * One change to a signed request member.
     *
     * @param member the member the edit changes
     * @param change what the edit does, for the test name
     * @param edit   the edit
     */
    record SignedMemberEdit(String member, String change, BodyEdit edit) {
        @Override
        public String toString() {
            return member + " " + change;
        }
    }

    static Stream<SignedMemberEdit> signedMemberEdits() {
        return Stream.of(
                new SignedMemberEdit("key", "set to another valid demo key", JsonEdits.set("key", OTHER_KEY)),
                new SignedMemberEdit("nonce", "set to a fresh nonce", JsonEdits.set("nonce", Nonces.clientNonce())),
                new SignedMemberEdit("version", "set to " + OTHER_VERSION, JsonEdits.set("version", OTHER_VERSION)),
                new SignedMemberEdit("hmac", "set to the HMAC with a wrong secret", setFromRequest("hmac",
                        request -> V1Protocol.hmacHex(V1Tampering.wrongSecret(), request.signingText()))),
                new SignedMemberEdit("hmac", "upper-cased", setFromRequest("hmac",
                        request -> request.hmac().toUpperCase(Locale.ROOT))));
    }

    static final List<String> SIGNED_MEMBERS = V1Tampering.REQUEST_MEMBERS;

    private static VerificationTrace activateThroughProxy() {
        return clientThrough(proxy, server.secret()).activate(KEY);
    }

    /** Checks that the server replied 403 Not Allowed and that the client read it as that rejection. */
    private static void assertNotAllowed(VerificationTrace trace, Exchange exchange, String attack) {
        ProxiedReply reply = exchange.upstreamReply().orElseThrow(() ->
                new AssertionError("The proxy got no reply from the server after " + attack + ": " + exchange.reply().bodyText()));
        assertThat(reply.status()).as("server status after %s", attack).isEqualTo(403);
        assertThat(reply.bodyText()).as("server body after %s", attack).isEqualTo(NOT_ALLOWED_BODY);
        assertThat(reply.contentType()).as("server content type after %s", attack).hasValue("application/json");
        assertThat(trace.verdict().kind()).as("client verdict after %s", attack).isEqualTo(Verdict.Kind.REJECTED);
        assertThat(trace.verdict().serverReason()).as("client's server reason after %s", attack)
                .hasValue(V1Protocol.ERROR_NOT_ALLOWED);
        System.out.printf("%-55s -> server 403 %s%n", attack, reply.bodyText());
    }

    @Test
    void untouchedRequestActivates() {
        VerificationTrace trace = activateThroughProxy();

        assertThat(trace.verdict().kind()).as(trace.toJson()).isEqualTo(Verdict.Kind.ACTIVATED);
        assertThat(onlyExchange(proxy).upstreamReply().orElseThrow().status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "request {0} -> 403 Not Allowed")
    @MethodSource("signedMemberEdits")
    void editedSignedMemberIsRejected(SignedMemberEdit edit) {
        proxy.editRequests(edit.edit());

        VerificationTrace trace = activateThroughProxy();

        Exchange exchange = onlyExchange(proxy);
        byte[] sent = exchange.request().body();
        byte[] forwarded = exchange.forwardedRequest().orElseThrow().body();
        String attack = "request " + edit;
        assertThat(member(forwarded, edit.member())).as("edited %s reached the server", edit.member())
                .isPresent()
                .isNotEqualTo(member(sent, edit.member()));
        for (String other : SIGNED_MEMBERS) {
            if (!other.equals(edit.member())) {
                assertThat(member(forwarded, other)).as("untouched %s after %s", other, attack)
                        .isEqualTo(member(sent, other));
            }
        }
        assertNotAllowed(trace, exchange, attack);
    }

    @ParameterizedTest(name = "request {0} dropped -> 403 Not Allowed")
    @FieldSource("SIGNED_MEMBERS")
    void droppedMemberIsRejected(String dropped) {
        proxy.editRequests(JsonEdits.remove(dropped));

        VerificationTrace trace = activateThroughProxy();

        Exchange exchange = onlyExchange(proxy);
        assertThat(member(exchange.forwardedRequest().orElseThrow().body(), dropped))
                .as("dropped %s reached the server", dropped).isEmpty();
        assertNotAllowed(trace, exchange, "request " + dropped + " dropped");
    }

    @ParameterizedTest(name = "request {0} duplicated with another value -> 403 Not Allowed")
    @FieldSource("SIGNED_MEMBERS")
    void duplicatedMemberIsRejected(String duplicated) {
        // The strict parser rejects any duplicate. Python's json.loads keeps the last one, so the
        // reference server would reject too, because the HMAC no longer matches the members.
        String value = duplicated.equals("key") ? OTHER_KEY : "0";
        proxy.editRequests(JsonEdits.add(duplicated, value));

        VerificationTrace trace = activateThroughProxy();

        assertNotAllowed(trace, onlyExchange(proxy), "request " + duplicated + " duplicated");
    }

    @Test
    void extraMemberValidIsIgnoredAndActivates() {
        // The reference server reads the four signed members and ignores any other, so an added
        // "valid": "true" neither helps nor hurts: the request activates as it would without it.
        proxy.editRequests(JsonEdits.add("valid", "true"));

        VerificationTrace trace = activateThroughProxy();

        Exchange exchange = onlyExchange(proxy);
        assertThat(member(exchange.forwardedRequest().orElseThrow().body(), "valid")).hasValue("true");
        assertThat(exchange.upstreamReply().orElseThrow().status()).isEqualTo(200);
        assertThat(trace.verdict().kind()).as(trace.toJson()).isEqualTo(Verdict.Kind.ACTIVATED);
        System.out.printf("%-55s -> server 200, activated%n", "request with extra member \"valid\": \"true\"");
    }
}
