package dev.portcullis.demo.bypass;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.adapters.keycloak.it.BlockPage;
import dev.portcullis.adapters.keycloak.it.BrowserSession;
import dev.portcullis.demo.ControlPlaneApi;
import dev.portcullis.demo.LocalStack;
import dev.portcullis.demo.SignInLog;
import dev.portcullis.demo.DemoDirectory;
import dev.portcullis.demo.DemoStack;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.graphjson.SnapshotCodec;
import dev.portcullis.graphjson.envelope.Opened;
import dev.portcullis.graphjson.envelope.SigningKey;
import dev.portcullis.graphjson.envelope.SnapshotEnvelope;
import dev.portcullis.graphjson.envelope.SnapshotKeys;
import dev.portcullis.graphjson.envelope.TrustedKeys;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import java.io.IOException;
import java.net.InetSocketAddress;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * Nodes trust only signed policy, tried from the attacker's side against the product as
 * {@code ./portcullis} starts it: Keycloak with the provider (its public key pinned) and the real
 * control plane. Sam is blocked from the portal by a policy; then, in the control plane's place, a
 * stand-in serves what an attacker on the node's path could: a snapshot that relaxes the policy
 * signed with another key (and one claiming the real key's id), and an older snapshot the real
 * control plane did sign. Sam stays blocked through real logins, with no session in Keycloak, and
 * each refusal is logged and counted (server info through the admin API, and Keycloak's metrics).
 * Last, the control plane's database is rebuilt (a new epoch, versions from 1 again): the node
 * follows it and enforces its policies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SnapshotTrustIT {

    private static final String APP = "http://localhost:9/app";
    private static final String SNAPSHOT = "/v1.0/identity/conditionalAccess/snapshot";

    private final HttpClient http = HttpClient.newHttpClient();
    private final SnapshotCodec snapshots = SnapshotCodec.instance();
    private DemoStack stack;
    private int managementPort;
    /** Signed by the real control plane before Sam was blocked. */
    private byte[] beforeTheBlock;
    private PolicySnapshot blocking;
    private HttpServer standIn;
    private final AtomicReference<byte[]> served = new AtomicReference<>();
    private final AtomicInteger pulls = new AtomicInteger();
    /** The sign-in records the node shipped while the stand-in answered instead of the control plane. */
    private final List<String> shippedToTheStandIn = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startTheProductAndBlockSam() throws Exception {
        Path base = Path.of("target/snapshot-trust").toAbsolutePath();
        LocalStack.deleteRecursively(base);
        Path keycloakHome = Path.of(System.getProperty("keycloak.home"));
        LocalStack.deleteRecursively(keycloakHome.resolve("data/h2"));
        managementPort = LocalStack.freePort();
        stack = DemoStack.start(new DemoStack.Settings(base, keycloakHome,
                LocalStack.controlPlane(), LocalStack.providerJar(),
                LocalStack.freePort(), LocalStack.freePort(),
                List.of("--metrics-enabled=true", "--http-management-port=" + managementPort,
                        "--spi-portcullis--default--refresh-interval-millis=300"), Map.of()),
                message -> System.out.println("snapshot-trust: " + message));
        try (Keycloak admin = keycloakAdmin()) {
            ClientRepresentation portal = admin.realm(DemoDirectory.REALM).clients().findByClientId("portal").get(0);
            List<String> redirects = new ArrayList<>(portal.getRedirectUris());
            redirects.add(APP);
            portal.setRedirectUris(redirects);
            admin.realm(DemoDirectory.REALM).clients().get(portal.getId()).update(portal);
        }
        eventually("sam gets in before any block", () -> signIn("sam.sales").signedIn());
        beforeTheBlock = get(SNAPSHOT).body();

        createPolicy("Block Sam from the portal", "sam.sales");
        eventually("sam is blocked by the policy", () -> isBlocked(signIn("sam.sales"), "Block Sam from the portal"));
        blocking = open(get(SNAPSHOT).body());
        try (Keycloak admin = keycloakAdmin()) {
            admin.realm(DemoDirectory.REALM).users().get(stack.users().get("sam.sales")).logout(); // from before the block
        }
        assertThat(sessions("sam.sales")).isZero();
    }

    @AfterAll
    void stopAll() {
        if (standIn != null) {
            standIn.stop(0);
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aSnapshotSignedWithAnotherKeyIsRefusedAndSamStaysBlocked() throws Exception {
        stack.stopControlPlane();
        SigningKey attacker = SigningKey.generate();
        // Everything allowed, a version far ahead, the real epoch: what the node would take if it did not verify.
        PolicySnapshot relaxed = new PolicySnapshot(blocking.epoch(), blocking.version() + 100, Instant.now(),
                PolicySet.of(List.of(), List.of()));
        serveInsteadOfTheControlPlane(SnapshotEnvelope.seal(snapshots.write(relaxed), attacker, Instant.now()));

        eventually("the node pulled the attacker's snapshot and refused it",
                () -> operationalInfo("snapshotsRefused.unknown_key") >= 1);
        assertSamStaysBlocked();

        // The same, claiming the id of the control plane's key.
        String realKeyId = SnapshotKeys.keyId(SnapshotKeys.read(Files.readAllBytes(stack.settings().base()
                .resolve("snapshot-public-key.pem"))).get(0));
        SigningKey impostor = new SigningKey(attacker.privateKey(), attacker.publicKey(), realKeyId);
        served.set(SnapshotEnvelope.seal(snapshots.write(relaxed), impostor, Instant.now()));
        eventually("the impostor's snapshot is refused", () -> operationalInfo("snapshotsRefused.signature") >= 1);
        assertSamStaysBlocked();

        assertThat(metric("unknown_key")).isGreaterThanOrEqualTo(1);
        assertThat(metric("signature")).isGreaterThanOrEqualTo(1);
        assertThat(Files.readString(stack.settings().keycloakLog()))
                .contains("event=snapshot_refused").contains("reason=unknown_key").contains("reason=signature");
        assertThat(operationalInfo("snapshotVersion")).isEqualTo(blocking.version());
    }

    @Test
    @Order(2)
    void anOlderSnapshotTheControlPlaneDidSignIsAReplayAndIsRefused() throws Exception {
        served.set(beforeTheBlock);
        int before = pulls.get();
        eventually("the node pulled the replayed snapshot and refused it",
                () -> pulls.get() > before + 2 && operationalInfo("snapshotsRefused.replay") >= 1);
        assertSamStaysBlocked();
        assertThat(metric("replay")).isGreaterThanOrEqualTo(1);
        assertThat(operationalInfo("snapshotVersion")).isEqualTo(blocking.version());
    }

    @Test
    @Order(3)
    void aRebuiltControlPlaneDatabaseIsFollowedThoughItsVersionsStartAgain() throws Exception {
        standIn.stop(0);
        standIn = null;
        LocalStack.deleteRecursively(stack.controlPlaneDatabase());
        stack.startControlPlane(message -> System.out.println("snapshot-trust: " + message));

        PolicySnapshot rebuilt = open(get(SNAPSHOT).body());
        assertThat(rebuilt.epoch()).isNotEqualTo(blocking.epoch());
        eventually("the node enforces the new epoch: no policy blocks sam any more", () -> signIn("sam.sales").signedIn());
        createPolicy("Block Anna from the portal", "anna.accountant");
        eventually("the new database's policy is enforced",
                () -> isBlocked(signIn("anna.accountant"), "Block Anna from the portal"));
        assertThat(sessions("anna.accountant")).isZero();
        assertThat(operationalInfo("snapshotVersion")).as("versions started again").isLessThan(blocking.version());
        assertThat(Files.readString(stack.settings().keycloakLog())).contains("event=snapshot_epoch_changed")
                .contains("previous_epoch=" + blocking.epoch()).contains("epoch=" + rebuilt.epoch());
    }

    // ---- the attacker's stand-in ------------------------------------------------------------------

    private void serveInsteadOfTheControlPlane(byte[] first) throws IOException {
        served.set(first);
        standIn = HttpServer.create(new InetSocketAddress(URI.create(stack.settings().controlPlaneUrl()).getPort()), 0);
        standIn.createContext(SNAPSHOT, exchange -> {
            pulls.incrementAndGet();
            byte[] body = served.get();
            exchange.getResponseHeaders().add("Content-Type", SnapshotEnvelope.MEDIA_TYPE);
            exchange.getResponseHeaders().add("ETag", "\"" + pulls.get() + "\""); // a node must never adopt it
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        standIn.createContext("/v1.0/auditLogs/signIns", exchange -> {
            shippedToTheStandIn.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        standIn.start();
    }

    // ---- what Sam and the administrators see ----------------------------------------------------------

    private void assertSamStaysBlocked() throws Exception {
        BrowserSession.Page page = signIn("sam.sales");
        assertThat(isBlocked(page, "Block Sam from the portal")).as(page.text()).isTrue();
        assertThat(page.returnedToApp()).as("no code").isEmpty();
        assertThat(sessions("sam.sales")).as("no session in Keycloak").isZero();
    }

    private BrowserSession.Page signIn(String username) throws IOException, InterruptedException {
        BrowserSession browser = new BrowserSession(stack.settings().keycloakUrl(), "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0");
        return browser.login(browser.openLogin(DemoDirectory.REALM, "portal", APP), username, DemoDirectory.PASSWORD);
    }

    /** The block page, and its request id finds a record that names the policy (the page never does). */
    private boolean isBlocked(BrowserSession.Page page, String policy) throws Exception {
        Optional<BlockPage> block = BlockPage.shown(page);
        if (page.signedIn() || block.isEmpty() || page.html().contains(policy)) {
            return false;
        }
        if (standIn == null) {
            return new SignInLog(stack).blames(block.get(), policy);
        }
        return LocalStack.poll(Duration.ofSeconds(30), Duration.ofMillis(250), () -> shippedToTheStandIn.stream()
                .filter(b -> b.contains(block.get().requestId()) && b.contains(policy)).findAny()).isPresent();
    }

    private int sessions(String username) {
        try (Keycloak admin = keycloakAdmin()) {
            return admin.realm(DemoDirectory.REALM).users().get(stack.users().get(username)).getUserSessions().size();
        }
    }

    private long operationalInfo(String key) {
        try (Keycloak admin = keycloakAdmin()) {
            String value = admin.serverInfo().getInfo().getProviders().get("portcullis").getProviders().get("default")
                    .getOperationalInfo().get(key);
            return value == null || !value.matches("[0-9]+") ? -1 : Long.parseLong(value);
        }
    }

    /** {@code portcullis_snapshot_refused_total{reason=...}} from Keycloak's own metrics endpoint. */
    private double metric(String reason) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("portcullis_snapshot_refused_total\\{[^}]*reason=\"" + reason + "\"[^}]*} ([0-9.E]+)")
                .matcher(metrics);
        assertThat(m.find()).as("the refusal counter in Keycloak's metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private Keycloak keycloakAdmin() {
        return stack.keycloakAdmin();
    }

    // ---- the control plane's API ----------------------------------------------------------------------

    private void createPolicy(String name, String username) throws Exception {
        new ControlPlaneApi(stack).createPolicy("""
                {"displayName": "%s", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["%s"]}, "applications": {"includeApplications": ["portal"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["block"]}}
                """.formatted(name, stack.users().get(username)));
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(stack.settings().controlPlaneUrl() + path))
                .header("Authorization", "Bearer " + stack.automationToken()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    /** The snapshot inside, verified with the public key the node is pinned to. */
    private PolicySnapshot open(byte[] envelope) throws IOException {
        TrustedKeys pinned = TrustedKeys.of(SnapshotKeys.read(Files.readAllBytes(stack.settings().base()
                .resolve("snapshot-public-key.pem"))));
        Opened opened = SnapshotEnvelope.open(envelope, pinned);
        assertThat(opened).isInstanceOf(Opened.Verified.class);
        return snapshots.read(((Opened.Verified) opened).payload()).orElseThrow();
    }

    private static void eventually(String what, Callable<Boolean> condition) throws Exception {
        LocalStack.eventually(what, Duration.ofSeconds(45), condition);
    }
}
