package dev.portcullis.adapters.keycloak.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.snapshot.PolicySnapshot;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;

/**
 * Two Keycloak 26.7.3 nodes with the provider, clustered as Keycloak documents it: one PostgreSQL,
 * embedded Infinispan finding its peers with JDBC_PING, users reaching both through one front-end
 * URL as behind a load balancer that does not stick. A login decided on one node holds on the
 * other: the MFA a policy asked for on the first is still asked on the second, and finishing there
 * gives the code; a block on one is a block on the other, reload included, with no session; a
 * policy change reaches both (and how fast, measured: {@link #policyChangeToEnforcementOnBothNodes}).
 * Push approval with number matching crosses nodes too: the phone enrols and answers on the node
 * the browser is not on, and what an attacker tries on the other node (a wrong number, a replayed
 * or retargeted approval, an answer after a denial or after the push expired, a second sign-in
 * while a push waits) gets no code and no session; a sign-in reported on one node ends the user's
 * sessions and pauses pushes on the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakClusterIT {

    static final String REALM = "portcullis-cluster-it";
    static final String REDIRECT = "https://portal.example.test/callback";
    static final String PASSWORD = "correct horse battery staple";
    static final List<String> PUSH_OPTIONS = List.of("--spi-authenticator--portcullis-push--timeout-seconds=15",
            "--spi-authenticator--portcullis-push--max-pushes=20");

    private EmbeddedPostgres postgres;
    private ControlPlaneStandIn controlPlane;
    private KeycloakServer one;
    private KeycloakServer two;
    private Keycloak admin;
    private RealmSetup realm;
    private String tomId;
    private String maxId;
    private Totp.Unused tomsCodes;
    private String piaId;
    private CompanionPhone piasPhone;
    private String usedApproval;

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        String jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        controlPlane = new ControlPlaneStandIn(KeycloakServer.freePort());
        controlPlane.publish(snapshot(1, false));
        controlPlane.start();
        one = KeycloakServer.node("keycloak-cluster-one");
        two = KeycloakServer.node("keycloak-cluster-two");
        // One after the other: the first makes the schema and the realm master.
        one.startClustered(options(one), PUSH_OPTIONS, one.baseUrl(), jdbcUrl);
        two.startClustered(options(two), PUSH_OPTIONS, one.baseUrl(), jdbcUrl);
        ConditionalAccessInKeycloakIT.eventually("the second node joined the first's cluster", () -> {
            try {
                return two.logText().matches("(?s).*ISPN000094: Received new cluster view.*\\(2\\).*");
            } catch (java.io.IOException e) {
                return false;
            }
        });

        admin = Keycloak.getInstance(one.baseUrl(), "master", KeycloakServer.ADMIN, KeycloakServer.ADMIN_PASSWORD,
                "admin-cli");
        realm = new RealmSetup(admin, REALM);
        realm.createRealm();
        realm.client("portal", false, REDIRECT);
        byte[] secret = "tom-cluster-totp-secret".getBytes(StandardCharsets.US_ASCII);
        tomId = realm.user("tom", PASSWORD, secret, realm.group("travellers"));
        tomsCodes = new Totp.Unused(secret);
        maxId = realm.user("max", PASSWORD, null, realm.group("blocked"));
        piaId = realm.user("pia", PASSWORD, null, realm.group("travellers"));
    }

    private Map<String, String> options(KeycloakServer node) throws Exception {
        Path cache = node.home().resolveSibling("portcullis-cache");
        Files.createDirectories(cache);
        return Map.of("control-plane-url", controlPlane.url(), "cache-dir", cache.toString(),
                "snapshot-public-key-file", controlPlane.writePublicKey(cache.resolve("snapshot-key.pem")).toString(),
                "refresh-interval-millis", "300", "request-timeout-millis", "1000");
    }

    /** MFA for travellers and a block for the blocked group; with {@code travellersBlocked}, travellers are blocked too. */
    private static PolicySnapshot snapshot(long version, boolean travellersBlocked) {
        ConditionalAccessPolicy mfa = new ConditionalAccessPolicy("p-travel-mfa", "Require MFA for travellers",
                PolicyState.ENABLED, Conditions.of(UsersCondition.groups("/travellers"), ApplicationsCondition.all()),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA), SessionControls.none());
        List<ConditionalAccessPolicy> policies = new ArrayList<>(List.of(mfa, block("p-block", "Block the blocked",
                "/blocked")));
        if (travellersBlocked) {
            policies.add(block("p-block-travel", "Block travellers", "/travellers"));
        }
        return new PolicySnapshot(ConditionalAccessInKeycloakIT.EPOCH, version, Instant.now(),
                PolicySet.of(policies, List.of()), DeviceInventory.empty(), Map.of(), Map.of());
    }

    private static ConditionalAccessPolicy block(String id, String name, String group) {
        return new ConditionalAccessPolicy(id, name, PolicyState.ENABLED,
                Conditions.of(UsersCondition.groups(group), ApplicationsCondition.all()), GrantControls.block(),
                SessionControls.none());
    }

    @AfterAll
    void stop() throws Exception {
        if (admin != null) {
            admin.close();
        }
        for (KeycloakServer node : new KeycloakServer[] {two, one}) {
            if (node != null) {
                node.stop();
            }
        }
        if (controlPlane != null) {
            controlPlane.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void aLoginAskedForMfaOnOneNodeIsAskedForItOnTheOtherAndFinishesThere() throws Exception {
        BrowserSession browser = browser();
        BrowserSession.Page otp = browser.login(browser.openLogin(REALM, "portal", REDIRECT), "tom", PASSWORD);
        assertThat(otp.has("#kc-otp-login-form")).as("node one asks for MFA: " + otp.text()).isTrue();

        // Reload, and the load balancer sends it to node two: Keycloak's "Page has expired" (as on one node),
        // whose "continue" leads back to the code prompt, kept on the other node. No way past it.
        BrowserSession.Page reloaded = browser.get(on(two, otp.url()).toString());
        assertThat(reloaded.signedIn()).as("reload on node two").isFalse();
        if (!reloaded.has("#kc-otp-login-form")) {
            assertThat(reloaded.has("#loginContinueLink")).as("node two: " + reloaded.text()).isTrue();
            reloaded = browser.get(on(two, URI.create(reloaded.document().selectFirst("#loginContinueLink").absUrl("href")))
                    .toString());
        }
        assertThat(reloaded.signedIn()).as("continue on node two").isFalse();
        assertThat(reloaded.has("#kc-otp-login-form")).as("node two asks for the code: " + reloaded.text()).isTrue();
        assertThat(admin.realm(REALM).users().get(tomId).getUserSessions()).as("no session before the code").isEmpty();

        BrowserSession.Page done = browser.post(on(two, BrowserSession.formAction(reloaded, "#kc-otp-login-form")),
                BrowserSession.formBody(reloaded, "#kc-otp-login-form", Map.of("otp", tomsCodes.next())));
        assertThat(done.signedIn()).as("node two finishes the login: " + done.text()).isTrue();
        assertThat(admin.realm(REALM).users().get(tomId).getUserSessions()).hasSize(1);
    }

    @Test
    @Order(2)
    void aBlockOnOneNodeIsABlockOnTheOtherReloadIncludedAndLeavesNoSession() throws Exception {
        BrowserSession browser = browser();
        BrowserSession.Page blocked = signIn(browser.at(two.baseUrl()), two, "max");
        assertThat(blocked.has("#portcullis-blocked")).as("node two blocks: " + blocked.text()).isTrue();

        BrowserSession.Page reloaded = browser.get(on(one, blocked.url()).toString());
        assertThat(reloaded.signedIn()).as("reload on node one").isFalse();
        assertThat(browser.openLogin(REALM, "portal", REDIRECT).signedIn()).as("a new login on node one").isFalse();
        assertThat(admin.realm(REALM).users().get(maxId).getUserSessions()).as("no session on either node").isEmpty();
    }

    @Test
    @Order(3)
    void aPhoneEnrolsOnTheOtherNodeWhileTheBrowserIsOnTheFirst() throws Exception {
        piasPhone = CompanionPhone.enrol(browser(), one.baseUrl(), two.baseUrl(), REALM, "pia", PASSWORD, REDIRECT);
        assertThat(admin.realm(REALM).users().get(piaId).credentials())
                .anySatisfy(c -> assertThat(c.getType()).isEqualTo("portcullis-push"));
    }

    @Test
    @Order(4)
    void theRightNumberApprovedOnNodeTwoFinishesTheLoginOnNodeOne() throws Exception {
        usedApproval = approveOnNodeTwoAndContinueOn(one);
    }

    @Test
    @Order(5)
    void aLoginWaitingOnNodeOneContinuesOnNodeTwoOnceApprovedThere() throws Exception {
        approveOnNodeTwoAndContinueOn(two);
    }

    /**
     * A login waiting on node one, the phone fetching the push and approving it with the right number
     * on node two, the page learning of it and the login continuing on {@code node}: one session.
     * Returns the approval the phone sent.
     */
    private String approveOnNodeTwoAndContinueOn(KeycloakServer node) throws Exception {
        BrowserSession browser = browser();
        BrowserSession.Page waiting = pushWaiting(browser);
        CompanionPhone.JsonLite challenge = piasPhone.pending(two.baseUrl());
        assertThat(challenge.text()).as("the number is read off the sign-in page only").doesNotContain("\"number\"");
        String approval = piasPhone.answer(challenge, number(waiting), "approve");
        assertThat(piasPhone.respond(two.baseUrl(), approval).body()).contains("\"status\":\"approved\"");

        assertThat(status(node, waiting)).as("the page learns of it").contains("approved");
        BrowserSession.Page done = continueOn(node, browser, waiting);
        assertThat(done.signedIn()).as("the login finishes on port " + node.port() + ": " + done.text()).isTrue();
        assertThat(piasSessions()).isEqualTo(1);
        return approval;
    }

    @Test
    @Order(6)
    void aWrongNumberOnTheOtherNodeSpendsThePushAndSignsNoOneIn() throws Exception {
        BrowserSession browser = browser();
        BrowserSession.Page waiting = pushWaiting(browser);
        String number = number(waiting);
        CompanionPhone.JsonLite challenge = piasPhone.pending(two.baseUrl());
        assertThat(piasPhone.respond(two.baseUrl(), piasPhone.answer(challenge, number.equals("42") ? "24" : "42",
                "approve")).body()).contains("\"status\":\"wrongNumber\"");
        // The push took its one answer: the right number after it, on node one, changes nothing.
        assertThat(piasPhone.respond(one.baseUrl(), piasPhone.answer(challenge, number, "approve")).statusCode())
                .isEqualTo(409);

        assertThat(status(one, waiting)).contains("wrongNumber");
        BrowserSession.Page done = browser.submit(waiting, "#portcullis-push-form", Map.of());
        assertThat(done.signedIn()).isFalse();
        assertThat(done.text()).contains("did not match");
        // Once the login has read the outcome, the push is gone from both nodes.
        assertThat(piasPhone.respond(two.baseUrl(), piasPhone.answer(challenge, number, "approve")).statusCode())
                .isEqualTo(410);
        assertThat(piasSessions()).isZero();
    }

    @Test
    @Order(7)
    void aReplayedOrRetargetedApprovalOnTheOtherNodeGetsNoOneInNorDoesAnApprovalAfterADenial() throws Exception {
        // The approval the phone sent for the first login (on node two), sent again as it was, on each node.
        assertThat(piasPhone.respond(one.baseUrl(), usedApproval).statusCode()).isEqualTo(410);
        assertThat(piasPhone.respond(two.baseUrl(), usedApproval).statusCode()).isEqualTo(410);

        BrowserSession browser = browser();
        BrowserSession.Page waiting = pushWaiting(browser);
        CompanionPhone.JsonLite challenge = piasPhone.pending(one.baseUrl());
        // The same signature, pointed at the new push: it signs another challenge, so it verifies nothing.
        String retargeted = usedApproval.replaceAll("\"challengeId\":\"[^\"]+\"",
                "\"challengeId\":\"" + challenge.get("challengeId") + "\"");
        assertThat(piasPhone.respond(two.baseUrl(), retargeted).statusCode()).isEqualTo(401);
        BrowserSession.Page stillWaiting = continueOn(two, browser, waiting);
        assertThat(stillWaiting.signedIn()).isFalse();
        assertThat(stillWaiting.has("#portcullis-push-number")).as("still waiting: " + stillWaiting.text()).isTrue();

        // Meanwhile someone else with the password, sent to node two, gets no push: one waits per user, cluster-wide.
        BrowserSession.Page second = signIn(browser().at(two.baseUrl()), two, "pia");
        assertThat(second.text()).contains("already waiting on your phone");
        assertThat(second.has("#portcullis-push-number")).isFalse();
        assertThat(second.signedIn()).isFalse();
        assertThat(piasPhone.pending(two.baseUrl()).get("challengeId")).isEqualTo(challenge.get("challengeId"));

        // Denied on node one; the right number afterwards, on node two, is refused.
        assertThat(piasPhone.respond(one.baseUrl(), piasPhone.answer(challenge, null, "deny")).body())
                .contains("\"status\":\"denied\"");
        assertThat(piasPhone.respond(two.baseUrl(), piasPhone.answer(challenge, number(waiting), "approve"))
                .statusCode()).isEqualTo(409);
        BrowserSession.Page denied = continueOn(two, browser, stillWaiting);
        assertThat(denied.signedIn()).isFalse();
        assertThat(denied.text()).contains("denied on your phone");
        assertThat(piasSessions()).isZero();
    }

    @Test
    @Order(8)
    void anApprovalOnTheOtherNodeAfterThePushExpiredIsRefused() throws Exception {
        BrowserSession browser = browser();
        BrowserSession.Page waiting = pushWaiting(browser);
        CompanionPhone.JsonLite challenge = piasPhone.pending(two.baseUrl());
        Instant expiresAt = Instant.parse(challenge.get("expiresAt"));
        Thread.sleep(Math.max(0, java.time.Duration.between(Instant.now(), expiresAt).toMillis()) + 1_000);

        assertThat(status(one, waiting)).contains("expired");
        assertThat(piasPhone.respond(two.baseUrl(), piasPhone.answer(challenge, number(waiting), "approve"))
                .statusCode()).isEqualTo(410);
        BrowserSession.Page done = browser.submit(waiting, "#portcullis-push-form", Map.of());
        assertThat(done.signedIn()).isFalse();
        assertThat(done.text()).contains("timed out");
        assertThat(piasSessions()).isZero();
    }

    @Test
    @Order(9)
    void denyingAndReportingOnNodeTwoEndsTheSessionAndPausesPushesOnNodeOne() throws Exception {
        approveOnNodeTwoAndContinueOn(one); // pia is signed in ...
        // ... when someone with her password signs in on node one, and she reports it from her phone on node two.
        BrowserSession attacker = browser();
        BrowserSession.Page waiting = signIn(attacker, one, "pia");
        assertThat(waiting.has("#portcullis-push-number")).as(waiting.text()).isTrue();
        CompanionPhone.JsonLite challenge = piasPhone.pending(two.baseUrl());
        assertThat(piasPhone.respond(two.baseUrl(), piasPhone.answer(challenge, null, "report")).body())
                .contains("\"status\":\"reported\"");

        BrowserSession.Page after = continueOn(one, attacker, waiting);
        assertThat(after.signedIn()).isFalse();
        assertThat(after.text()).contains("denied on your phone");
        assertThat(piasSessions()).as("every session of the user ended").isZero();
        // Pushes are paused on both nodes: node one sends none for the next sign-in.
        BrowserSession.Page next = signIn(browser(), one, "pia");
        assertThat(next.text()).contains("paused");
        assertThat(next.has("#portcullis-push-number")).isFalse();
        assertThat(next.signedIn()).isFalse();
        assertThat(piasSessions()).isZero();
    }

    @Test
    @Order(10)
    void aPolicyChangeIsEnforcedOnBothNodes() throws Exception {
        controlPlane.publish(snapshot(2, true));
        for (KeycloakServer node : List.of(one, two)) {
            ConditionalAccessInKeycloakIT.eventually("node on port " + node.port() + " blocks travellers", () -> {
                try {
                    return signIn(browser().at(node.baseUrl()), node, "tom").has("#portcullis-blocked");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    /**
     * Not a check but a measurement (BENCHMARKS.md, issue 19): policy changes one after the other, and
     * for each, the time from publishing it to the first login on each node that follows it (logins
     * polled on both nodes at once, each a fresh browser typing the password). First as the nodes of
     * this class pull, every 300 ms; then with the stand-in holding pulls until a change, as the
     * control plane does ({@code Prefer: wait}, the nodes' default). Figures go to the log and to
     * {@code target/policy-change-to-enforcement.md}; only that every change arrives is asserted.
     */
    @Test
    @Order(11)
    void policyChangeToEnforcementOnBothNodes() throws Exception {
        int changes = Integer.getInteger("policy.changes", 30);
        StringBuilder report = new StringBuilder("Policy change to enforcement on both nodes, " + changes
                + " changes per way, ms from publishing to the first login on each node that follows it\n");
        long version = 2; // the last test left travellers blocked
        ExecutorService pollers = Executors.newFixedThreadPool(2);
        try {
            for (String way : List.of("polled every 300 ms", "pulls held until a change (Prefer: wait)")) {
                if (way.startsWith("pulls held")) {
                    controlPlane.holdPulls();
                    Thread.sleep(2_000); // every node's next pull is held
                }
                long[] both = new long[changes];
                for (int i = 0; i < changes; i++) {
                    boolean blocked = ++version % 2 == 0;
                    Thread.sleep(200 + ThreadLocalRandom.current().nextInt(300));
                    long published = System.nanoTime();
                    controlPlane.publish(snapshot(version, blocked));
                    Future<Long> onOne = pollers.submit(() -> firstLoginFollowing(one, blocked, published));
                    Future<Long> onTwo = pollers.submit(() -> firstLoginFollowing(two, blocked, published));
                    both[i] = Math.max(onOne.get(), onTwo.get());
                    report.append(String.format("%s, change %d: node one %d ms, node two %d ms%n", way, i + 1,
                            onOne.get(), onTwo.get()));
                }
                Arrays.sort(both);
                report.append(String.format("%s: both nodes p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n", way,
                        both[changes / 2], both[(int) Math.ceil(changes * 0.9) - 1], both[(int) Math.ceil(changes * 0.99) - 1],
                        both[changes - 1]));
            }
        } finally {
            pollers.shutdownNow();
        }
        System.out.print(report);
        Files.writeString(Path.of("target/policy-change-to-enforcement.md"), report);
    }

    /** Milliseconds from {@code published} to the end of the first login here that blocks tom, or asks him for MFA. */
    private long firstLoginFollowing(KeycloakServer node, boolean blocked, long published) throws Exception {
        long deadline = published + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            BrowserSession.Page page = signIn(browser().at(node.baseUrl()), node, "tom");
            if (page.has("#portcullis-blocked") == blocked && (blocked || page.has("#kc-otp-login-form"))) {
                return (System.nanoTime() - published) / 1_000_000;
            }
        }
        throw new AssertionError("node on port " + node.port() + " did not follow the change within 30 s");
    }

    /** A fresh login on this node, the password typed there: where does it lead? */
    private static BrowserSession.Page signIn(BrowserSession browser, KeycloakServer node, String username)
            throws Exception {
        BrowserSession.Page login = browser.openLogin(REALM, "portal", REDIRECT);
        return browser.post(on(node, BrowserSession.formAction(login, "#kc-form-login")),
                BrowserSession.formBody(login, "#kc-form-login", Map.of("username", username, "password", PASSWORD)));
    }

    /** Pia, signed out everywhere, signs in on node one up to the page showing the number to type on her phone. */
    private BrowserSession.Page pushWaiting(BrowserSession browser) throws Exception {
        admin.realm(REALM).users().get(piaId).logout();
        BrowserSession.Page waiting = browser.login(browser.openLogin(REALM, "portal", REDIRECT), "pia", PASSWORD);
        assertThat(waiting.has("#portcullis-push-number")).as("node one waits for the push: " + waiting.text()).isTrue();
        assertThat(piasSessions()).isZero();
        return waiting;
    }

    private static String number(BrowserSession.Page waiting) {
        return CompanionPhone.find(CompanionPhone.NUMBER, waiting.html());
    }

    /** Where the push stands, as the waiting page's script asks it, of the given node. */
    private static String status(KeycloakServer node, BrowserSession.Page waiting) throws Exception {
        URI url = on(node, URI.create(CompanionPhone.find(CompanionPhone.STATUS_URL, waiting.html()) + "?wait=0"));
        return CompanionPhone.HTTP.send(java.net.http.HttpRequest.newBuilder(url).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The waiting page's own submit, which the load balancer sends to {@code node}. */
    private static BrowserSession.Page continueOn(KeycloakServer node, BrowserSession browser, BrowserSession.Page waiting)
            throws Exception {
        return browser.post(on(node, BrowserSession.formAction(waiting, "#portcullis-push-form")),
                BrowserSession.formBody(waiting, "#portcullis-push-form", Map.of()));
    }

    private int piasSessions() {
        return admin.realm(REALM).users().get(piaId).getUserSessions().size();
    }

    private BrowserSession browser() {
        return new BrowserSession(one.baseUrl(), "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36");
    }

    /** The same address on the given node: what a load balancer does when it sends a request elsewhere. */
    private static URI on(KeycloakServer node, URI url) {
        return URI.create(url.toString().replaceFirst("^http://localhost:\\d+", node.baseUrl()));
    }
}
