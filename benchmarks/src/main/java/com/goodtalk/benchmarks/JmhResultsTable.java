package com.goodtalk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH JSON result file ({@code -rf json -rff FILE}) into one Markdown table with a row per
 * benchmark and parameter set: throughput in operations per second and average time in
 * microseconds per operation, each with JMH's 99.9% error margin. The benchmarks print in
 * different units, so this puts them on one scale for the benchmark records.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar com.goodtalk.benchmarks.JmhResultsTable jmh-results.json
 * }</pre>
 */
public final class JmhResultsTable {

    private JmhResultsTable() {
    }

    /** Prints the table of the JSON file named by the only argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("Usage: JmhResultsTable FILE, where FILE is JMH's JSON output (-rf json -rff FILE).");
            System.exit(2);
        }
        print(new ObjectMapper().readTree(Files.readAllBytes(Path.of(args[0]))), System.out);
    }

    /** A row of the table, filled by the throughput and the average-time results of one benchmark. */
    private static final class Row {
        private String throughput = "-";
        private String averageTime = "-";
    }

    /**
     * Prints the table for JMH's JSON array of results.
     *
     * @throws IllegalArgumentException if a result has a mode or unit this table does not convert
     */
    static void print(JsonNode results, PrintStream out) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (JsonNode result : results) {
            String key = "| " + shortName(result.path("benchmark").asText()) + " | " + params(result.path("params"))
                    + " | " + result.path("threads").asInt() + " |";
            Row row = rows.computeIfAbsent(key, ignored -> new Row());
            JsonNode metric = result.path("primaryMetric");
            String mode = result.path("mode").asText();
            String unit = metric.path("scoreUnit").asText();
            double score = metric.path("score").asDouble();
            double error = metric.path("scoreError").asDouble(Double.NaN);
            switch (mode) {
                case "thrpt" -> row.throughput = formatted(score * perSecond(unit), error * perSecond(unit));
                case "avgt" -> row.averageTime = formatted(score * microseconds(unit), error * microseconds(unit));
                default -> throw new IllegalArgumentException("The mode " + mode + " of " + key + " is not converted;"
                        + " run the benchmarks in thrpt and avgt modes.");
            }
        }
        out.println("| benchmark | parameters | threads | throughput (ops/s) | average time (µs/op) |");
        out.println("|---|---|---:|---:|---:|");
        rows.forEach((key, row) -> out.println(key + " " + row.throughput + " | " + row.averageTime + " |"));
    }

    private static String shortName(String benchmark) {
        String[] parts = benchmark.split("\\.");
        return parts.length < 2 ? benchmark : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    private static String params(JsonNode params) {
        if (params.isMissingNode() || params.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> fields = params.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            text.append(text.length() == 0 ? "" : ", ").append(field.getKey()).append('=').append(field.getValue().asText());
        }
        return text.toString();
    }

    private static double perSecond(String unit) {
        return switch (unit) {
            case "ops/s" -> 1;
            case "ops/ms" -> 1e3;
            case "ops/us" -> 1e6;
            case "ops/ns" -> 1e9;
            default -> throw new IllegalArgumentException("The throughput unit " + unit + " is not converted;"
                    + " use ops/s, ops/ms, ops/us or ops/ns.");
        };
    }

    private static double microseconds(String unit) {
        return switch (unit) {
            case "s/op" -> 1e6;
            case "ms/op" -> 1e3;
            case "us/op" -> 1;
            case "ns/op" -> 1e-3;
            default -> throw new IllegalArgumentException("The time unit " + unit + " is not converted;"
                    + " use s/op, ms/op, us/op or ns/op.");
        };
    }

    /** Formats a score and its error with three significant digits. */
    static String formatted(double score, double error) {
        String value = significant(score);
        return Double.isNaN(error) ? value : value + " ± " + significant(error);
    }

    private static String significant(double value) {
        if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        double magnitude = Math.floor(Math.log10(Math.abs(value)));
        int decimals = (int) Math.max(0, 2 - magnitude);
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
