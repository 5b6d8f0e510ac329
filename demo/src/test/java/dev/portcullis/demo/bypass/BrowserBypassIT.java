package dev.portcullis.demo.bypass;

import static dev.portcullis.demo.LocalStack.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.adapters.keycloak.it.BlockPage;
import dev.portcullis.adapters.keycloak.it.BrowserSession;
import dev.portcullis.adapters.keycloak.it.Totp;
import dev.portcullis.demo.ControlPlaneApi;
import dev.portcullis.demo.LocalStack;
import dev.portcullis.demo.SignInLog;
import dev.portcullis.demo.DemoDirectory;
import dev.portcullis.demo.DemoStack;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The attacker's side of the browser flow, against the product started as {@code ./portcullis}
 * starts it (Keycloak 26.7.3 with the provider, the control plane, the demo realm and its seed
 * rollout). Each test takes a login that Conditional Access stopped (a block, "More information
 * required", a step-up) and tries to finish it anyway: reload, back, restart, a replayed form, a
 * second tab, a method that was not offered, the account console's "set up an authenticator". Each
 * asserts no authorization code, no user session through Keycloak's admin API, and a sign-in record
 * saying what was refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserBypassIT {

    private static final String UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
    private static final Pattern TAB_ID = Pattern.compile("tab_id=([^&\"]+)");

    private final HttpClient http = HttpClient.newHttpClient();
    @AutoClose // after the last test: the product stops
    private DemoStack stack;
    private String portalRedirect;
    /** The authenticator ivan registers in one test, for the step-up of the next. */
    private String ivanTotpSecret;

    @BeforeAll
    void startTheProduct() throws Exception {
        stack = LocalStack.startClean("bypass-browser", "bypass");
        // The applications' landing page lies outside Keycloak, so a code is seen where it is issued.
        portalRedirect = "https://portal.example.test/callback";
        try (Keycloak admin = keycloakAdmin()) {
            for (String clientId : List.of("portal", "account-console")) {
                var clients = admin.realm(DemoDirectory.REALM).clients();
                var client = clients.findByClientId(clientId).get(0);
                List<String> redirects = new java.util.ArrayList<>(client.getRedirectUris());
                redirects.add(portalRedirect);
                client.setRedirectUris(redirects);
                clients.get(client.getId()).update(client);
            }
        }
    }

    // ---- a block -------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void reloadingBackRestartReplayAndASecondTabAllMeetTheBlockAgain() throws Exception {
        String sam = user("sam.sales");
        createPolicy("""
                {"displayName": "Sam may not use the portal", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["%s"]}, "applications": {"includeApplications": ["portal"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["block"]}}""".formatted(sam));
        BrowserSession browser = browser();
        eventually("sam is blocked on the portal", () -> passwordStep(browser, "sam.sales").status() == 403);
        BrowserSession.Page loginPage = browser.openLogin(DemoDirectory.REALM, "portal", portalRedirect);
        String tabId = tabId(loginPage);
        URI passwordAction = BrowserSession.formAction(loginPage, "#kc-form-login");
        String passwordBody = BrowserSession.formBody(loginPage, "#kc-form-login",
                Map.of("username", "sam.sales", "password", DemoDirectory.PASSWORD));
        BrowserSession.Page blocked = browser.post(passwordAction, passwordBody);
        BlockPage block = BlockPage.of(blocked);
        BlockPage.namesNoPolicy(blocked, "Sam may not use the portal");
        assertThat(new SignInLog(stack).blames(block, "Sam may not use the portal")).isTrue();
        long blocksBefore = signInsOf(sam, "block");

        // F5 on the block page: a plain GET of the flow, as the browser sends it.
        String reload = stack.settings().keycloakUrl() + "/realms/demo/login-actions/authenticate?client_id=portal&tab_id="
                + tabId;
        assertRefused(browser.get(reload), "reload");
        assertRefused(browser.get(reload), "a second reload");
        assertRefused(browser.anotherTab().get(reload), "a second tab with the same tab_id");
        // Back: the authorization request again, in the same browser, starts a new login at the
        // password, which is evaluated again and blocked again.
        BrowserSession.Page back = browser.get(loginPage.url().toString());
        assertRefused(back, "back to the login page");
        if (back.has("#kc-form-login")) {
            BrowserSession.Page again = browser.login(back, "sam.sales", DemoDirectory.PASSWORD);
            assertRefused(again, "the password after going back");
            BlockPage.of(again);
        }
        assertRefused(browser.post(passwordAction, passwordBody), "the password form replayed");
        // "Restart login" clears the login: the password again, and the block again.
        BrowserSession.Page restarted = browser.get(stack.settings().keycloakUrl()
                + "/realms/demo/login-actions/restart?client_id=portal&tab_id=" + tabId);
        assertRefused(restarted, "restart");
        if (restarted.has("#kc-form-login")) {
            assertRefused(browser.login(restarted, "sam.sales", DemoDirectory.PASSWORD), "the password after a restart");
        }
        assertNoSession(sam);
        eventually("every attempt is in the sign-in log as a refused block", () -> signInsOf(sam, "block") >= blocksBefore + 5
                && get("/v1.0/auditLogs/signIns?userId=" + sam).contains("refused: a request after the block"));
    }

    // ---- "More information required" ----------------------------------------------------------------

    @Test
    @Order(2)
    void moreInformationRequiredSurvivesReloadAndAMethodThatWasNotOfferedIsRefused() throws Exception {
        String ivan = user("ivan.it"); // the IT pilot: MFA enforced, nothing registered
        BrowserSession browser = browser();
        BrowserSession.Page interrupt = passwordStep(browser, "ivan.it");
        assertThat(interrupt.has("#portcullis-more-information")).as(interrupt.text()).isTrue();
        String tabId = tabId(interrupt);

        String reload = stack.settings().keycloakUrl() + "/realms/demo/login-actions/authenticate?client_id=portal&tab_id="
                + tabId;
        BrowserSession.Page again = browser.get(reload);
        assertThat(again.signedIn()).isFalse();
        assertThat(again.has("#portcullis-more-information")).as("reload: " + again.text()).isTrue();
        assertThat(browser.anotherTab().get(reload).signedIn()).as("a second tab").isFalse();

        for (String notOffered : List.of("password", "recoveryCode", "sms", "", "totp\nregistering=passkey")) {
            BrowserSession.Page refused = browser.submit(again, "#portcullis-register-form", Map.of("method", notOffered));
            assertThat(refused.signedIn()).as(notOffered).isFalse();
            assertThat(refused.has("#portcullis-error")).as("refused '" + notOffered + "': " + refused.text()).isTrue();
            assertThat(refused.has("#kc-totp-settings-form")).as("nothing to register").isFalse();
            again = refused;
        }
        assertNoSession(ivan);
        assertThat(credentialTypes(ivan)).containsExactly("password");
        eventually("the sign-in log says what was refused",
                () -> get("/v1.0/auditLogs/signIns?userId=" + ivan).contains("refused: registering 'recoveryCode'"));
    }

    @Test
    @Order(3)
    void registeringOnMoreInformationRequiredThenChecksTheLoginBeforeItEnds() throws Exception {
        String ivan = user("ivan.it");
        BrowserSession browser = browser();
        BrowserSession.Page interrupt = passwordStep(browser, "ivan.it");
        BrowserSession.Page setup = browser.submit(interrupt, "#portcullis-register-form", Map.of("method", "totp"));
        assertThat(setup.has("#kc-totp-settings-form")).as(setup.text()).isTrue();
        // Reloading the set-up page does not end the login either.
        BrowserSession.Page reloaded = browser.get(stack.settings().keycloakUrl()
                + "/realms/demo/login-actions/required-action?execution=CONFIGURE_TOTP&client_id=portal&tab_id=" + tabId(setup));
        assertThat(reloaded.signedIn()).isFalse();
        assertNoSession(ivan);

        String secret = setup.document().selectFirst("input[name=totpSecret]").attr("value");
        BrowserSession.Page done = browser.submit(setup, "#kc-totp-settings-form", Map.of(
                "totp", Totp.code(secret.getBytes(StandardCharsets.US_ASCII), Instant.now()), "userLabel", "phone"));
        assertThat(done.signedIn()).as(done.text()).isTrue();
        assertThat(credentialTypes(ivan)).contains("otp");
        eventually("the check after registering is in the sign-in log", () -> signInsOf(ivan, "allow") >= 1);
        ivanTotpSecret = secret;
    }

    // ---- registering security info outside "More information required" ------------------------------

    @Test
    @Order(4)
    void theAccountConsolesAuthenticatorSetUpAsksAUserWhoHasMfaToProveItFirst() throws Exception {
        String ivan = user("ivan.it");
        logOut(ivan); // his sign-in after registering

        BrowserSession browser = browser();
        BrowserSession.Page login = browser.get(accountConsoleAction("CONFIGURE_TOTP"));
        BrowserSession.Page afterPassword = browser.login(login, "ivan.it", DemoDirectory.PASSWORD);
        assertThat(afterPassword.has("#kc-totp-settings-form")).as("no set-up on a password alone").isFalse();
        assertThat(afterPassword.has("#kc-otp-login-form")).as("the OTP step-up first: " + afterPassword.text()).isTrue();
        // Reload and a second tab cannot reach the set-up either.
        String reload = stack.settings().keycloakUrl() + "/realms/demo/login-actions/authenticate?client_id=account-console"
                + "&tab_id=" + tabId(afterPassword);
        BrowserSession.Page reloaded = browser.get(reload);
        assertThat(reloaded.has("#kc-totp-settings-form")).isFalse();
        assertThat(reloaded.signedIn()).isFalse();
        BrowserSession.Page wrong = browser.submit(afterPassword, "#kc-otp-login-form", Map.of("otp", "000000".equals(
                Totp.code(ivanTotpSecret.getBytes(StandardCharsets.US_ASCII), Instant.now())) ? "111111" : "000000"));
        assertThat(wrong.has("#kc-totp-settings-form")).as("a wrong code").isFalse();
        assertNoSession(ivan);
        assertThat(credentialTypes(ivan).stream().filter("otp"::equals)).hasSize(1);
    }

    @Test
    @Order(5)
    void aPolicyOnRegisteringSecurityInfoHoldsInTheAccountConsoleAndForRequiredActionsAnAdministratorSets()
            throws Exception {
        String nina = user("nina.new");
        createPolicy("""
                {"displayName": "Nina may not register security info", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["%s"]},
                                "applications": {"includeUserActions": ["urn:user:registersecurityinfo"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["block"]}}""".formatted(nina));
        eventually("the account console's set-up is blocked for nina", () -> {
            BrowserSession browser = browser();
            BrowserSession.Page page = browser.login(browser.get(accountConsoleAction("CONFIGURE_TOTP")), "nina.new",
                    DemoDirectory.PASSWORD);
            return BlockPage.shown(page).isPresent()
                    && new SignInLog(stack).blames(BlockPage.of(page), "Nina may not register security info");
        });
        // Her ordinary sign-in is not a registration, and is not blocked.
        BrowserSession.Page portal = passwordStep(browser(), "nina.new");
        assertThat(portal.signedIn()).as(portal.text()).isTrue();
        logOut(nina);

        // An administrator asks her to set up an authenticator: that login registers, so it is blocked.
        try (Keycloak admin = keycloakAdmin()) {
            UserRepresentation rep = admin.realm(DemoDirectory.REALM).users().get(nina).toRepresentation();
            rep.setRequiredActions(List.of("CONFIGURE_TOTP"));
            admin.realm(DemoDirectory.REALM).users().get(nina).update(rep);
        }
        BrowserSession.Page required = passwordStep(browser(), "nina.new");
        assertThat(required.signedIn()).isFalse();
        assertThat(required.has("#kc-totp-settings-form")).isFalse();
        BlockPage refused = BlockPage.of(required);
        assertThat(refused.application()).isEqualTo("portal");
        BlockPage.namesNoPolicy(required, "Nina may not register security info");
        assertThat(new SignInLog(stack).blames(refused, "Nina may not register security info")).isTrue();
        assertNoSession(nina);
        assertThat(credentialTypes(nina)).containsExactly("password");
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private BrowserSession browser() {
        return new BrowserSession(stack.settings().keycloakUrl(), UA);
    }

    private BrowserSession.Page passwordStep(BrowserSession browser, String username) throws Exception {
        BrowserSession.Page login = browser.openLogin(DemoDirectory.REALM, "portal", portalRedirect);
        return browser.login(login, username, DemoDirectory.PASSWORD);
    }

    /** The account console's "Set up authenticator application": an application-initiated action. */
    private String accountConsoleAction(String action) {
        return stack.settings().keycloakUrl() + "/realms/demo/protocol/openid-connect/auth?client_id=account-console"
                + "&response_type=code&scope=openid&kc_action=" + action + "&redirect_uri="
                + URLEncoder.encode(portalRedirect, StandardCharsets.UTF_8) + "&code_challenge_method=S256"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&state=bypass-" + System.nanoTime();
    }

    private static String tabId(BrowserSession.Page page) {
        Matcher m = TAB_ID.matcher(page.html());
        assertThat(m.find()).as("a tab_id on " + page.url()).isTrue();
        return m.group(1);
    }

    private void assertRefused(BrowserSession.Page page, String what) throws Exception {
        assertThat(page.signedIn()).as(what + " gave a code: " + page.returnedToApp()).isFalse();
        assertThat(page.returnedToApp().map(URI::toString).orElse("")).as(what).doesNotContain("code=");
        assertThat(page.text()).as(what).doesNotContain("Welcome to");
    }

    private void assertNoSession(String userId) {
        try (Keycloak admin = keycloakAdmin()) {
            assertThat(admin.realm(DemoDirectory.REALM).users().get(userId).getUserSessions()).as("user sessions").isEmpty();
        }
    }

    private void logOut(String userId) {
        try (Keycloak admin = keycloakAdmin()) {
            admin.realm(DemoDirectory.REALM).users().get(userId).logout();
        }
    }

    private List<String> credentialTypes(String userId) {
        try (Keycloak admin = keycloakAdmin()) {
            return admin.realm(DemoDirectory.REALM).users().get(userId).credentials().stream()
                    .map(c -> c.getType()).toList();
        }
    }

    private long signInsOf(String userId, String decision) throws Exception {
        String log = get("/v1.0/auditLogs/signIns?userId=" + userId + "&decision=" + decision);
        return Pattern.compile("\"decision\":\"" + decision + "\"").matcher(log).results().count();
    }

    private String user(String username) {
        return stack.users().get(username);
    }

    private void createPolicy(String json) throws Exception {
        new ControlPlaneApi(stack).createPolicy(json);
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.settings().controlPlaneUrl() + path))
                .header("Authorization", "Bearer " + stack.automationToken()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private Keycloak keycloakAdmin() {
        return stack.keycloakAdmin();
    }
}
