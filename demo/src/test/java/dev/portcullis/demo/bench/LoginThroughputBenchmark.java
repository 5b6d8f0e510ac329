package dev.portcullis.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.adapters.keycloak.admin.DirectorySeed;
import dev.portcullis.adapters.keycloak.admin.RealmProvisioner;
import dev.portcullis.adapters.keycloak.it.BrowserSession;
import dev.portcullis.demo.LocalStack;
import dev.portcullis.demo.DemoDirectory;
import dev.portcullis.demo.DemoStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;

/**
 * Run by hand ({@code benchmarks/load/logins.sh}), never in the test command: browser-flow login
 * throughput and latency of stock Keycloak against Keycloak with Portcullis, on one running server
 * (two realms, the same user, password and client), interleaved and repeated; then the time from a
 * policy change in the control plane to its enforcement on the node. Prints a table for
 * BENCHMARKS.md and writes it to {@code target/login-benchmark.txt}.
 */
class LoginThroughputBenchmark {

    private static final int CLIENTS = Integer.getInteger("clients", 4);
    private static final Duration ROUND = Duration.ofSeconds(Integer.getInteger("roundSeconds", 20));
    private static final int ROUNDS = Integer.getInteger("rounds", 3);
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("warmupSeconds", 30));
    /** The mixed rounds' total length: every client cycles through the variants login by login. */
    private static final Duration MIXED = Duration.ofSeconds(Integer.getInteger("mixedSeconds", 240));
    private static final int MIXED_ROUNDS = 4;
    private static final int CHANGES = Integer.getInteger("changes", 10);
    private static final Duration ONE_CLIENT = Duration.ofSeconds(Integer.getInteger("oneClientSeconds", 30));
    /** The node's sign-in-batch-linger-millis, when set (-DlingerMillis=200): its default otherwise. */
    private static final String LINGER_MILLIS = System.getProperty("lingerMillis", "");
    private static final String STOCK = "stock";
    private static final String CALLBACK = "http://localhost:9/callback";

    /** One way of logging in: a realm and a client, bound to a browser flow. */
    record Variant(String label, String realm, String client) {}

    @Test
    void stockKeycloakAgainstKeycloakWithPortcullis() throws Exception {
        Path base = Path.of("target/login-benchmark").toAbsolutePath();
        Path keycloakHome = Path.of(System.getProperty("keycloak.home"));
        LocalStack.deleteRecursively(base);
        LocalStack.deleteRecursively(keycloakHome.resolve("data/h2"));
        Path provider = LocalStack.providerJar();
        List<String> report = new ArrayList<>();
        try (DemoStack stack = DemoStack.start(new DemoStack.Settings(base, keycloakHome,
                LocalStack.controlPlane(), provider, LocalStack.freePort(),
                LocalStack.freePort(), LINGER_MILLIS.isEmpty() ? List.of()
                        : List.of("--spi-portcullis--default--sign-in-batch-linger-millis=" + LINGER_MILLIS), Map.of()),
                m -> System.out.println("bench: " + m));
                Keycloak admin = stack.keycloakAdmin()) {
            RealmProvisioner stock = new RealmProvisioner(admin, STOCK);
            stock.ensurePlainRealm();
            stock.ensureClient("portal", "Portal", false, CALLBACK);
            new DirectorySeed(admin, STOCK).ensureUser("sam.sales", "Sam", "Traveller", DemoDirectory.PASSWORD);
            RealmProvisioner demo = new RealmProvisioner(admin, DemoDirectory.REALM);
            demo.ensureClient("portal", "Portal", false, CALLBACK);
            var portal = admin.realm(DemoDirectory.REALM).clients().findByClientId("portal").get(0);
            portal.setRedirectUris(List.of(CALLBACK));
            admin.realm(DemoDirectory.REALM).clients().get(portal.getId()).update(portal);
            // The same realm, user and kind of client, bound to Keycloak's own browser flow: isolates the flow from
            // the realm (the demo realm holds the whole directory; the stock realm one user).
            demo.ensureClient("portal-stock-flow", "Portal (stock flow)", false, CALLBACK);
            String stockFlowId = admin.realm(DemoDirectory.REALM).flows().getFlows().stream()
                    .filter(f -> f.getAlias().equals("browser")).findFirst().orElseThrow().getId();
            var override = admin.realm(DemoDirectory.REALM).clients().findByClientId("portal-stock-flow").get(0);
            override.setAuthenticationFlowBindingOverrides(Map.of("browser", stockFlowId));
            admin.realm(DemoDirectory.REALM).clients().get(override.getId()).update(override);
            List<Variant> variants = List.of(new Variant("stock realm, stock flow", STOCK, "portal"),
                    new Variant("Portcullis realm, stock flow", DemoDirectory.REALM, "portal-stock-flow"),
                    new Variant("Portcullis realm, Portcullis flow", DemoDirectory.REALM, "portal"));
            String url = stack.settings().keycloakUrl();
            for (Variant v : variants) {
                // sam.sales is outside every enforced seed policy: the Portcullis flow evaluates all seven, lets him in.
                assertThat(login(url, v)).as(v.label() + " login").isNotNegative();
            }
            ServerProcesses servers = ServerProcesses.find(stack.settings().application());
            for (Variant v : variants) {
                round(url, v, WARM_UP, admin, servers); // warm-up: Keycloak's JIT settles (CPU per login halves)
            }

            Path recording = base.resolve("keycloak-logins.jfr");
            Path controlPlaneRecording = base.resolve("control-plane-logins.jfr");
            servers.startRecording();
            Map<Variant, List<Result>> results = new LinkedHashMap<>();
            variants.forEach(v -> results.put(v, new ArrayList<>()));
            String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
            Instant measuredFrom = Instant.now();
            for (int r = 0; r < ROUNDS; r++) {
                // Rotate which goes first, so drift in the server's speed does not favour one.
                for (int i = 0; i < variants.size(); i++) {
                    Variant v = variants.get((r + i) % variants.size());
                    results.get(v).add(round(url, v, ROUND, admin, servers));
                }
            }
            servers.stopRecording(recording, controlPlaneRecording);
            Mixed mixed = new Mixed(variants);
            for (int r = 0; r < MIXED_ROUNDS && !MIXED.isZero(); r++) {
                mixed.round(url, MIXED.dividedBy(MIXED_ROUNDS), admin, r);
            }
            // One client: the server has a core to spare, so latency is the work, not the queue for a core.
            servers.startRecording();
            Map<Variant, List<Result>> oneClient = new LinkedHashMap<>();
            for (Variant v : variants) {
                oneClient.put(v, List.of(round(url, v, ONE_CLIENT, admin, servers, 1)));
            }
            Path oneClientRecording = base.resolve("keycloak-one-client.jfr");
            servers.stopRecording(oneClientRecording, base.resolve("control-plane-one-client.jfr"));
            String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
            report.addAll(table(results, variants));
            report.add("");
            report.add(String.format("Measured %s UTC to %s UTC, %d clients, %d s warm-up of each variant, %d rounds of %d s, then %d s mixed,"
                    + " sign-in batch linger %s;"
                    + " /proc/loadavg before: %s; after: %s", measuredFrom.truncatedTo(ChronoUnit.SECONDS),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS), CLIENTS, WARM_UP.toSeconds(), ROUNDS, ROUND.toSeconds(),
                    MIXED.toSeconds(),
                    LINGER_MILLIS.isEmpty() ? "the default" : LINGER_MILLIS + " ms", loadBefore, loadAfter));
            report.add("");
            if (!MIXED.isZero()) {
                report.addAll(mixed.lines(MIXED, MIXED_ROUNDS));
            }
            report.add("");
            JfrShare keycloakProfile = JfrShare.of(recording, results);
            report.addAll(keycloakProfile.stepLines("during the measured rounds (" + CLIENTS + " clients, the server saturated)"));
            report.add("");
            report.addAll(keycloakProfile.lines());
            report.add("");
            report.addAll(JfrShare.of(controlPlaneRecording, results).packages(
                    "The control plane's Java stack samples (JFR, 10 ms), by the package of the innermost non-JDK frame:"));
            report.add("");
            report.addAll(oneClientLines(oneClient, variants));
            report.add("");
            report.addAll(JfrShare.of(oneClientRecording, oneClient).stepLines("with one client"));
            report.add("");
            report.add("Policy change to enforcement (PATCH through the API until the next login is asked for MFA):");
            report.add(changeToEnforcement(stack, url, variants.get(2)));
        }
        String text = String.join("\n", report);
        Files.writeString(Path.of("target/login-benchmark.txt"), text + "\n");
        System.out.println("== login benchmark\n" + text);
    }

    /**
     * One variant's round: throughput, latency, when it ran (to attribute profile samples), and the CPU the
     * Keycloak and control-plane processes used meanwhile (a cost per login that the machine's noise moves less).
     */
    record Result(double perSecond, double p50, double p99, int logins, Instant start, Instant end,
            double keycloakCpuMs, double controlPlaneCpuMs) {
        double keycloakCpuPerLogin() {
            return keycloakCpuMs / logins;
        }

        double controlPlaneCpuPerLogin() {
            return controlPlaneCpuMs / logins;
        }
    }

    private static List<String> table(Map<Variant, List<Result>> results, List<Variant> variants) {
        List<String> lines = new ArrayList<>();
        lines.add("| round | variant | logins/s | × stock realm | p50 / p99 ms | Keycloak CPU ms per login | control-plane CPU ms per login |");
        lines.add("| --- | --- | ---: | ---: | --- | ---: | ---: |");
        List<Result> baseline = results.get(variants.get(0));
        for (int r = 0; r < ROUNDS; r++) {
            for (Variant v : variants) {
                Result x = results.get(v).get(r);
                lines.add(String.format(Locale.ROOT, "| %d | %s | %.1f | %.3f | %.0f / %.0f | %.1f | %.2f |", r + 1, v.label(),
                        x.perSecond(), x.perSecond() / baseline.get(r).perSecond(), x.p50(), x.p99(),
                        x.keycloakCpuPerLogin(), x.controlPlaneCpuPerLogin()));
            }
        }
        lines.add("");
        lines.add("Ratios to the stock realm, per round (min–max), and CPU per login (mean of the rounds):");
        for (Variant v : variants.subList(1, variants.size())) {
            double[] ratios = new double[ROUNDS];
            double[] p99 = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                ratios[r] = results.get(v).get(r).perSecond() / baseline.get(r).perSecond();
                p99[r] = results.get(v).get(r).p99() - baseline.get(r).p99();
            }
            lines.add(String.format(Locale.ROOT, "- %s: throughput %.3f–%.3f×, p99 %+.0f to %+.0f ms; Keycloak CPU %.1f ms per"
                    + " login against %.1f (%+.1f%%), control plane %.2f against %.2f ms", v.label(), min(ratios), max(ratios),
                    min(p99), max(p99), mean(results.get(v), Result::keycloakCpuPerLogin),
                    mean(baseline, Result::keycloakCpuPerLogin), 100 * (mean(results.get(v), Result::keycloakCpuPerLogin)
                            / mean(baseline, Result::keycloakCpuPerLogin) - 1),
                    mean(results.get(v), Result::controlPlaneCpuPerLogin), mean(baseline, Result::controlPlaneCpuPerLogin)));
        }
        return lines;
    }

    private static List<String> oneClientLines(Map<Variant, List<Result>> results, List<Variant> variants) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "One client, %d s of each variant (the server not saturated):", ONE_CLIENT.toSeconds()));
        lines.add("");
        lines.add("| variant | logins/s | p50 / p99 ms | Keycloak CPU ms per login |");
        lines.add("| --- | ---: | --- | ---: |");
        for (Variant v : variants) {
            Result x = results.get(v).get(0);
            lines.add(String.format(Locale.ROOT, "| %s | %.1f | %.1f / %.1f | %.1f |", v.label(), x.perSecond(), x.p50(), x.p99(),
                    x.keycloakCpuPerLogin()));
        }
        return lines;
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).min().orElseThrow();
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).max().orElseThrow();
    }

    private static double mean(List<Result> results, java.util.function.ToDoubleFunction<Result> f) {
        return results.stream().mapToDouble(f).average().orElseThrow();
    }

    /** CLIENTS users log in as fast as they can for the duration; every login is a new browser. */
    private static Result round(String url, Variant variant, Duration length, Keycloak admin, ServerProcesses servers)
            throws Exception {
        return round(url, variant, length, admin, servers, CLIENTS);
    }

    private static Result round(String url, Variant variant, Duration length, Keycloak admin, ServerProcesses servers,
            int clients) throws Exception {
        admin.realm(variant.realm()).logoutAll(); // thousands of sessions slow logins down: every round starts clean
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Instant end = Instant.now().plus(length);
        List<Future<List<Long>>> futures = new ArrayList<>();
        long keycloakCpu = servers.keycloakCpuNanos();
        long controlPlaneCpu = servers.controlPlaneCpuNanos();
        Instant start = Instant.now();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                while (Instant.now().isBefore(end)) {
                    long nanos = login(url, variant);
                    if (nanos < 0) {
                        throw new AssertionError("a login (" + variant.label() + ") did not get in");
                    }
                    latencies.add(nanos);
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            all.addAll(f.get());
        }
        Instant finished = Instant.now();
        double keycloakMs = (servers.keycloakCpuNanos() - keycloakCpu) / 1e6;
        double controlPlaneMs = (servers.controlPlaneCpuNanos() - controlPlaneCpu) / 1e6;
        double seconds = Duration.between(start, finished).toNanos() / 1e9;
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(all.size() / seconds, percentile(sorted, 0.5) / 1e6, percentile(sorted, 0.99) / 1e6,
                all.size(), start, finished, keycloakMs, controlPlaneMs);
    }

    /** One browser-flow login (login page, password, redirect with a code); its duration, or -1 if it did not get in. */
    private static long login(String url, Variant variant) throws IOException, InterruptedException {
        long start = System.nanoTime();
        BrowserSession browser = new BrowserSession(url, "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0");
        BrowserSession.Page page = browser.login(browser.openLogin(variant.realm(), variant.client(), CALLBACK), "sam.sales",
                DemoDirectory.PASSWORD);
        return page.signedIn() ? System.nanoTime() - start : -1;
    }

    /**
     * Mixed rounds: every client cycles through the variants login by login (each client starting at a different
     * one), so the variants share every moment of the machine and its drift cancels out. At a fixed number of
     * clients throughput is clients over mean latency (Little's law), so the ratio of mean latencies is the
     * throughput ratio; its 95 % interval comes from resampling the logins (bootstrap).
     */
    private static final class Mixed {
        private final List<Variant> variants;
        private final Map<Variant, List<Long>> latencies = new LinkedHashMap<>();

        Mixed(List<Variant> variants) {
            this.variants = variants;
            variants.forEach(v -> latencies.put(v, Collections.synchronizedList(new ArrayList<>())));
        }

        void round(String url, Duration length, Keycloak admin, int round) throws Exception {
            variants.stream().map(Variant::realm).distinct().forEach(realm -> admin.realm(realm).logoutAll());
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            Instant end = Instant.now().plus(length);
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int first = c + round;
                futures.add(pool.submit(() -> {
                    for (int i = first; Instant.now().isBefore(end); i++) {
                        Variant v = variants.get(i % variants.size());
                        long nanos = login(url, v);
                        if (nanos < 0) {
                            throw new AssertionError("a login (" + v.label() + ") did not get in");
                        }
                        latencies.get(v).add(nanos);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
        }

        List<String> lines(Duration total, int rounds) {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "Mixed rounds (%d × %d s, every client cycling through the variants login by"
                    + " login; ratios of mean latency, which at a fixed number of clients are throughput ratios; 95 %%"
                    + " bootstrap intervals in brackets):", rounds, total.toSeconds() / rounds));
            lines.add("");
            lines.add("| variant | logins | mean ms | p50 / p99 ms | throughput × stock realm | throughput × same realm, stock"
                    + " flow | p99 − same realm, stock flow (ms) |");
            lines.add("| --- | ---: | ---: | --- | --- | --- | --- |");
            long[] stockRealm = sorted(latencies.get(variants.get(0)));
            long[] stockFlow = sorted(latencies.get(variants.get(1)));
            java.util.Random random = new java.util.Random(42);
            for (Variant v : variants) {
                long[] x = sorted(latencies.get(v));
                lines.add(String.format(Locale.ROOT, "| %s | %d | %.1f | %.0f / %.0f | %s | %s | %s |", v.label(), x.length,
                        mean(x) / 1e6, percentile(x, 0.5) / 1e6, percentile(x, 0.99) / 1e6,
                        interval(stockRealm, x, random, "%.3f", (b, y) -> mean(b) / mean(y)),
                        interval(stockFlow, x, random, "%.3f", (b, y) -> mean(b) / mean(y)),
                        interval(stockFlow, x, random, "%+.1f", (b, y) -> (percentile(y, 0.99) - percentile(b, 0.99)) / 1e6)));
            }
            return lines;
        }

        /** A statistic of (baseline, x) with its 95 % interval from resampling both sets of logins. */
        private static String interval(long[] baseline, long[] x, java.util.Random random, String format,
                java.util.function.ToDoubleBiFunction<long[], long[]> statistic) {
            double[] resampled = new double[1000];
            for (int i = 0; i < resampled.length; i++) {
                resampled[i] = statistic.applyAsDouble(resample(baseline, random), resample(x, random));
            }
            java.util.Arrays.sort(resampled);
            return String.format(Locale.ROOT, format + " (" + format + " to " + format + ")",
                    statistic.applyAsDouble(baseline, x), resampled[25], resampled[974]);
        }

        private static long[] resample(long[] values, java.util.Random random) {
            long[] drawn = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                drawn[i] = values[random.nextInt(values.length)];
            }
            java.util.Arrays.sort(drawn);
            return drawn;
        }

        private static double mean(long[] values) {
            return java.util.Arrays.stream(values).average().orElseThrow();
        }

        private static long[] sorted(List<Long> values) {
            return values.stream().mapToLong(Long::longValue).sorted().toArray();
        }
    }

    private static String changeToEnforcement(DemoStack stack, String url, Variant portcullis) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String policies = send(http, stack, "GET", "/v1.0/identity/conditionalAccess/policies", null, null).body();
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\",\"displayName\":\"Require MFA for all users\"").matcher(policies);
        assertThat(m.find()).isTrue();
        String path = "/v1.0/identity/conditionalAccess/policies/" + m.group(1);
        List<Long> millis = new ArrayList<>();
        List<Long> patchMillis = new ArrayList<>();
        List<Long> afterCommit = new ArrayList<>();
        for (int i = 0; i < CHANGES; i++) {
            boolean include = i % 2 == 0; // add Sales to the wave, then take it out again
            String groups = include ? "[\"/IT Department\", \"/Sales\"]" : "[\"/IT Department\"]";
            String etag = send(http, stack, "GET", path, null, null).headers().firstValue("ETag").orElseThrow();
            Instant changed = Instant.now();
            HttpResponse<String> patched = send(http, stack, "PATCH", path,
                    "{\"conditions\": {\"users\": {\"includeGroups\": " + groups + "}}}", etag);
            Instant committed = Instant.now();
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            while (true) {
                boolean signedIn = login(url, portcullis) >= 0;
                if (signedIn != include) {
                    break;
                }
                if (Duration.between(changed, Instant.now()).toSeconds() > 30) {
                    throw new AssertionError("not enforced within 30 s");
                }
            }
            Instant enforced = Instant.now();
            millis.add(Duration.between(changed, enforced).toMillis());
            patchMillis.add(Duration.between(changed, committed).toMillis());
            afterCommit.add(Duration.between(committed, enforced).toMillis());
        }
        return CHANGES + " changes (half on, half off), milliseconds from sending the PATCH to the first login that"
                + " follows it: " + sortedWithMedian(millis) + "; of which the PATCH's answer (the lockout guard reads the"
                + " directory): " + sortedWithMedian(patchMillis) + "; from its answer to the first login that follows it: "
                + sortedWithMedian(afterCommit);
    }

    /** The value at quantile q of sorted values (the one below which a fraction q of them lie), as every table here reads it. */
    static long percentile(long[] sorted, double q) {
        return sorted[(int) (sorted.length * q)];
    }

    private static String sortedWithMedian(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted + " (median " + sorted.get(sorted.size() / 2) + " ms)";
    }

    private static HttpResponse<String> send(HttpClient http, DemoStack stack, String method, String path, String body,
            String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.settings().controlPlaneUrl() + path))
                .header("Authorization", "Bearer " + stack.automationToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/merge-patch+json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
