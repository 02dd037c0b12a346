package com.goodtalk.server.tamper.v2;

import static com.goodtalk.server.tamper.v2.V2Tampering.KEY;
import static com.goodtalk.server.tamper.v2.V2Tampering.assertClientSawChangedRequest;
import static com.goodtalk.server.tamper.v2.V2Tampering.assertServerReplied;
import static com.goodtalk.server.tamper.v2.V2Tampering.onlyExchange;
import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.server.tamper.v2.CheckOrder.RequestCheck;
import com.goodtalk.server.testing.RunningServer;
import com.goodtalk.testkit.BodyEdit;
import com.goodtalk.testkit.BodyEdits;
import com.goodtalk.testkit.Exchange;
import com.goodtalk.testkit.TamperingProxy;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A man in the middle changes one byte of the real client's v2 request, each byte in turn, once
 * by flipping the lowest bit and once by flipping bit 7. The server must reply with the signed
 * status of the first check that the changed bytes fail, as predicted from the protocol's check
 * order, and the client must fail that reply at {@code check_request_hash}.
 */
class V2RequestByteFlipTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private static final Map<String, AtomicInteger> CAUGHT_BY = new ConcurrentHashMap<>();

    private static TamperingProxy proxy;
    private static V2Client client;

    @BeforeAll
    static void startProxy() {
        proxy = TamperingProxy.start(server.baseUri());
        client = V2Tampering.clientThrough(proxy, server);
    }

    @AfterAll
    static void stopProxyAndReport() {
        proxy.close();
        System.out.println("request byte flips caught, by server check: " + new TreeMap<>(CAUGHT_BY));
    }

    @AfterEach
    void resetProxy() {
        proxy.reset();
    }

    /**
     * Returns every byte index of a request with the part it falls in. It activates once to learn
     * the layout, which is the same for every request: the header is fixed and each claim has a
     * fixed length.
     */
    static Stream<Arguments> requestBytes() {
        VerificationTrace trace = client.activate(KEY);
        assertThat(trace.verdict().kind()).as(trace.toJson()).isEqualTo(Verdict.Kind.ACTIVATED);
        String request = onlyExchange(proxy).request().bodyText();
        proxy.reset();
        return IntStream.range(0, request.length()).mapToObj(index -> Arguments.of(index, partOf(request, index)));
    }

    /** Names the part of a compact JWS that byte {@code index} belongs to. */
    static String partOf(String jws, int index) {
        int firstDot = jws.indexOf('.');
        int secondDot = jws.indexOf('.', firstDot + 1);
        if (index == firstDot || index == secondDot) {
            return "dot";
        }
        if (index < firstDot) {
            return "header";
        }
        return index < secondDot ? "payload" : "signature";
    }

    private static void changeAndCheck(int index, String part, BodyEdit edit, int mask, String change) {
        proxy.editRequests(edit);

        VerificationTrace trace = client.activate(KEY);

        Exchange exchange = onlyExchange(proxy);
        byte[] sent = exchange.request().body();
        byte[] forwarded = exchange.forwardedRequest().orElseThrow().body();
        int original = sent[index] & 0xff;
        assertThat(forwarded[index] & 0xff).as("byte %d as the server got it", index).isEqualTo(original ^ mask);
        RequestCheck expected = CheckOrder.requestCheck(forwarded, server.clientKeyId());
        String attack = String.format("request byte %d (%s) %s (0x%02x -> 0x%02x) in %s", index, part, change,
                original, original ^ mask, new String(sent, StandardCharsets.US_ASCII));
        SignedServerReply reply = assertServerReplied(exchange, server.jwks(), expected.status(), attack);
        assertThat(reply.requestJti()).as("req_jti echoed from an unverified payload after %s", attack).isEmpty();
        assertClientSawChangedRequest(trace, attack);
        String caughtBy = change + " in " + part + " -> " + expected.name().toLowerCase(Locale.ROOT) + "/"
                + reply.status();
        CAUGHT_BY.computeIfAbsent(caughtBy, key -> new AtomicInteger()).incrementAndGet();
    }

    @ParameterizedTest(name = "request byte {0} ({1}) lowest bit flipped")
    @MethodSource("requestBytes")
    void lowestBitFlipIsRejected(int index, String part) {
        changeAndCheck(index, part, BodyEdits.flipBit(index, 0), 0x01, "bit 0 flip");
    }

    @ParameterizedTest(name = "request byte {0} ({1}) bit 7 flipped")
    @MethodSource("requestBytes")
    void highBitFlipIsRejected(int index, String part) {
        changeAndCheck(index, part, BodyEdits.flipBit(index, 7), 0x80, "bit 7 flip");
    }
}
