package com.goodtalk.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Byte-level {@link BodyEdit}s that work on any body, whatever its format (JSON, a JWS compact
 * serialization, binary).
 */
public final class BodyEdits {

    private BodyEdits() {
    }

    /**
     * Returns an edit that inverts all eight bits of the byte at {@code index}. On an ASCII body
     * this always yields a byte of 0x80 or more, which is not valid UTF-8 on its own.
     *
     * @throws IllegalArgumentException if {@code index} is negative
     */
    public static BodyEdit flipByte(int index) {
        return xorByte(index, 0xff);
    }

    /**
     * Returns an edit that flips bit {@code bit} (0 is the least significant) of the byte at
     * {@code index}. Flipping bit 0 of an ASCII letter or digit gives its neighbour ({@code A}
     * and {@code @}, {@code 0} and {@code 1}), so the change usually keeps a JSON string valid
     * and must be caught by a signature rather than by a parser.
     *
     * @throws IllegalArgumentException if {@code index} is negative or {@code bit} is outside 0 to 7
     */
    public static BodyEdit flipBit(int index, int bit) {
        if (bit < 0 || bit > 7) {
            throw new IllegalArgumentException("The bit number must be from 0 to 7, got " + bit);
        }
        return xorByte(index, 1 << bit);
    }

    private static BodyEdit xorByte(int index, int mask) {
        if (index < 0) {
            throw new IllegalArgumentException("The byte index must not be negative, got " + index);
        }
        return body -> {
            if (index >= body.length) {
                throw new IllegalArgumentException("Cannot change byte " + index + ": the body has only "
                        + body.length + " bytes.");
            }
            byte[] edited = body.clone();
            edited[index] = (byte) (edited[index] ^ mask);
            return edited;
        };
    }

    /**
     * Returns an edit that replaces every occurrence of the UTF-8 bytes of {@code from} with
     * those of {@code to}, scanning left to right without overlaps, as {@link String#replace} does.
     *
     * @throws IllegalArgumentException if {@code from} is empty; the edit itself throws it
     *                                  when the body does not contain {@code from}
     */
    public static BodyEdit replace(String from, String to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isEmpty()) {
            throw new IllegalArgumentException("The text to replace is empty. Give the text that the body contains.");
        }
        byte[] target = from.getBytes(StandardCharsets.UTF_8);
        byte[] replacement = to.getBytes(StandardCharsets.UTF_8);
        return body -> {
            ByteArrayOutputStream edited = new ByteArrayOutputStream(body.length);
            int start = 0;
            int found = indexOf(body, target, 0);
            if (found < 0) {
                throw new IllegalArgumentException("The body does not contain \"" + from + "\", so nothing was replaced.");
            }
            while (found >= 0) {
                edited.write(body, start, found - start);
                edited.write(replacement, 0, replacement.length);
                start = found + target.length;
                found = indexOf(body, target, start);
            }
            edited.write(body, start, body.length - start);
            return edited.toByteArray();
        };
    }

    private static int indexOf(byte[] body, byte[] target, int from) {
        for (int i = from; i <= body.length - target.length; i++) {
            if (Arrays.equals(body, i, i + target.length, target, 0, target.length)) {
                return i;
            }
        }
        return -1;
    }
}
