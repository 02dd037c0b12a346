package com.goodtalk.server.tamper.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.StepId;
import com.goodtalk.protocol.client.StepOutcome;
import com.goodtalk.protocol.client.V2Client;
import com.goodtalk.protocol.client.VerificationTrace;
import com.goodtalk.protocol.keys.ProductKeys;
import com.goodtalk.protocol.machine.MachineFingerprint;
import com.goodtalk.protocol.client.Verdict;
import com.goodtalk.protocol.v2.V2Operation;
import com.goodtalk.protocol.v2.V2Protocol;
import com.goodtalk.protocol.v2.V2RequestSigner;
import com.goodtalk.protocol.v2.V2Status;
import com.goodtalk.server.DemoKeys;
import com.goodtalk.server.testing.RunningServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Properties of the real server's v2 request handling, checked with generated requests over
 * loopback: any single mutation of a valid request is rejected with the status its first failing
 * check calls for, and any valid request round-trips through the real client with every reply
 * check passing.
 */
class V2RequestPropertiesTest {

    /** Statuses a server may only send for a request that passed signature, freshness and replay checks. */
    private static final Set<String> ACCEPTING = Set.of(V2Status.ACTIVATED.word(), V2Status.VALID.word(),
            V2Status.DEACTIVATED.word());

    /** Statuses that mean the server found fault with a request the real client signed correctly. */
    private static final Set<String> PROTOCOL_FAULTS = Set.of(V2Status.MALFORMED.word(),
            V2Status.BAD_SIGNATURE.word(), V2Status.STALE_REQUEST.word(), V2Status.REPLAYED.word(),
            V2Status.TOO_LARGE.word());

    private static RunningServer server;
    private static HttpClient http;
    private static V2RequestSigner signer;

    @BeforeContainer
    static void startServer() {
        // jqwik does not run JUnit Jupiter extensions, so the fixture is started by hand.
        server = RunningServer.withDemoKeys();
        server.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        signer = new V2RequestSigner(server.clientKeyId(), server.clientSecret(), Clock.systemUTC());
    }

    @AfterContainer
    static void stopServer() {
        server.stop();
    }

    /**
     * One change to a compact JWS body. Positions are fractions of the body length, so one
     * mutation applies to any body and shrinks towards the start.
     *
     * @param kind     the change
     * @param position where, as a fraction of the body length
     * @param value    the XOR mask or the inserted byte, 1 to 255
     */
    record Mutation(Kind kind, double position, int value) {

        /** The kinds of change. */
        enum Kind { FLIP, INSERT, DELETE, TRUNCATE, SWAP_HEADER_PAYLOAD, SWAP_PAYLOAD_SIGNATURE }

        byte[] apply(byte[] body) {
            int index = Math.min(body.length - 1, (int) (position * body.length));
            String[] parts = new String(body, StandardCharsets.US_ASCII).split("\\.", -1);
            return switch (kind) {
                case FLIP -> {
                    byte[] result = body.clone();
                    result[index] ^= (byte) value;
                    yield result;
                }
                case INSERT -> {
                    byte[] result = new byte[body.length + 1];
                    System.arraycopy(body, 0, result, 0, index);
                    result[index] = (byte) value;
                    System.arraycopy(body, index, result, index + 1, body.length - index);
                    yield result;
                }
                case DELETE -> {
                    byte[] result = new byte[body.length - 1];
                    System.arraycopy(body, 0, result, 0, index);
                    System.arraycopy(body, index + 1, result, index, body.length - index - 1);
                    yield result;
                }
                case TRUNCATE -> Arrays.copyOf(body, index);
                case SWAP_HEADER_PAYLOAD -> join(parts[1], parts[0], parts[2]);
                case SWAP_PAYLOAD_SIGNATURE -> join(parts[0], parts[2], parts[1]);
            };
        }

        private static byte[] join(String first, String second, String third) {
            return (first + "." + second + "." + third).getBytes(StandardCharsets.US_ASCII);
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(
                Arbitraries.of(Mutation.Kind.class),
                Arbitraries.doubles().between(0, 1).ofScale(4),
                Arbitraries.integers().between(1, 255))
                .as(Mutation::new);
    }

    @Provide
    Arbitrary<String> productKeys() {
        // Keys the server's normalizer accepts: demo keys, generated new-format keys and unknown legacy keys.
        Arbitrary<String> legacy = Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")
                .ofMinLength(1).ofMaxLength(40)
                .filter(key -> key.chars().anyMatch(Character::isLetterOrDigit));
        return Arbitraries.oneOf(Arbitraries.of(DemoKeys.KEYS), Arbitraries.create(ProductKeys::generate), legacy);
    }

    @Provide
    Arbitrary<String> machines() {
        // A well-formed fingerprint is the canonical base64url of 32 bytes after the scheme.
        return Arbitraries.bytes().array(byte[].class).ofSize(32)
                .map(bytes -> MachineFingerprint.SCHEME + ":" + Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(bytes));
    }

    @Provide
    Arbitrary<String> apps() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(64);
    }

    private static SignedServerReply post(V2Operation endpoint, byte[] body) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + endpoint.path()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", V2Protocol.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("HTTP status").isLessThan(500);
        return SignedServerReply.verify(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body(), server.jwks());
    }

    @Property(tries = 500)
    void singleMutationIsRejected(@ForAll("mutations") Mutation mutation, @ForAll V2Operation operation)
            throws Exception {
        byte[] valid = signer.sign(operation, DemoKeys.KEYS.get(0), V2Tampering.MACHINE, V2Tampering.APP).body();
        byte[] mutated = mutation.apply(valid);
        Assume.that(!Arrays.equals(mutated, valid));

        SignedServerReply reply = post(operation, mutated);

        assertThat(reply.status()).as("status after %s", mutation).isNotIn(ACCEPTING);
        assertThat(reply.status()).as("status after %s: %s", mutation, reply.message())
                .isEqualTo(CheckOrder.requestCheck(mutated, server.clientKeyId()).status().word());
        assertThat(reply.requestHash()).isEqualTo(V2Protocol.requestHash(mutated));
        assertThat(reply.requestJti()).as("req_jti of an unverified body after %s", mutation).isEmpty();
    }

    @Property(tries = 100)
    void validRequestRoundTrips(@ForAll V2Operation operation, @ForAll("productKeys") String productKey,
                                @ForAll("machines") String machine, @ForAll("apps") String app) {
        V2Client client = V2Tampering.clientBuilder(server.baseUri(), server).machine(machine).app(app).build();

        VerificationTrace trace = switch (operation) {
            case ACTIVATE -> client.activate(productKey);
            case VALIDATE -> client.validate(productKey);
            case DEACTIVATE -> client.deactivate(productKey);
        };

        for (String step : new String[] {StepId.VERIFY_SIGNATURE, StepId.CHECK_REQUEST_HASH, StepId.CHECK_ECHO}) {
            assertThat(trace.step(step).orElseThrow().outcome()).as("%s in %s", step, trace.toJson())
                    .isEqualTo(StepOutcome.PASSED);
        }
        assertThat(trace.verdict().kind()).as(trace.toJson())
                .isIn(Verdict.Kind.ACTIVATED, Verdict.Kind.DEACTIVATED, Verdict.Kind.REJECTED);
        assertThat(trace.verdict().serverReason().orElse("")).as(trace.toJson()).isNotIn(PROTOCOL_FAULTS);
    }
}
