package dev.portcullis.demo.bench;

import dev.portcullis.demo.bench.LoginThroughputBenchmark.Result;
import dev.portcullis.demo.bench.LoginThroughputBenchmark.Variant;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * How much of Keycloak's CPU is Portcullis' own code: the share of Keycloak's Java stack samples
 * that pass through a {@code dev.portcullis} frame, per variant (samples are attributed to the
 * round that was running), turned into CPU milliseconds per login with the process CPU measured
 * in the same rounds. Garbage collection and JIT threads are not Java samples, so the figure
 * leaves out the collection of what Portcullis allocates.
 */
final class JfrShare {

    private final Map<Variant, int[]> counts = new HashMap<>(); // [all samples, samples in Portcullis code]
    private final Map<Variant, Map<String, Integer>> entries = new HashMap<>();
    private final Map<Variant, Map<String, Integer>> threads = new HashMap<>();
    private final Map<Variant, Map<String, Integer>> packages = new HashMap<>();
    private final Map<Variant, List<Result>> results;
    /** The Conditional Access step's own flight-recorder events: {wall, CPU} nanoseconds by pass (its decision). */
    private final Map<String, List<long[]>> steps = new java.util.TreeMap<>();

    private JfrShare(Map<Variant, List<Result>> results) {
        this.results = results;
    }

    static JfrShare of(Path recording, Map<Variant, List<Result>> results) throws IOException {
        JfrShare share = new JfrShare(results);
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    share.add(event);
                } else if (event.getEventType().getName().equals("dev.portcullis.ConditionalAccessStep")) {
                    share.step(event);
                }
            }
        }
        return share;
    }

    private void add(RecordedEvent sample) {
        Variant variant = variantAt(sample.getStartTime());
        RecordedStackTrace stack = sample.getStackTrace();
        if (variant == null || stack == null) {
            return;
        }
        int[] count = counts.computeIfAbsent(variant, v -> new int[2]);
        count[0]++;
        packages.computeIfAbsent(variant, v -> new HashMap<>()).merge(innermostLibrary(stack), 1, Integer::sum);
        // The outermost Portcullis frame says which step or background task the sample belongs to.
        RecordedFrame outermost = null;
        for (RecordedFrame frame : stack.getFrames()) {
            if (frame.isJavaFrame() && frame.getMethod().getType().getName().startsWith("dev.portcullis.")) {
                outermost = frame;
            }
        }
        String thread = sample.getThread("sampledThread") == null ? "?" : sample.getThread("sampledThread").getJavaName();
        // Keycloak makes no java.net.http calls of its own: those threads carry the shipper's and the puller's HTTP.
        boolean ownHttp = thread.startsWith("HttpClient-");
        if (outermost == null && !ownHttp) {
            return;
        }
        count[1]++;
        String entry = outermost == null ? "java.net.http"
                : simpleName(outermost.getMethod().getType().getName()) + "." + outermost.getMethod().getName();
        entries.computeIfAbsent(variant, v -> new HashMap<>()).merge(entry, 1, Integer::sum);
        threads.computeIfAbsent(variant, v -> new HashMap<>()).merge(thread.replaceAll("[0-9]+", "N"), 1, Integer::sum);
    }

    private void step(RecordedEvent event) {
        if (variantAt(event.getStartTime()) != null) {
            steps.computeIfAbsent(event.getString("decision"), d -> new ArrayList<>())
                    .add(new long[] {event.getDuration().toNanos(), event.getLong("cpuTime")});
        }
    }

    /** What the step added to each login, timed inside Keycloak: wall and CPU time per pass. */
    List<String> stepLines(String when) {
        List<String> lines = new ArrayList<>();
        lines.add("The Conditional Access step inside Keycloak (its flight-recorder event dev.portcullis.ConditionalAccessStep), "
                + when + ", by pass; wall time counts waiting for a core, CPU time is the login thread's own work:");
        lines.add("");
        lines.add("| pass (decision) | steps | wall p50 / p99 / p99.9 / max ms | CPU p50 / p99 / p99.9 / max ms |");
        lines.add("| --- | ---: | --- | --- |");
        steps.forEach((decision, timings) -> lines.add(String.format(Locale.ROOT, "| %s | %d | %s | %s |", decision,
                timings.size(), percentiles(timings, 0), percentiles(timings, 1))));
        return lines;
    }

    private static String percentiles(List<long[]> timings, int which) {
        long[] d = timings.stream().mapToLong(t -> t[which]).sorted().toArray();
        return String.format(Locale.ROOT, "%.3f / %.3f / %.3f / %.3f", LoginThroughputBenchmark.percentile(d, 0.5) / 1e6,
                LoginThroughputBenchmark.percentile(d, 0.99) / 1e6, LoginThroughputBenchmark.percentile(d, 0.999) / 1e6,
                d[d.length - 1] / 1e6);
    }

    private Variant variantAt(Instant time) {
        for (Map.Entry<Variant, List<Result>> e : results.entrySet()) {
            for (Result r : e.getValue()) {
                if (!time.isBefore(r.start()) && time.isBefore(r.end())) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("Keycloak's Java stack samples (JFR, 10 ms) during the measured rounds, and those in Portcullis code:");
        lines.add("");
        lines.add("| variant | samples | in Portcullis code | share | ≈ Portcullis CPU ms per login | where (outermost Portcullis frame) | threads |");
        lines.add("| --- | ---: | ---: | ---: | ---: | --- | --- |");
        for (Variant v : results.keySet()) {
            int[] c = counts.getOrDefault(v, new int[2]);
            double share = c[0] == 0 ? 0 : (double) c[1] / c[0];
            double cpuPerLogin = results.get(v).stream().mapToDouble(Result::keycloakCpuMs).sum()
                    / results.get(v).stream().mapToInt(Result::logins).sum();
            lines.add(String.format(Locale.ROOT, "| %s | %d | %d | %.2f%% | %.2f | %s | %s |", v.label(), c[0], c[1],
                    100 * share, share * cpuPerLogin, top(entries.get(v)), top(threads.get(v))));
        }
        return lines;
    }

    /** Where a server's samples went, per variant: the package (three levels) of the innermost frame outside the JDK. */
    List<String> packages(String title) {
        List<String> lines = new ArrayList<>();
        lines.add(title);
        lines.add("");
        lines.add("| variant | samples | top packages (samples) |");
        lines.add("| --- | ---: | --- |");
        for (Variant v : results.keySet()) {
            lines.add(String.format(Locale.ROOT, "| %s | %d | %s |", v.label(), counts.getOrDefault(v, new int[2])[0],
                    top(packages.get(v), 8)));
        }
        return lines;
    }

    private static String innermostLibrary(RecordedStackTrace stack) {
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.isJavaFrame() ? frame.getMethod().getType().getName() : "";
            if (!type.isEmpty() && !type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                String[] parts = type.split("\\.");
                return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length - 1)));
            }
        }
        return "JDK only";
    }

    private static String top(Map<String, Integer> counts) {
        return top(counts, 5);
    }

    private static String top(Map<String, Integer> counts, int limit) {
        if (counts == null) {
            return "—";
        }
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(limit).map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
