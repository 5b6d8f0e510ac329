package dev.portcullis.adapters.keycloak.it;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.snapshot.PolicySnapshot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;

/**
 * How long a push approval takes to let the login through: from the moment the phone sends its
 * answer to the moment the browser holds the redirect with a code, measured end to end on
 * loopback against the real Keycloak distribution. Each client is a user with a browser (the
 * login page's held status request, then its form post, exactly as the page's script does) and a
 * phone (a P-256 key signing the companion's statements, as WebCrypto does in the app). Not part
 * of the test run: {@code benchmarks/load/push.sh}. Prints percentiles; asserts nothing about time.
 */
class PushApprovalBenchmark {

    static final String REALM = "push-bench";
    static final String PASSWORD = "correct horse battery staple";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void approvalToLoginContinuation() throws Exception {
        int clients = Integer.getInteger("clients", 4);
        int seconds = Integer.getInteger("seconds", 60);
        int warmup = Integer.getInteger("warmupSeconds", 20);
        try (KeycloakServer keycloak = new KeycloakServer(); ControlPlaneStandIn controlPlane =
                new ControlPlaneStandIn(KeycloakServer.freePort())) {
            keycloak.resetData();
            controlPlane.start();
            controlPlane.publish(new PolicySnapshot(ConditionalAccessInKeycloakIT.EPOCH, 1, Instant.now(), PolicySet.of(List.of(new ConditionalAccessPolicy(
                    "p-mfa", "Require MFA", PolicyState.ENABLED,
                    Conditions.of(UsersCondition.all(), ApplicationsCondition.all()),
                    GrantControls.require(GrantOperator.OR, BuiltInControl.MFA), SessionControls.none())), List.of())));
            keycloak.start(Map.of("control-plane-url", controlPlane.url(), "cache-dir",
                    keycloak.home().resolveSibling("push-bench-cache").toString(), "snapshot-public-key-file",
                    controlPlane.writePublicKey(keycloak.home().resolveSibling("push-bench-snapshot-key.pem")).toString()),
                    List.of("--spi-authenticator--portcullis-push--max-pushes=100000"));
            try (Keycloak admin = Keycloak.getInstance(keycloak.baseUrl(), "master", KeycloakServer.ADMIN,
                    KeycloakServer.ADMIN_PASSWORD, "admin-cli")) {
                RealmSetup realm = new RealmSetup(admin, REALM);
                realm.createRealm();
                String redirect = "https://portal.example.test/callback"; // outside Keycloak: the browser stops at the code
                realm.client("portal", false, redirect);
                List<CompanionPhone> phones = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    String user = "user" + i;
                    realm.user(user, PASSWORD, null);
                    phones.add(CompanionPhone.enrol(new BrowserSession(keycloak.baseUrl(), "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0"),
                            keycloak.baseUrl(), keycloak.baseUrl(), REALM, user, PASSWORD, redirect));
                }
                run(keycloak, admin, phones, redirect, warmup); // the JIT settles; figures discarded
                List<Sample> samples = run(keycloak, admin, phones, redirect, seconds);
                report(samples, clients, seconds);
            }
        }
    }

    /** One approval: the phone's answer, the page learning of it, the login continuing to its code. */
    record Sample(long answerToCodeNanos, long answerNanos, long statusAfterAnswerNanos, long continuationNanos) {}

    private List<Sample> run(KeycloakServer keycloak, Keycloak admin, List<CompanionPhone> phones, String redirect, int seconds)
            throws Exception {
        admin.realm(REALM).logoutAll();
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        Instant until = Instant.now().plusSeconds(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(phones.size());
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < phones.size(); i++) {
            int client = i;
            running.add(pool.submit(() -> {
                while (Instant.now().isBefore(until)) {
                    samples.add(login(keycloak, phones.get(client), "user" + client, redirect));
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return samples;
    }

    private Sample login(KeycloakServer keycloak, CompanionPhone phone, String user, String redirect) throws Exception {
        BrowserSession browser = new BrowserSession(keycloak.baseUrl(), "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0");
        BrowserSession.Page page = browser.login(browser.openLogin(REALM, "portal", redirect), user, PASSWORD);
        String number = CompanionPhone.find(CompanionPhone.NUMBER, page.html());
        String statusUrl = CompanionPhone.find(CompanionPhone.STATUS_URL, page.html());
        CompanionPhone.JsonLite challenge = phone.pending(keycloak.baseUrl());
        // The page's held request is already waiting when the answer arrives, as in a real browser.
        CompletableFuture<HttpResponse<String>> status = http.sendAsync(HttpRequest.newBuilder(URI.create(
                statusUrl + "?wait=20")).build(), HttpResponse.BodyHandlers.ofString());
        String answer = phone.answer(challenge, number, "approve");
        Thread.sleep(5);
        long t0 = System.nanoTime();
        HttpResponse<String> answered = phone.respond(keycloak.baseUrl(), answer);
        long t1 = System.nanoTime();
        if (!answered.body().contains("approved")) {
            throw new AssertionError("not approved: " + answered.body());
        }
        HttpResponse<String> learnt = status.get();
        long t2 = System.nanoTime();
        if (!learnt.body().contains("approved")) {
            throw new AssertionError("the page did not learn of the approval: " + learnt.body());
        }
        BrowserSession.Page done = browser.submit(page, "#portcullis-push-form", Map.of());
        long t3 = System.nanoTime();
        if (!done.signedIn()) {
            throw new AssertionError("no code after the approval: " + done.text());
        }
        return new Sample(t3 - t0, t1 - t0, t2 - t0, t3 - t2);
    }

    // ---- the report ---------------------------------------------------------------------------------

    private static void report(List<Sample> samples, int clients, int seconds) throws Exception {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "push approval benchmark: %d clients, %d s, %d approvals (%.1f/s)%n",
                clients, seconds, samples.size(), samples.size() / (double) seconds));
        line(out, "answer sent -> code in hand", samples.stream().mapToLong(Sample::answerToCodeNanos).toArray());
        line(out, "  the phone's answer (respond)", samples.stream().mapToLong(Sample::answerNanos).toArray());
        line(out, "  the page learns of it (held status)", samples.stream().mapToLong(Sample::statusAfterAnswerNanos).toArray());
        line(out, "  the login continues (form post -> code)", samples.stream().mapToLong(Sample::continuationNanos).toArray());
        System.out.print(out);
        Path file = Path.of("target", "push-benchmark.txt");
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static void line(StringBuilder out, String name, long[] nanos) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        out.append(String.format(Locale.ROOT, "%-44s p50 %7.1f ms  p90 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n", name,
                at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6));
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
