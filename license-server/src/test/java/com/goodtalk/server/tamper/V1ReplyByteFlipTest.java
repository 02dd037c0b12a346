package com.goodtalk.server.tamper;

import static com.goodtalk.server.tamper.V1Tampering.KEY;
import static com.goodtalk.server.tamper.V1Tampering.assertCaughtAt;
import static com.goodtalk.server.tamper.V1Tampering.clientThrough;
import static com.goodtalk.server.tamper.V1Tampering.onlyExchange;
import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.client.Verdict;
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
 * A man in the middle changes one byte of a real server's successful v1 reply, each byte in
 * turn. A change inside a signed string value that keeps the JSON valid must fail
 * {@code verify_signature}; any other change breaks the JSON or a member name and must fail
 * {@code parse_reply}.
 */
class V1ReplyByteFlipTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withDemoKeys();

    private static final Map<String, AtomicInteger> CAUGHT_AT = new ConcurrentHashMap<>();

    private static TamperingProxy proxy;

    @BeforeAll
    static void startProxy() {
        proxy = TamperingProxy.start(server.baseUri());
    }

    @AfterAll
    static void stopProxyAndReport() {
        proxy.close();
        System.out.println("reply byte changes caught, by step: " + new TreeMap<>(CAUGHT_AT));
    }

    @AfterEach
    void resetProxy() {
        proxy.reset();
    }

    /**
     * Returns every byte index of a successful reply with the part of the reply it falls in. It
     * activates once to learn the layout, which is the same for every reply because each member
     * has a fixed length.
     */
    static Stream<Arguments> replyBytes() {
        VerificationTrace trace = clientThrough(proxy, server.secret()).activate(KEY);
        assertThat(trace.verdict().kind()).as(trace.toJson()).isEqualTo(Verdict.Kind.ACTIVATED);
        String reply = onlyExchange(proxy).reply().bodyText();
        proxy.reset();
        return IntStream.range(0, reply.length()).mapToObj(index -> Arguments.of(index, partOf(reply, index)));
    }

    /** Names the part of a v1 reply that byte {@code index} belongs to, such as "nonce value". */
    private static String partOf(String reply, int index) {
        for (String member : V1Tampering.REPLY_MEMBERS) {
            int nameStart = reply.indexOf("\"" + member + "\": \"");
            int valueStart = nameStart + member.length() + 6;
            int valueEnd = reply.indexOf('"', valueStart);
            if (index > nameStart && index <= nameStart + member.length()) {
                return member + " name";
            }
            if (index >= valueStart && index < valueEnd) {
                return member + " value";
            }
        }
        return "punctuation";
    }

    /**
     * Returns the step that must catch the change of byte {@code index} of {@code genuine} into
     * {@code changed}: {@code verify_signature} if the byte is inside a member's string value and
     * the new byte keeps that string valid, otherwise {@code parse_reply}.
     */
    static String expectedStep(byte[] genuine, int index, int changed) {
        String text = new String(genuine, StandardCharsets.US_ASCII);
        boolean staysPlainCharacter = changed >= 0x20 && changed < 0x7f && changed != '"' && changed != '\\';
        for (String member : V1Tampering.REPLY_MEMBERS) {
            String opening = "\"" + member + "\": \"";
            int openingAt = text.indexOf(opening);
            assertThat(openingAt).as("member %s in the genuine reply %s", member, text).isNotNegative();
            int valueStart = openingAt + opening.length();
            int valueEnd = text.indexOf('"', valueStart);
            if (index >= valueStart && index < valueEnd) {
                return staysPlainCharacter ? StepId.VERIFY_SIGNATURE : StepId.PARSE_REPLY;
            }
        }
        return StepId.PARSE_REPLY;
    }

    /** Applies {@code edit}, which XORs byte {@code index} with {@code mask}, and checks the step that catches it. */
    private static void changeAndCheck(int index, String part, BodyEdit edit, int mask, String change) {
        proxy.editReplies(edit);

        VerificationTrace trace = clientThrough(proxy, server.secret()).activate(KEY);

        Exchange exchange = onlyExchange(proxy);
        byte[] genuine = exchange.upstreamReply().orElseThrow().body();
        int original = genuine[index] & 0xff;
        int changed = original ^ mask;
        assertThat(exchange.reply().body()[index] & 0xff).as("byte %d as the client got it", index).isEqualTo(changed);
        String expected = expectedStep(genuine, index, changed);
        String attack = String.format("reply byte %d (%s) %s (0x%02x '%c' -> 0x%02x) in %s", index, part, change,
                original, (char) original, changed, new String(genuine, StandardCharsets.US_ASCII));
        assertCaughtAt(trace, expected, attack);
        CAUGHT_AT.computeIfAbsent(change + " -> " + expected, step -> new AtomicInteger()).incrementAndGet();
        System.out.printf("reply byte %3d %-21s %-10s 0x%02x '%c' -> 0x%02x: caught at %s%n", index, "(" + part + ")",
                change, original, (char) original, changed, expected);
    }

    @ParameterizedTest(name = "reply byte {0} ({1}) lowest bit flipped")
    @MethodSource("replyBytes")
    void lowestBitFlipIsCaught(int index, String part) {
        changeAndCheck(index, part, BodyEdits.flipBit(index, 0), 0x01, "bit 0 flip");
    }

    @ParameterizedTest(name = "reply byte {0} ({1}) inverted")
    @MethodSource("replyBytes")
    void invertedByteIsCaught(int index, String part) {
        changeAndCheck(index, part, BodyEdits.flipByte(index), 0xff, "inversion");
    }
}
