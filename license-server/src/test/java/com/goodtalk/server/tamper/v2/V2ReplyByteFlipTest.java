package com.goodtalk.server.tamper.v2;

import static com.goodtalk.server.tamper.v2.V2Tampering.KEY;
import static com.goodtalk.server.tamper.v2.V2Tampering.assertCaughtAt;
import static com.goodtalk.server.tamper.v2.V2Tampering.onlyExchange;
import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.v2.V2Status;
import com.goodtalk.server.testing.RunningServer;
import com.goodtalk.testkit.BodyEdit;
import com.goodtalk.testkit.BodyEdits;
import com.goodtalk.testkit.Exchange;
import com.goodtalk.testkit.TamperingProxy;
import java.nio.charset.StandardCharsets;
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
 * A man in the middle changes one byte of a real server's signed {@code activated} reply, each
 * byte in turn, once by flipping the lowest bit and once by flipping bit 7. The client must
 * catch every change at the step predicted from the protocol's order: {@code parse_reply},
 * {@code check_algorithm}, {@code check_key_id} or {@code verify_signature}.
 */
class V2ReplyByteFlipTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private static final Map<String, AtomicInteger> CAUGHT_AT = new ConcurrentHashMap<>();

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
        System.out.println("reply byte flips caught, by client step: " + new TreeMap<>(CAUGHT_AT));
    }

    @AfterEach
    void resetProxy() {
        proxy.reset();
    }

    /**
     * Returns every byte index of an {@code activated} reply with the part it falls in. It
     * activates once to learn the layout, which stays the same while the same key is activated
     * on the same machine: every claim then has the same length.
     */
    static Stream<Arguments> replyBytes() {
        VerificationTrace trace = client.activate(KEY);
        assertThat(trace.verdict().kind()).as(trace.toJson()).isEqualTo(Verdict.Kind.ACTIVATED);
        String reply = onlyExchange(proxy).reply().bodyText();
        proxy.reset();
        return IntStream.range(0, reply.length())
                .mapToObj(index -> Arguments.of(index, V2RequestByteFlipTest.partOf(reply, index)));
    }

    private static void changeAndCheck(int index, String part, BodyEdit edit, int mask, String change) {
        proxy.editReplies(edit);

        VerificationTrace trace = client.activate(KEY);

        Exchange exchange = onlyExchange(proxy);
        byte[] genuine = exchange.upstreamReply().orElseThrow().body();
        byte[] received = exchange.reply().body();
        int original = genuine[index] & 0xff;
        String attack = String.format("reply byte %d (%s) %s (0x%02x -> 0x%02x) in %s", index, part, change,
                original, original ^ mask, new String(genuine, StandardCharsets.US_ASCII));
        V2Tampering.assertServerReplied(exchange, server.jwks(), V2Status.ACTIVATED, attack);
        assertThat(received.length).as("reply length after %s", attack).isEqualTo(genuine.length);
        assertThat(received[index] & 0xff).as("byte %d as the client got it", index).isEqualTo(original ^ mask);
        String expected = CheckOrder.replyStep(received, server.jwks());
        assertCaughtAt(trace, expected, attack);
        CAUGHT_AT.computeIfAbsent(change + " in " + part + " -> " + expected, key -> new AtomicInteger())
                .incrementAndGet();
    }

    @ParameterizedTest(name = "reply byte {0} ({1}) lowest bit flipped")
    @MethodSource("replyBytes")
    void lowestBitFlipIsCaught(int index, String part) {
        changeAndCheck(index, part, BodyEdits.flipBit(index, 0), 0x01, "bit 0 flip");
    }

    @ParameterizedTest(name = "reply byte {0} ({1}) bit 7 flipped")
    @MethodSource("replyBytes")
    void highBitFlipIsCaught(int index, String part) {
        changeAndCheck(index, part, BodyEdits.flipBit(index, 7), 0x80, "bit 7 flip");
    }
}
