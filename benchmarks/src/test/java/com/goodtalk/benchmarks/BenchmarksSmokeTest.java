package com.goodtalk.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.goodtalk.protocol.client.V2ReplyBenchmark;
import com.goodtalk.protocol.v2.ReplayCacheBenchmark;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark method once through JMH, in this JVM and untimed, so that a benchmark
 * whose setup or method throws fails the build. The benchmarks' own setup checks that what
 * they measure works (a verifier accepts, a store finds the seat), so this also catches a
 * benchmark that would measure an error path. Timing is left to the manual runs.
 */
class BenchmarksSmokeTest {

    private static final List<Class<?>> BENCHMARK_CLASSES = List.of(
            V1ProtocolBenchmark.class,
            V2RequestBenchmark.class,
            V2ReplyBenchmark.class,
            ReplayCacheBenchmark.class,
            ProductKeyBenchmark.class,
            SqliteStoreBenchmark.class);

    @Test
    void everyBenchmarkRunsOnce() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(BENCHMARK_CLASSES.stream().map(Class::getName).collect(Collectors.joining("|")))
                .mode(Mode.SingleShotTime)
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementBatchSize(1)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        Set<String> ran = results.stream().map(result -> result.getParams().getBenchmark())
                .collect(Collectors.toSet());
        assertThat(ran).containsAll(benchmarkMethods());
        assertThat(results).allSatisfy(result ->
                assertThat(result.getPrimaryResult().getSampleCount()).isGreaterThanOrEqualTo(1));
    }

    private static Set<String> benchmarkMethods() {
        return BENCHMARK_CLASSES.stream()
                .flatMap(type -> Arrays.stream(type.getMethods())
                        .filter(method -> method.isAnnotationPresent(Benchmark.class))
                        .map(Method::getName)
                        .map(name -> type.getName() + "." + name))
                .collect(Collectors.toSet());
    }
}
