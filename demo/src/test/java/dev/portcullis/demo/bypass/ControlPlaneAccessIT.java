package dev.portcullis.demo.bypass;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.adapters.keycloak.it.BrowserSession;
import dev.portcullis.adapters.keycloak.it.Totp;
import dev.portcullis.demo.CommandLineSignIn;
import dev.portcullis.demo.LocalStack;
import dev.portcullis.demo.ControlPlaneRealm;
import dev.portcullis.demo.DemoDirectory;
import dev.portcullis.demo.DemoStack;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.StreamSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * The control plane from the attacker's side, against the product as {@code ./portcullis} starts
 * it (Keycloak 26.7.3 with the provider, the packaged control plane, the seed): the administrator's
 * password is phished. The command line's password grant is gone, a browser sign-in with the
 * password alone stops at the MFA prompt, and even a token from a sign-in without MFA (a policy
 * downgraded to report-only) cannot change a policy. The administrator's own device sign-in with
 * password and authenticator app through Keycloak's real pages can. A token of the same realm for
 * another audience is refused. The {@code portcullis} realm's sign-ins are in the sign-in log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlPlaneAccessIT {

    private static final String ADMIN = ControlPlaneRealm.ADMIN_USER;
    private static final String PASSWORD = DemoDirectory.PASSWORD;
    private static final String CA = "/v1.0/identity/conditionalAccess";
    private static final String ADMINS_MFA = "Require MFA for control-plane administrators";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    @AutoClose // after the last test: the product stops
    private DemoStack stack;
    private String adminId;
    /** The administrator's authenticator app, registered at the first sign-in. */
    private Totp.Unused adminsCodes;
    private CommandLineSignIn cli;

    @BeforeAll
    void startTheProduct() throws Exception {
        stack = LocalStack.startClean("control-plane-access", "control-plane-access");
        cli = new CommandLineSignIn(stack, ADMIN);
        try (Keycloak admin = keycloakAdmin()) {
            adminId = admin.realm(ControlPlaneRealm.REALM).users().search(ADMIN, true).get(0).getId();
        }
    }

    @Test
    @Order(1)
    void theControlPlaneRealmsSignInsAreEvaluatedByConditionalAccess() throws Exception {
        // The administrator's first sign-in: MFA is required of control-plane administrators and nothing is
        // registered, so Conditional Access asks for more information and the authenticator app is registered.
        CommandLineSignIn.Attempt attempt = cli.withPassword();
        adminsCodes = cli.registerAuthenticatorApp(attempt);
        assertThat(cli.poll(attempt.device()).statusCode()).isEqualTo(200);

        JsonNode record = eventually("the sign-in is in the control plane's sign-in log", () -> StreamSupport.stream(
                        get("/v1.0/auditLogs/signIns?userId=" + adminId).path("value").spliterator(), false)
                .filter(r -> r.path("portcullis").path("realm").asText().equals(ControlPlaneRealm.REALM)
                        && r.path("appId").asText().equals(ControlPlaneRealm.CLI_CLIENT))
                .findFirst().orElse(null));
        assertThat(StreamSupport.stream(record.path("appliedConditionalAccessPolicies").spliterator(), false)
                .map(p -> p.path("displayName").asText())).contains(ADMINS_MFA);
    }

    @Test
    @Order(2)
    void aPhishedAdministratorPasswordAloneGetsNoTokenThatCanChangeAPolicy() throws Exception {
        signOutEverywhere();
        // The command line has no password grant, and the realm's own password grant (admin-cli) is
        // legacy authentication, blocked; neither answers with a token.
        for (String client : List.of(ControlPlaneRealm.CLI_CLIENT, "admin-cli")) {
            HttpResponse<String> passwordGrant = cli.token("grant_type=password&client_id=" + client + "&username=" + ADMIN
                    + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));
            assertThat(passwordGrant.statusCode()).as(client + ": " + passwordGrant.body()).isBetween(400, 401);
            assertThat(passwordGrant.body()).doesNotContain("access_token");
        }

        // In a browser the password leads to the MFA prompt, which the attacker cannot answer.
        CommandLineSignIn.Attempt attempt = cli.withPassword();
        assertThat(attempt.page().has("#kc-otp-login-form")).as(attempt.page().text()).isTrue();
        BrowserSession.Page page = attempt.browser().submit(attempt.page(), "#kc-otp-login-form", Map.of("otp", "000000"));
        assertThat(page.text()).doesNotContain("Device Login Successful");
        HttpResponse<String> polled = cli.poll(attempt.device());
        assertThat(polled.statusCode()).as(polled.body()).isEqualTo(400);
        assertThat(polled.body()).contains("authorization_pending").doesNotContain("access_token");
        assertThat(sessionsOfTheAdministrator()).as("no session from the password alone").isEmpty();

        // Suppose the MFA policy were only reported on: the password alone then signs in, and the token
        // says so (amr: pwd). It may read, but no change goes through, and nothing is changed.
        String mfaPolicy = policyId(ADMINS_MFA);
        patchAsAutomation(mfaPolicy, "{\"state\": \"enabledForReportingButNotEnforced\"}");
        try {
            String passwordOnly = eventually("a sign-in with the password alone goes through", () -> {
                CommandLineSignIn.Attempt signIn = cli.withPassword();
                if (signIn.page().has("#kc-otp-login-form")
                        || !cli.finish(signIn, signIn.page(), adminsCodes).text().contains("Device Login Successful")) {
                    return null; // the policy change has not reached Keycloak yet
                }
                HttpResponse<String> tokens = cli.poll(signIn.device());
                return tokens.statusCode() == 200 ? json.readTree(tokens.body()).path("access_token").asText() : null;
            });
            assertThat(claims(passwordOnly).path("amr").toString()).isEqualTo("[\"pwd\"]");
            assertThat(call("GET", CA + "/policies", passwordOnly, null, null).statusCode()).isEqualTo(200);

            String legacy = policyId("Block legacy authentication");
            HttpResponse<String> before = call("GET", CA + "/policies/" + legacy, stack.automationToken(), null, null);
            HttpResponse<String> switchOff = call("PATCH", CA + "/policies/" + legacy, passwordOnly,
                    "{\"state\": \"disabled\"}", before.headers().firstValue("ETag").orElseThrow());
            assertThat(switchOff.statusCode()).as(switchOff.body()).isEqualTo(403);
            assertThat(switchOff.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(switchOff.headers().firstValue("WWW-Authenticate").orElse(""))
                    .contains("error=\"insufficient_user_authentication\"");
            assertThat(switchOff.body()).contains("this change needs a sign-in that proved MFA; sign in again with MFA");
            HttpResponse<String> created = call("POST", CA + "/policies", passwordOnly, """
                    {"displayName": "Everyone out", "state": "enabled",
                     "conditions": {"users": {"includeUsers": ["All"]}, "applications": {"includeApplications": ["All"]}},
                     "grantControls": {"operator": "OR", "builtInControls": ["block"]}}""", null);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(403);

            HttpResponse<String> after = call("GET", CA + "/policies/" + legacy, stack.automationToken(), null, null);
            assertThat(after.headers().firstValue("ETag")).isEqualTo(before.headers().firstValue("ETag"));
            assertThat(json.readTree(after.body()).path("state").asText()).isEqualTo("enabled");
            assertThat(get(CA + "/policies").toString()).doesNotContain("Everyone out");
        } finally {
            patchAsAutomation(mfaPolicy, "{\"state\": \"enabled\"}");
        }
    }

    @Test
    @Order(3)
    void theAdministratorsDeviceSignInWithPasswordAndAuthenticatorAppCanChangeAPolicy() throws Exception {
        signOutEverywhere();
        CommandLineSignIn.Attempt attempt = eventually("the MFA policy is enforced again: the password leads to the code prompt",
                () -> {
                    CommandLineSignIn.Attempt a = cli.withPassword();
                    return a.page().has("#kc-otp-login-form") ? a : null;
                });
        BrowserSession.Page page = cli.finish(attempt, attempt.page(), adminsCodes);
        assertThat(page.text()).contains("Device Login Successful");
        HttpResponse<String> tokens = cli.poll(attempt.device());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        String token = json.readTree(tokens.body()).path("access_token").asText();
        JsonNode claims = claims(token);
        assertThat(claims.path("amr").toString()).contains("\"pwd\"", "\"otp\"", "\"mfa\"");
        assertThat(claims.path("aud").toString()).contains(ControlPlaneRealm.AUDIENCE);

        String outside = policyId("Require MFA outside trusted locations");
        HttpResponse<String> current = call("GET", CA + "/policies/" + outside, token, null, null);
        HttpResponse<String> changed = call("PATCH", CA + "/policies/" + outside, token, "{\"state\": \"disabled\"}",
                current.headers().firstValue("ETag").orElseThrow());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json.readTree(changed.body()).path("state").asText()).isEqualTo("disabled");
        assertThat(get("/v1.0/auditLogs/directoryAudits").toString()).as("the audit log names who changed it")
                .contains(ADMIN);
    }

    @Test
    @Order(4)
    void aTokenOfTheSameRealmForAnotherAudienceIsRefused() throws Exception {
        // An application of the same realm holding the very same roles, but whose tokens are not meant for
        // the control plane: Keycloak signed them, the issuer is right, the audience is not.
        String secret = "other-application-secret";
        try (Keycloak admin = keycloakAdmin()) {
            ClientRepresentation other = new ClientRepresentation();
            other.setClientId("other-application");
            other.setPublicClient(false);
            other.setServiceAccountsEnabled(true);
            other.setStandardFlowEnabled(false);
            other.setSecret(secret);
            try (Response created = admin.realm(ControlPlaneRealm.REALM).clients().create(other)) {
                assertThat(created.getStatus()).isEqualTo(201);
            }
            String id = admin.realm(ControlPlaneRealm.REALM).clients().findByClientId("other-application").get(0).getId();
            String account = admin.realm(ControlPlaneRealm.REALM).clients().get(id).getServiceAccountUser().getId();
            admin.realm(ControlPlaneRealm.REALM).users().get(account).roles().realmLevel().add(List.of(
                    admin.realm(ControlPlaneRealm.REALM).roles().get(ControlPlaneRealm.ADMIN_ROLE).toRepresentation(),
                    admin.realm(ControlPlaneRealm.REALM).roles().get("portcullis-automation").toRepresentation()));
        }
        HttpResponse<String> tokens = cli.token("grant_type=client_credentials&client_id=other-application&client_secret=" + secret);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        String foreign = json.readTree(tokens.body()).path("access_token").asText();
        assertThat(claims(foreign).path("realm_access").toString()).contains(ControlPlaneRealm.ADMIN_ROLE);
        assertThat(claims(foreign).path("aud").toString()).doesNotContain(ControlPlaneRealm.AUDIENCE);

        assertThat(call("GET", CA + "/policies", foreign, null, null).statusCode()).isEqualTo(401);
        assertThat(call("POST", CA + "/policies", foreign, "{}", null).statusCode()).isEqualTo(401);
        // The automation client of the same realm, whose tokens carry the audience, is let in.
        assertThat(call("GET", CA + "/policies", stack.automationToken(), null, null).statusCode()).isEqualTo(200);
    }

    private JsonNode claims(String jwt) throws IOException {
        return json.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    // ---- Keycloak's admin API and the control plane ------------------------------------------------------

    private void signOutEverywhere() {
        try (Keycloak admin = keycloakAdmin()) {
            admin.realm(ControlPlaneRealm.REALM).users().get(adminId).logout();
        }
    }

    private List<String> sessionsOfTheAdministrator() {
        try (Keycloak admin = keycloakAdmin()) {
            List<String> sessions = new ArrayList<>();
            admin.realm(ControlPlaneRealm.REALM).users().get(adminId).getUserSessions().forEach(s -> sessions.add(s.getId()));
            return sessions;
        }
    }

    private Keycloak keycloakAdmin() {
        return stack.keycloakAdmin();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = call("GET", path, stack.automationToken(), null, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private String policyId(String displayName) throws Exception {
        return StreamSupport.stream(get(CA + "/policies").path("value").spliterator(), false)
                .filter(p -> p.path("displayName").asText().equals(displayName)).findFirst()
                .orElseThrow(() -> new AssertionError("no policy '" + displayName + "'")).path("id").asText();
    }

    private void patchAsAutomation(String id, String body) throws Exception {
        String token = stack.automationToken();
        HttpResponse<String> current = call("GET", CA + "/policies/" + id, token, null, null);
        HttpResponse<String> patched = call("PATCH", CA + "/policies/" + id, token, body,
                current.headers().firstValue("ETag").orElseThrow());
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    }

    private HttpResponse<String> call(String method, String path, String token, String body, String ifMatch)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.settings().controlPlaneUrl() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Retries until the answer is there (policies reach Keycloak, sign-ins reach the log, within seconds). */
    private static <T> T eventually(String what, Callable<T> attempt) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            T value = attempt.call();
            if (value != null) {
                return value;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not within 30 s: " + what);
    }
}
