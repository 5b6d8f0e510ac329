package dev.portcullis.benchmarks.load;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a server's CPU went in a JFR recording (JDK 17's {@code jfr} tool cannot aggregate):
 * the share of Java stack samples that pass through each part of the request path (inclusive),
 * and the methods most often innermost outside the JDK. Usage: {@code JfrTop FILE [N]}.
 */
public final class JfrTop {

    /** Inclusive parts of a request, by package prefix; a sample can be in several. */
    private static final Map<String, List<String>> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("JWT verification (SmallRye JWT, jose4j)", List.of("io.smallrye.jwt.", "org.jose4j."));
        PARTS.put("database (Hibernate, Agroal, H2 or PostgreSQL's driver, Narayana)", List.of("org.hibernate.",
                "io.agroal.", "org.h2.", "org.postgresql.",
                "com.arjuna.", "io.quarkus.narayana."));
        PARTS.put("JSON (Jackson)", List.of("com.fasterxml.jackson."));
        PARTS.put("Portcullis code", List.of("dev.portcullis."));
        PARTS.put("HTTP server (Vert.x, Netty, RESTEasy Reactive)", List.of("io.vertx.", "io.netty.",
                "org.jboss.resteasy.reactive."));
    }

    private JfrTop() {}

    public static void main(String[] args) throws Exception {
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int samples = 0;
        Map<String, Integer> parts = new LinkedHashMap<>();
        Map<String, Integer> innermost = new HashMap<>();
        try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                for (Map.Entry<String, List<String>> part : PARTS.entrySet()) {
                    boolean in = frames.stream().anyMatch(f -> f.isJavaFrame()
                            && part.getValue().stream().anyMatch(p -> f.getMethod().getType().getName().startsWith(p)));
                    if (in) {
                        parts.merge(part.getKey(), 1, Integer::sum);
                    }
                }
                String top = frames.stream().filter(RecordedFrame::isJavaFrame)
                        .map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName())
                        .filter(name -> !name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun."))
                        .findFirst().orElse("(JDK only)");
                innermost.merge(top, 1, Integer::sum);
            }
        }
        System.out.printf(Locale.ROOT, "%d Java stack samples in %s%n", samples, args[0]);
        for (String part : PARTS.keySet()) {
            int n = parts.getOrDefault(part, 0);
            System.out.printf(Locale.ROOT, "  %5.1f %%  %s%n", samples == 0 ? 0.0 : 100.0 * n / samples, part);
        }
        System.out.println("innermost frame outside the JDK:");
        final int total = samples;
        innermost.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(limit).forEach(e -> System.out.printf(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * e.getValue() / total,
                        e.getKey()));
    }
}
