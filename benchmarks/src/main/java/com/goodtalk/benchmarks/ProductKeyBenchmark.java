package com.goodtalk.benchmarks;

import com.goodtalk.protocol.keys.InvalidProductKeyException;
import com.goodtalk.protocol.keys.ProductKeys;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ProductKeys#normalize(String)}, which clients run before signing and the server before
 * lookup, on three inputs:
 *
 * <ul>
 *   <li>{@code canonical}: a new-format key exactly as generated;
 *   <li>{@code typed}: the same key in lower case, with en dashes between spaced groups, a
 *       leading space and a trailing zero-width space, as users paste it;
 *   <li>{@code legacy}: the first published demo key, which has no check character.
 * </ul>
 */
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ProductKeyBenchmark {

    @Param({"canonical", "typed", "legacy"})
    public String input;

    private String text;

    /** Builds the input and checks that it normalizes to the expected key. */
    @Setup
    public void setUp() throws InvalidProductKeyException {
        String generated = ProductKeys.generate();
        String expected;
        switch (input) {
            case "canonical" -> {
                text = generated;
                expected = generated;
            }
            case "typed" -> {
                text = " " + generated.toLowerCase(Locale.ROOT).replace("-", " \u2013 ") + "\u200B";
                expected = generated;
            }
            case "legacy" -> {
                text = BenchmarkFixtures.PRODUCT_KEY;
                expected = BenchmarkFixtures.PRODUCT_KEY;
            }
            default -> throw new IllegalArgumentException("Unknown input " + input
                    + "; use canonical, typed or legacy.");
        }
        String normalized = ProductKeys.normalize(text);
        if (!normalized.equals(expected)) {
            throw new IllegalStateException("The " + input + " input normalized to " + ProductKeys.mask(normalized)
                    + " instead of " + ProductKeys.mask(expected) + ".");
        }
    }

    /** Normalizes the input. */
    @Benchmark
    public String normalize() throws InvalidProductKeyException {
        return ProductKeys.normalize(text);
    }
}
