package com.goodtalk.protocol.v2;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One change to a compact JWS body: a byte flip, an inserted byte, a deleted byte or two parts
 * swapped. Positions are fractions of the body length, so one mutation applies to any body.
 */
public record Mutation(Kind kind, double position, int value, int firstPart, int secondPart) {

    /** The four kinds of change. */
    public enum Kind { FLIP, INSERT, DELETE, SWAP_PARTS }

    /** Generates mutations of every kind at any position. */
    public static Arbitrary<Mutation> arbitrary() {
        return Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.doubles().between(0, 1).ofScale(6),
                Arbitraries.integers().between(1, 255),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 2))
                .as(Mutation::new)
                .filter(mutation -> mutation.kind != Kind.SWAP_PARTS || mutation.firstPart != mutation.secondPart);
    }

    /** Returns a mutated copy of {@code body}. */
    public byte[] apply(byte[] body) {
        int index = Math.min(body.length - 1, (int) (position * body.length));
        switch (kind) {
            case FLIP -> {
                byte[] result = body.clone();
                result[index] ^= (byte) value;
                return result;
            }
            case INSERT -> {
                byte[] result = new byte[body.length + 1];
                System.arraycopy(body, 0, result, 0, index);
                result[index] = (byte) value;
                System.arraycopy(body, index, result, index + 1, body.length - index);
                return result;
            }
            case DELETE -> {
                byte[] result = new byte[body.length - 1];
                System.arraycopy(body, 0, result, 0, index);
                System.arraycopy(body, index + 1, result, index, body.length - index - 1);
                return result;
            }
            case SWAP_PARTS -> {
                String[] parts = new String(body, StandardCharsets.US_ASCII).split("\\.", -1);
                String first = parts[firstPart];
                parts[firstPart] = parts[secondPart];
                parts[secondPart] = first;
                return String.join(".", parts).getBytes(StandardCharsets.US_ASCII);
            }
            default -> throw new IllegalStateException("Unknown mutation " + kind);
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FLIP -> "flip 0x" + Integer.toHexString(value) + " at " + position;
            case INSERT -> "insert 0x" + Integer.toHexString(value) + " at " + position;
            case DELETE -> "delete at " + position;
            case SWAP_PARTS -> "swap parts " + firstPart + " and " + secondPart;
        };
    }
}
