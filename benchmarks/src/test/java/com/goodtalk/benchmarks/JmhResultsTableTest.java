package com.goodtalk.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JmhResultsTableTest {

    private static final String RESULTS = """
            [
              {"benchmark": "com.example.KeyBenchmark.normalize", "mode": "thrpt", "threads": 1,
               "params": {"input": "typed"},
               "primaryMetric": {"score": 0.5, "scoreError": 0.0125, "scoreUnit": "ops/us"}},
              {"benchmark": "com.example.KeyBenchmark.normalize", "mode": "avgt", "threads": 1,
               "params": {"input": "typed"},
               "primaryMetric": {"score": 2.0, "scoreError": "NaN", "scoreUnit": "us/op"}},
              {"benchmark": "com.example.StoreBenchmark.activate", "mode": "avgt", "threads": 2,
               "primaryMetric": {"score": 4.25, "scoreError": 1.5, "scoreUnit": "ms/op"}}
            ]
            """;

    @Test
    void rowsJoinModesInCommonUnits() throws Exception {
        String table = print(RESULTS);

        assertThat(table).contains("| KeyBenchmark.normalize | input=typed | 1 | 500,000 ± 12,500 | 2.00 |");
        assertThat(table).contains("| StoreBenchmark.activate |  | 2 | - | 4,250 ± 1,500 |");
    }

    @Test
    void unknownModeRejected() {
        String sample = """
                [{"benchmark": "a.B.c", "mode": "ss", "threads": 1,
                  "primaryMetric": {"score": 1, "scoreError": 0, "scoreUnit": "us/op"}}]
                """;

        assertThatThrownBy(() -> print(sample))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The mode ss");
    }

    @Test
    void smallValuesKeepThreeDigits() {
        assertThat(JmhResultsTable.formatted(0.01234, 0.0005)).isEqualTo("0.0123 ± 0.000500");
        assertThat(JmhResultsTable.formatted(123.456, Double.NaN)).isEqualTo("123");
    }

    private static String print(String json) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JmhResultsTable.print(new ObjectMapper().readTree(json), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
