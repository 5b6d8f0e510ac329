package dev.portcullis.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.adapters.keycloak.admin.RealmProvisioner;
import dev.portcullis.adapters.keycloak.it.BrowserSession;
import dev.portcullis.app.LocalStack;
import dev.portcullis.app.launcher.DemoDirectory;
import dev.portcullis.app.launcher.DemoStack;
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
import java.util.List;
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
    private static final String STOCK = "stock";
    private static final String CALLBACK = "http://localhost:9/callback";

    @Test
    void stockKeycloakAgainstKeycloakWithPortcullis() throws Exception {
        Path base = Path.of("target/login-benchmark").toAbsolutePath();
        Path keycloakHome = Path.of(System.getProperty("keycloak.home"));
        LocalStack.deleteRecursively(base);
        LocalStack.deleteRecursively(keycloakHome.resolve("data/h2"));
        Path provider = LocalStack.providerJar();
        List<String> report = new ArrayList<>();
        try (DemoStack stack = DemoStack.start(new DemoStack.Settings(base, keycloakHome,
                Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath(), provider, LocalStack.freePort(),
                LocalStack.freePort(), List.of(), Map.of()), m -> System.out.println("bench: " + m));
                Keycloak admin = Keycloak.getInstance(stack.settings().keycloakUrl(), "master", DemoStack.KEYCLOAK_ADMIN,
                        DemoStack.KEYCLOAK_ADMIN_PASSWORD, "admin-cli")) {
            RealmProvisioner stock = new RealmProvisioner(admin, STOCK);
            stock.ensurePlainRealm();
            stock.ensureClient("portal", "Portal", false, CALLBACK);
            stock.ensureUser("sam.sales", "Sam", "Traveller", DemoDirectory.PASSWORD);
            RealmProvisioner demo = new RealmProvisioner(admin, DemoDirectory.REALM);
            demo.ensureClient("portal", "Portal", false, CALLBACK);
            var portal = admin.realm(DemoDirectory.REALM).clients().findByClientId("portal").get(0);
            portal.setRedirectUris(List.of(CALLBACK));
            admin.realm(DemoDirectory.REALM).clients().get(portal.getId()).update(portal);
            String url = stack.settings().keycloakUrl();
            // sam.sales is outside every enforced seed policy: the Portcullis flow evaluates all seven and lets him in.
            assertThat(login(url, DemoDirectory.REALM)).as("portcullis realm login").isNotNegative();
            assertThat(login(url, STOCK)).as("stock realm login").isNotNegative();
            round(url, STOCK, Duration.ofSeconds(10), admin); // warm-up, both
            round(url, DemoDirectory.REALM, Duration.ofSeconds(10), admin);

            report.add("| round | stock logins/s | Portcullis logins/s | ratio | stock p50 / p99 ms | Portcullis p50 / p99 ms |");
            report.add("| --- | --- | --- | --- | --- | --- |");
            for (int r = 1; r <= ROUNDS; r++) {
                // Alternate which goes first, so drift in the server's speed does not favour one.
                Result first = round(url, r % 2 == 1 ? STOCK : DemoDirectory.REALM, ROUND, admin);
                Result second = round(url, r % 2 == 1 ? DemoDirectory.REALM : STOCK, ROUND, admin);
                Result stockResult = r % 2 == 1 ? first : second;
                Result portcullis = r % 2 == 1 ? second : first;
                report.add(String.format("| %d | %.1f | %.1f | %.3f | %.0f / %.0f | %.0f / %.0f |", r, stockResult.perSecond(),
                        portcullis.perSecond(), portcullis.perSecond() / stockResult.perSecond(), stockResult.p50(),
                        stockResult.p99(), portcullis.p50(), portcullis.p99()));
            }
            report.add("");
            report.add("Policy change to enforcement (PATCH through the API until the next login is asked for MFA):");
            report.add(changeToEnforcement(stack, url));
        }
        String text = String.join("\n", report);
        Files.writeString(Path.of("target/login-benchmark.txt"), text + "\n");
        System.out.println("== login benchmark\n" + text);
    }

    record Result(double perSecond, double p50, double p99) {}

    /** CLIENTS users log in as fast as they can for the duration; every login is a new browser. */
    private static Result round(String url, String realm, Duration length, Keycloak admin) throws Exception {
        admin.realm(realm).logoutAll(); // thousands of sessions slow logins down: every round starts clean
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        Instant end = Instant.now().plus(length);
        List<Future<List<Long>>> futures = new ArrayList<>();
        Instant start = Instant.now();
        for (int c = 0; c < CLIENTS; c++) {
            futures.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                while (Instant.now().isBefore(end)) {
                    long nanos = login(url, realm);
                    if (nanos < 0) {
                        throw new AssertionError("a login in " + realm + " did not get in");
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
        double seconds = Duration.between(start, Instant.now()).toNanos() / 1e9;
        pool.shutdown();
        Collections.sort(all);
        return new Result(all.size() / seconds, all.get(all.size() / 2) / 1e6, all.get((int) (all.size() * 0.99)) / 1e6);
    }

    /** One browser-flow login (login page, password, redirect with a code); its duration, or -1 if it did not get in. */
    private static long login(String url, String realm) throws IOException, InterruptedException {
        long start = System.nanoTime();
        BrowserSession browser = new BrowserSession(url, "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0");
        BrowserSession.Page page = browser.login(browser.openLogin(realm, "portal", CALLBACK), "sam.sales",
                DemoDirectory.PASSWORD);
        return page.signedIn() ? System.nanoTime() - start : -1;
    }

    private static String changeToEnforcement(DemoStack stack, String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String policies = send(http, stack, "GET", "/v1.0/identity/conditionalAccess/policies", null, null).body();
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\",\"displayName\":\"Require MFA for all users\"").matcher(policies);
        assertThat(m.find()).isTrue();
        String path = "/v1.0/identity/conditionalAccess/policies/" + m.group(1);
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            boolean include = i % 2 == 0; // add Sales to the wave, then take it out again
            String groups = include ? "[\"/IT Department\", \"/Sales\"]" : "[\"/IT Department\"]";
            String etag = send(http, stack, "GET", path, null, null).headers().firstValue("ETag").orElseThrow();
            Instant changed = Instant.now();
            HttpResponse<String> patched = send(http, stack, "PATCH", path,
                    "{\"conditions\": {\"users\": {\"includeGroups\": " + groups + "}}}", etag);
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            while (true) {
                boolean signedIn = login(url, DemoDirectory.REALM) >= 0;
                if (signedIn != include) {
                    break;
                }
                if (Duration.between(changed, Instant.now()).toSeconds() > 30) {
                    throw new AssertionError("not enforced within 30 s");
                }
            }
            millis.add(Duration.between(changed, Instant.now()).toMillis());
        }
        Collections.sort(millis);
        return "six changes (three on, three off), milliseconds from the PATCH to the first login that follows it: "
                + millis + "; median " + millis.get(3) + " ms";
    }

    private static HttpResponse<String> send(HttpClient http, DemoStack stack, String method, String path, String body,
            String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.settings().controlPlaneUrl() + path))
                .header("Authorization", "Bearer " + stack.adminToken())
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
