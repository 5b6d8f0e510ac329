package dev.portcullis.adapters.keycloak.it;

import static dev.portcullis.adapters.keycloak.it.ConditionalAccessInKeycloakIT.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.adapters.keycloak.it.clock.KeycloakClock;
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
import dev.portcullis.core.policy.SignInFrequency;
import dev.portcullis.core.snapshot.PolicySnapshot;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * Sign-in frequency in a real Keycloak 26.7.3, an hour passing in a moment: the test moves Keycloak's
 * own clock ({@link KeycloakClock}, a test-only resource beside the provider), which Keycloak's
 * sessions, codes and one-time passwords read, and so does Portcullis. The HR app wants MFA at most
 * an hour old. Within the hour Keycloak's SSO session opens it with no prompt; after the hour the
 * user signs in again, as in Entra (Keycloak's re-authentication page: password, then the code), and
 * a refresh token from before cannot get round that.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInFrequencyIT {

    static final String REALM = "portcullis-frequency-it";
    static final String REDIRECT = "https://hr.example.test/callback";
    static final String PASSWORD = "correct horse battery staple";
    static final byte[] NINA_TOTP = "nina-totp-secret-byte".getBytes(StandardCharsets.US_ASCII);
    static final Duration HOUR_AND_A_MINUTE = Duration.ofMinutes(61);

    private KeycloakStack stack;
    private RealmSetup realm;
    private String ninaId;
    /** Where the test has moved Keycloak's clock to, from real time. */
    private Duration offset = Duration.ZERO;
    private final Totp.Unused ninasCodes = new Totp.Unused(NINA_TOTP);

    @BeforeAll
    void start() throws Exception {
        stack = new KeycloakStack();
        KeycloakClock.install(stack.keycloak.home().resolve("providers"));
        ControlPlaneStandIn controlPlane = stack.controlPlane;
        Path cache = stack.beside("portcullis-frequency-it-cache");
        Files.deleteIfExists(cache.resolve("last-known-good-snapshot.jws"));
        // The node is given two control-plane replicas, the first of them down (nothing listens on its
        // port): it moves on to the second for its snapshots and its sign-in records.
        String replicas = "http://127.0.0.1:" + KeycloakServer.freePort() + "," + controlPlane.url();
        realm = stack.start(Map.of("control-plane-url", replicas, "cache-dir", cache.toString(),
                "snapshot-public-key-file", controlPlane.writePublicKey(cache.resolveSibling("frequency-it-snapshot-key.pem"))
                        .toString(), "refresh-interval-millis", "300", "request-timeout-millis", "1000"), List.of(), REALM);
        // Keycloak's own session outlives the hour (ten hours idle and in all), so what asks again is the policy.
        RealmRepresentation settings = realm.realm().toRepresentation();
        settings.setSsoSessionIdleTimeout((int) Duration.ofHours(10).toSeconds());
        settings.setSsoSessionMaxLifespan((int) Duration.ofHours(10).toSeconds());
        realm.realm().update(settings);
        realm.client("hr", false, REDIRECT);
        ninaId = realm.user("nina", PASSWORD, NINA_TOTP);

        ConditionalAccessPolicy hourly = new ConditionalAccessPolicy("p-hourly", "MFA for HR, at most an hour old",
                PolicyState.ENABLED, Conditions.of(UsersCondition.all(), ApplicationsCondition.apps("hr")),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA),
                SessionControls.signInFrequency(SignInFrequency.of(Duration.ofHours(1))));
        controlPlane.publish(new PolicySnapshot(ConditionalAccessInKeycloakIT.EPOCH, 1, Instant.now(),
                PolicySet.of(List.of(hourly), List.of())));
        controlPlane.start();
        eventually("the node enforces the policy: the HR app asks for a code", () -> {
            try {
                return passwordStep(browser()).has("#kc-otp-login-form");
            } catch (Exception e) {
                return false;
            }
        });
    }

    @AfterAll
    void stop() throws Exception {
        if (stack != null) {
            moveClock(Duration.ZERO);
            stack.close();
        }
    }

    @Test
    @Order(1)
    void withinTheHourTheSessionOpensTheAppAfterItTheUserSignsInAgainPasswordAndCode() throws Exception {
        BrowserSession browser = browser();
        BrowserSession.Page first = enterOtp(browser, passwordStep(browser));
        assertThat(first.signedIn()).as("password and code: " + first.text()).isTrue();
        BrowserSession.Page within = browser.openLogin(REALM, "hr", REDIRECT);
        assertThat(within.signedIn()).as("fifty-nine minutes to go: no prompt: " + within.text()).isTrue();

        moveClock(HOUR_AND_A_MINUTE);
        // As in Entra, a lapsed frequency means signing in again: Keycloak's own re-authentication
        // page, the session's password being an hour old too.
        BrowserSession.Page after = browser.openLogin(REALM, "hr", REDIRECT);
        assertThat(after.signedIn()).isFalse();
        assertThat(after.has("#kc-form-login")).as("an hour on, sign in again: " + after.text()).isTrue();
        assertThat(after.text()).contains("re-authenticate");
        // What the user (or whoever holds the cookie) tries next: reload. Still the sign-in, never the app.
        BrowserSession.Page reloaded = browser.openLogin(REALM, "hr", REDIRECT);
        assertThat(reloaded.signedIn()).as("reload: " + reloaded.text()).isFalse();
        assertThat(reloaded.has("#kc-form-login")).isTrue();
        // The password alone is not enough: the code is an hour old as well.
        BrowserSession.Page password = browser.login(reloaded, "nina", PASSWORD);
        assertThat(password.signedIn()).as("the password again: " + password.text()).isFalse();

        BrowserSession.Page again = enterOtp(browser, password);
        assertThat(again.signedIn()).as("a fresh code: " + again.text()).isTrue();
        assertThat(browser.openLogin(REALM, "hr", REDIRECT).signedIn()).as("fresh again: no prompt").isTrue();
        eventually("nina's sign-ins reach the replica that is up", () -> stack.controlPlane.received().stream()
                .anyMatch(r -> r.userId().equals(ninaId)));
    }

    @Test
    @Order(2)
    void aRefreshTokenFromBeforeTheHourIsRefusedOnceItHasPassed() throws Exception {
        BrowserSession browser = browser();
        BrowserSession.Page in = enterOtp(browser, passwordStep(browser));
        assertThat(in.signedIn()).as(in.text()).isTrue();
        String code = in.returnedToApp().orElseThrow().getQuery().replaceAll(".*(?:^|&)code=([^&]+).*", "$1");
        HttpResponse<String> tokens = tokenRequest(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        String refreshToken = field(tokens.body(), "refresh_token");
        String sessionId = field(tokens.body(), "session_state");
        HttpResponse<String> within = tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
        assertThat(within.statusCode()).as("within the hour: " + within.body()).isEqualTo(200);

        moveClock(offset.plus(HOUR_AND_A_MINUTE));
        HttpResponse<String> after = tokenRequest(Map.of("grant_type", "refresh_token",
                "refresh_token", field(within.body(), "refresh_token")));
        assertThat(after.statusCode()).as("after the hour: " + after.body()).isEqualTo(400);
        assertThat(field(after.body(), "error")).isEqualTo("invalid_grant");
        assertThat(after.body()).doesNotContain("access_token");
        assertThat(realm.realm().users().get(ninaId).getUserSessions()).as("that session is ended")
                .noneMatch(s -> s.getId().equals(sessionId));
    }

    private void moveClock(Duration to) throws Exception {
        HttpResponse<String> moved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        stack.keycloak.baseUrl() + "/realms/" + REALM + "/" + KeycloakClock.ID + "/offset/" + to.toSeconds()))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(moved.statusCode()).as("the test clock: " + moved.body()).isEqualTo(204);
        offset = to;
    }

    private BrowserSession browser() {
        return new BrowserSession(stack.keycloak.baseUrl(), "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36");
    }

    private BrowserSession.Page passwordStep(BrowserSession browser) throws Exception {
        BrowserSession.Page login = browser.openLogin(REALM, "hr", REDIRECT);
        assertThat(login.has("#kc-form-login")).as("the login page: " + login.text()).isTrue();
        return browser.login(login, "nina", PASSWORD);
    }

    /**
     * A code of the wall's 30-second step (Keycloak checks one-time passwords on the system clock, not
     * on its offset one), and a step not used yet: Keycloak takes each code once.
     */
    private BrowserSession.Page enterOtp(BrowserSession browser, BrowserSession.Page page) throws Exception {
        assertThat(page.has("#kc-otp-login-form")).as("the OTP form: " + page.text()).isTrue();
        return browser.submit(page, "#kc-otp-login-form", Map.of("otp", ninasCodes.next()));
    }

    private HttpResponse<String> tokenRequest(Map<String, String> form) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(form);
        all.put("client_id", "hr");
        all.put("client_secret", "hr-secret");
        String body = all.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.keycloak.baseUrl() + "/realms/"
                        + REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) throws Exception {
        return new ObjectMapper().readTree(json).path(name).asText();
    }
}
