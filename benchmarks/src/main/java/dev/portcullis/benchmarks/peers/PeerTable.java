package dev.portcullis.benchmarks.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the JSON of a {@link PeerBenchmark} run into the Markdown table of BENCHMARKS.md,
 * with every engine's figures as a ratio to Cedar's at the same size.
 * {@code java -cp benchmarks/target/benchmarks.jar dev.portcullis.benchmarks.peers.PeerTable results.json}
 */
public final class PeerTable {

    private PeerTable() {}

    /** One engine at one size: the figures of the four benchmark methods. */
    private static final class Row {
        double throughput1;
        double throughput1Error;
        double throughput2;
        double throughput2Error;
        double p50x1;
        double p99x1;
        double p50x2;
        double p99x2;
        double bytesPerOp = Double.NaN;
    }

    public static void main(String[] args) throws IOException {
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        Map<String, Row> rows = new LinkedHashMap<>();
        for (JsonNode result : results) {
            String method = result.get("benchmark").asText().replaceAll(".*\\.", "");
            String engine = result.get("params").get("engine").asText();
            String policies = result.get("params").get("policies").asText();
            Row row = rows.computeIfAbsent(policies + "/" + engine, k -> new Row());
            JsonNode primary = result.get("primaryMetric");
            JsonNode percentiles = primary.get("scorePercentiles");
            switch (method) {
                case "throughput1Thread" -> {
                    row.throughput1 = primary.get("score").asDouble();
                    row.throughput1Error = primary.get("scoreError").asDouble();
                    JsonNode norm = result.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
                    row.bytesPerOp = norm.isMissingNode() ? Double.NaN : norm.asDouble();
                }
                case "throughput2Threads" -> {
                    row.throughput2 = primary.get("score").asDouble();
                    row.throughput2Error = primary.get("scoreError").asDouble();
                }
                case "latency1Thread" -> {
                    row.p50x1 = percentiles.get("50.0").asDouble();
                    row.p99x1 = percentiles.get("99.0").asDouble();
                }
                case "latency2Threads" -> {
                    row.p50x2 = percentiles.get("50.0").asDouble();
                    row.p99x2 = percentiles.get("99.0").asDouble();
                }
                default -> { }
            }
        }
        System.out.println("| policies | engine | decisions/s, 1 thread (± 99.9%) | × Cedar | decisions/s, 2 threads (± 99.9%) | × Cedar"
                + " | p50 µs, 1 thread | p99 µs, 1 thread | p50 µs, 2 threads | p99 µs, 2 threads"
                + " | Java heap B/decision |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            String[] key = e.getKey().split("/");
            Row row = e.getValue();
            Row cedar = rows.get(key[0] + "/cedar");
            System.out.printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", key[0], key[1],
                    count(row.throughput1, row.throughput1Error), ratio(row.throughput1, cedar == null ? 0 : cedar.throughput1),
                    count(row.throughput2, row.throughput2Error), ratio(row.throughput2, cedar == null ? 0 : cedar.throughput2),
                    micros(row.p50x1), micros(row.p99x1), micros(row.p50x2), micros(row.p99x2),
                    Double.isNaN(row.bytesPerOp) ? "–" : String.format("%,.0f", row.bytesPerOp));
        }
    }

    /** The score with JMH's 99.9% error margin (NaN when there are too few iterations). */
    private static String count(double perSecond, double error) {
        if (perSecond == 0) {
            return "–";
        }
        return Double.isNaN(error) ? String.format("%,.0f", perSecond)
                : String.format("%,.0f ± %,.0f", perSecond, error);
    }

    private static String ratio(double value, double cedar) {
        return value == 0 || cedar == 0 ? "–" : String.format("%,.1f×", value / cedar);
    }

    private static String micros(double value) {
        return value == 0 ? "–" : value < 10 ? String.format("%.2f", value) : String.format("%,.0f", value);
    }
}
