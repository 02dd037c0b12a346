package com.goodtalk.server.tamper.v2;

import com.goodtalk.protocol.v2.V2Protocol;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Generates request bodies for the fuzzer from a seeded {@link Random}, so one seed always gives
 * the same bodies: random bytes and text shaped more and more like a v2 request, and single or
 * repeated mutations of validly signed requests.
 */
final class FuzzBodies {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final byte[] DOT = {'.'};
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** Header texts a random JWS may carry: the valid one, near misses and junk. */
    private static final String[] HEADERS = {
        "{\"alg\":\"HS256\",\"typ\":\"goodtalk-request+jwt\",\"kid\":\"%s\"}",
        "{\"alg\":\"none\",\"typ\":\"goodtalk-request+jwt\",\"kid\":\"%s\"}",
        "{\"alg\":\"HS256\",\"typ\":\"goodtalk-request+jwt\",\"kid\":\"%s\",\"crit\":[\"b64\"],\"b64\":false}",
        "{\"alg\":\"HS256\",\"alg\":\"HS256\",\"typ\":\"goodtalk-request+jwt\",\"kid\":\"%s\"}",
        "{\"alg\":[\"HS256\"],\"typ\":\"goodtalk-request+jwt\",\"kid\":\"%s\"}",
        "{\"alg\":\"HS256\",\"typ\":\"goodtalk-request+jwt\",\"kid\":{\"id\":\"%s\"}}",
        "{\"alg\":\"HS256\",\"typ\":\"goodtalk-request+jwt\",\"kid\":\"%s\\u0000\"}",
        "[\"HS256\",\"%s\"]",
        "{\"alg\":\"HS256\",\"typ\":\"goodtalk-request+jwt\",\"kid\":\"%s\"",
        "{\"alg\":\"HS256\",\"typ\":\"goodtalk-request+jwt\",\"kid\":\"%s\"} {}",
        "{\"alg\":\"HS256\",\"jku\":\"http://127.0.0.1:9/\",\"typ\":\"goodtalk-request+jwt\",\"kid\":\"%s\"}",
    };

    /** Payload texts a random JWS may carry, with {@code %d} for the iat. */
    private static final String[] PAYLOADS = {
        "{\"op\":\"activate\",\"key\":\"APENL-4N9L1-2KA9D-3JX0-44LSK\",\"machine\":\"m\",\"app\":\"a\","
                + "\"jti\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"iat\":%d}",
        "{\"op\":\"activate\",\"key\":\"APENL-4N9L1-2KA9D-3JX0-44LSK\",\"iat\":%d,\"iat\":%d}",
        "{\"op\":null,\"key\":1e400,\"iat\":%d.5}",
        "{\"key\":\"" + "A".repeat(4000) + "\",\"iat\":%d}",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[%d]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        "{\"iat\":%d,\"nested\":" + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + "}",
        "\"\\ud800 %d\"",
        "",
    };

    private final Random random;
    private final String clientKeyId;

    FuzzBodies(Random random, String clientKeyId) {
        this.random = random;
        this.clientKeyId = clientKeyId;
    }

    /** Returns a random body of one of several shapes, named for the failure report. */
    NamedBody randomBody() {
        int shape = random.nextInt(8);
        return switch (shape) {
            case 0 -> new NamedBody("random bytes", randomBytes(random.nextInt(512)));
            case 1 -> new NamedBody("random base64url and dots", randomText(ALPHABET + "...", random.nextInt(600)));
            case 2 -> new NamedBody("three random base64url parts", concat(randomText(ALPHABET, 1 + random.nextInt(120)),
                    DOT, randomText(ALPHABET, 1 + random.nextInt(300)), DOT, randomText(ALPHABET, 1 + random.nextInt(90))));
            case 3 -> new NamedBody("JWS with a chosen header and payload and a random signature", chosenJws());
            case 4 -> new NamedBody("printable ASCII", randomText(printableAscii(), random.nextInt(400)));
            case 5 -> new NamedBody("JSON object", ("{\"key\": \"APENL-4N9L1-2KA9D-3JX0-44LSK\", \"nonce\": \""
                    + randomText(ALPHABET, 22) + "\"}").getBytes(StandardCharsets.US_ASCII));
            case 6 -> new NamedBody("oversized base64url", randomText(ALPHABET + ".",
                    V2Protocol.MAX_REQUEST_BYTES + 1 + random.nextInt(4096)));
            default -> new NamedBody("empty or whitespace", randomText(" \t\r\n", random.nextInt(4)));
        };
    }

    /**
     * Returns {@code valid} changed by one to three random mutations, never equal to it or to
     * {@code otherValid}: splicing two parts from the other request would otherwise rebuild it,
     * a validly signed request that was never sent.
     */
    NamedBody mutated(byte[] valid, byte[] otherValid) {
        int count = 1 + random.nextInt(3);
        byte[] body = valid;
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < count; i++) {
            Mutation mutation = Mutation.values()[random.nextInt(Mutation.values().length)];
            body = apply(mutation, body, otherValid);
            name.append(i == 0 ? "" : ", ").append(mutation.description);
        }
        while (Arrays.equals(body, valid) || Arrays.equals(body, otherValid)) {
            body = apply(Mutation.FLIP, body, otherValid);
            name.append(", ").append(Mutation.FLIP.description);
        }
        return new NamedBody(name.toString(), body);
    }

    /** The changes the fuzzer makes to a valid body. */
    enum Mutation {
        FLIP("flip bits of a byte"),
        INSERT("insert a byte"),
        DELETE("delete a byte"),
        DUPLICATE("repeat a run of bytes"),
        TRUNCATE("cut the end"),
        SWAP_PARTS("swap two parts"),
        SPLICE("take a part from another valid request"),
        DROP_PART("drop a part");

        private final String description;

        Mutation(String description) {
            this.description = description;
        }
    }

    private byte[] apply(Mutation mutation, byte[] body, byte[] otherValid) {
        if (body.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        int index = random.nextInt(body.length);
        return switch (mutation) {
            case FLIP -> {
                byte[] result = body.clone();
                result[index] ^= (byte) (1 + random.nextInt(255));
                yield result;
            }
            case INSERT -> concat(Arrays.copyOfRange(body, 0, index), new byte[] {(byte) random.nextInt(256)},
                    Arrays.copyOfRange(body, index, body.length));
            case DELETE -> concat(Arrays.copyOfRange(body, 0, index), Arrays.copyOfRange(body, index + 1, body.length));
            case DUPLICATE -> {
                int end = Math.min(body.length, index + 1 + random.nextInt(16));
                yield concat(Arrays.copyOfRange(body, 0, end), Arrays.copyOfRange(body, index, body.length));
            }
            case TRUNCATE -> Arrays.copyOf(body, index);
            case SWAP_PARTS -> withParts(body, parts -> {
                int first = random.nextInt(parts.length);
                int second = random.nextInt(parts.length);
                String kept = parts[first];
                parts[first] = parts[second];
                parts[second] = kept;
            });
            case SPLICE -> {
                String[] others = new String(otherValid, StandardCharsets.US_ASCII).split("\\.", -1);
                yield withParts(body, parts -> {
                    int part = random.nextInt(Math.min(parts.length, others.length));
                    parts[part] = others[part];
                });
            }
            case DROP_PART -> {
                String text = new String(body, StandardCharsets.ISO_8859_1);
                int dot = text.indexOf('.', random.nextInt(text.length()));
                yield dot < 0 ? Arrays.copyOf(body, body.length - 1)
                        : text.substring(0, dot).getBytes(StandardCharsets.ISO_8859_1);
            }
        };
    }

    private static byte[] withParts(byte[] body, Consumer<String[]> change) {
        String[] parts = new String(body, StandardCharsets.ISO_8859_1).split("\\.", -1);
        change.accept(parts);
        return String.join(".", parts).getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] chosenJws() {
        // The iat is fixed so a seed always gives the same bytes. These bodies fail the HMAC or an
        // earlier check, so the server never compares the iat with its clock.
        long now = 1_750_000_000L;
        String header = String.format(HEADERS[random.nextInt(HEADERS.length)], clientKeyId);
        String payload = PAYLOADS[random.nextInt(PAYLOADS.length)].replace("%d", Long.toString(now));
        byte[] signature = randomBytes(random.nextBoolean() ? 32 : random.nextInt(80));
        return (ENCODER.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODER.encodeToString(signature)).getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] randomText(String alphabet, int length) {
        char[] text = new char[length];
        for (int i = 0; i < length; i++) {
            text[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(text).getBytes(StandardCharsets.US_ASCII);
    }

    private static String printableAscii() {
        StringBuilder characters = new StringBuilder();
        for (char c = 0x20; c < 0x7f; c++) {
            characters.append(c);
        }
        return characters.toString();
    }

    private static byte[] concat(byte[]... arrays) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] array : arrays) {
            out.write(array, 0, array.length);
        }
        return out.toByteArray();
    }

    /**
     * A generated body and how it was made.
     *
     * @param description how the body was made, for the failure report
     * @param body        the body
     */
    record NamedBody(String description, byte[] body) {
    }
}
