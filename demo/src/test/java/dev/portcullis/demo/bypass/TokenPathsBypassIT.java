package dev.portcullis.demo.bypass;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.adapters.keycloak.admin.DirectorySeed;
import dev.portcullis.adapters.keycloak.admin.RealmProvisioner;
import dev.portcullis.adapters.keycloak.it.BlockPage;
import dev.portcullis.adapters.keycloak.it.BrowserSession;
import dev.portcullis.demo.ControlPlaneApi;
import dev.portcullis.demo.LocalStack;
import dev.portcullis.demo.SignInLog;
import dev.portcullis.demo.DemoDirectory;
import dev.portcullis.demo.DemoStack;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;

/**
 * Every way to get tokens without a login, tried from the attacker's side against the product as
 * {@code ./portcullis} starts it (Keycloak with the provider, the control plane, the demo realm, the
 * seed rollout). Policies and user risk change only through the control plane's API. Each path
 * holds tokens or a login from before the change, and must get no tokens after it: the request is
 * refused with {@code invalid_grant}, the admin API lists no session the attacker could go on
 * with, and the sign-in log says what was refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokenPathsBypassIT {

    private static final String REALM = DemoDirectory.REALM;
    /** The applications' landing page: never fetched, the login driver stops at the redirect to it. */
    private static final String CALLBACK = "https://app.example.test/callback";
    private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) TokenPathsBypassIT";
    private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    private static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private DemoStack stack;
    private Keycloak admin;
    private RealmProvisioner demo;
    private DirectorySeed demoPeople;

    @BeforeAll
    void startTheProduct() throws Exception {
        stack = LocalStack.startClean("token-paths", "token-paths");
        admin = stack.keycloakAdmin();
        demo = new RealmProvisioner(admin, REALM);
        demoPeople = new DirectorySeed(admin, REALM);
        allowRedirect("portal");
    }

    @AfterAll
    void stopTheProduct() {
        if (admin != null) {
            admin.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aRefreshTokenStopsWorkingOnceABlockAppliesAndTheUserHasNoSessionLeft() throws Exception {
        String anna = user("anna.accountant");
        JsonNode tokens = signInAndRedeem("anna.accountant", "portal", "openid");
        HttpResponse<String> before = refresh("portal", tokens.path("refresh_token").asText());
        assertThat(before.statusCode()).as("before any block: " + before.body()).isEqualTo(200);
        String rotated = json.readTree(before.body()).path("refresh_token").asText();

        block("Block Anna on the portal", anna, "portal");
        HttpResponse<String> after = refresh("portal", tokens.path("refresh_token").asText());
        assertRefused(after, "refresh_token", "Block Anna on the portal");
        assertRefused(refresh("portal", rotated), "refresh_token", null);
        HttpResponse<String> userInfo = http.send(HttpRequest.newBuilder(URI.create(oidc("userinfo")))
                .header("Authorization", "Bearer " + json.readTree(before.body()).path("access_token").asText()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(userInfo.statusCode()).as("the access token issued before the block").isEqualTo(401);
        assertNoSessionAndLogged(anna, "token request refused: refresh_token", "\"decision\":\"block\"");
    }

    @Test
    @Order(2)
    void anOfflineTokenIsRefusedTooAndItsOfflineSessionIsGone() throws Exception {
        String sam = user("sam.sales");
        JsonNode tokens = signInAndRedeem("sam.sales", "portal", "openid offline_access");
        String offlineToken = tokens.path("refresh_token").asText();
        assertThat(claims(offlineToken).path("typ").asText()).isEqualTo("Offline");
        assertThat(realm().users().get(sam).getOfflineSessions(clientUuid("portal"))).isNotEmpty();
        assertThat(refresh("portal", offlineToken).statusCode()).isEqualTo(200);

        block("Block Sam on the portal", sam, "portal");
        assertRefused(refresh("portal", offlineToken), "refresh_token (offline)", "Block Sam on the portal");
        assertThat(realm().users().get(sam).getOfflineSessions(clientUuid("portal"))).isEmpty();
        assertNoSessionAndLogged(sam, "token request refused: refresh_token (offline)");
    }

    @Test
    @Order(3)
    void aUserConfirmedCompromisedCannotRefreshAndLosesEverySession() throws Exception {
        String nina = user("nina.new");
        JsonNode tokens = signInAndRedeem("nina.new", "portal", "openid");
        signInAndRedeem("nina.new", "portal", "openid"); // a second browser: a second session
        assertThat(realm().users().get(nina).getUserSessions()).hasSize(2);
        createPolicy("""
                {"displayName": "Password change for Nina at high user risk", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["%s"]}, "applications": {"includeApplications": ["All"]},
                                "userRiskLevels": ["high"]},
                 "grantControls": {"operator": "AND", "builtInControls": ["mfa", "passwordChange"]}}
                """.formatted(nina));
        awaitTheNodeEnforcesTheLatestSnapshot();
        assertThat(refresh("portal", tokens.path("refresh_token").asText()).statusCode())
                .as("the policy does not apply while her risk is none").isEqualTo(200);

        HttpResponse<String> confirmed = controlPlane("POST", "/v1.0/identityProtection/riskyUsers/confirmCompromised",
                "{\"userIds\": [\"" + nina + "\"]}");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(204);
        awaitTheNodeEnforcesTheLatestSnapshot();
        assertRefused(refresh("portal", tokens.path("refresh_token").asText()), "refresh_token",
                "Password change for Nina at high user risk");
        assertThat(realm().users().get(nina).getUserSessions()).as("every session, not only the refused one").isEmpty();
        assertSignInLog(nina, "token request refused: refresh_token; ended all 2 sessions");
    }

    @Test
    @Order(4)
    void aControlTheSessionDidNotProveEndsThatSessionOnly() throws Exception {
        String mia = demoPeople.ensureUser("mia.mfa", "Mia", "Mfa", DemoDirectory.PASSWORD);
        JsonNode first = signInAndRedeem("mia.mfa", "portal", "openid");
        signInAndRedeem("mia.mfa", "portal", "openid");
        assertThat(realm().users().get(mia).getUserSessions()).hasSize(2);

        createPolicy("""
                {"displayName": "MFA for Mia on the portal", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["%s"]}, "applications": {"includeApplications": ["portal"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}}
                """.formatted(mia));
        awaitTheNodeEnforcesTheLatestSnapshot();
        assertRefused(refresh("portal", first.path("refresh_token").asText()), "refresh_token", "Multifactor");
        String refusedSession = claims(first.path("refresh_token").asText()).path("sid").asText();
        assertThat(realm().users().get(mia).getUserSessions()).hasSize(1)
                .noneMatch(s -> s.getId().equals(refusedSession));
        assertSignInLog(mia, "token request refused: refresh_token; ended this session");
    }

    @Test
    @Order(5)
    void aBrokeredLoginRunsConditionalAccessOnFirstAndEveryLaterLogin() throws Exception {
        // A partner organisation's realm in the same Keycloak is the demo realm's OpenID identity provider.
        RealmProvisioner partner = new RealmProvisioner(admin, "partner");
        partner.ensurePlainRealm();
        DirectorySeed partnerPeople = new DirectorySeed(admin, "partner");
        partnerPeople.ensureUser("pat.partner", "Pat", "Partner", DemoDirectory.PASSWORD);
        partnerPeople.ensureUser("pia.partner", "Pia", "Partner", DemoDirectory.PASSWORD);
        String brokerEndpoint = stack.settings().keycloakUrl() + "/realms/" + REALM + "/broker/partner/endpoint";
        partner.ensureClient("demo-broker", "The demo organisation", false, brokerEndpoint);
        String issuer = stack.settings().keycloakUrl() + "/realms/partner";
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias("partner");
        idp.setProviderId("oidc");
        idp.setEnabled(true);
        Map<String, String> config = new HashMap<>(Map.of("clientId", "demo-broker", "clientSecret", "demo-broker-secret",
                "clientAuthMethod", "client_secret_post", "issuer", issuer,
                "authorizationUrl", issuer + "/protocol/openid-connect/auth",
                "tokenUrl", issuer + "/protocol/openid-connect/token", "defaultScope", "openid profile email"));
        config.putAll(Map.of("jwksUrl", issuer + "/protocol/openid-connect/certs", "useJwksUrl", "true",
                "validateSignature", "true", "syncMode", "IMPORT"));
        idp.setConfig(config);
        try (Response created = realm().identityProviders().create(idp)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        demo.ensureClient("partner-portal", "Partner portal", false, CALLBACK);
        demo.ensureBrokerFlows(); // what an administrator runs after adding an identity provider
        IdentityProviderRepresentation bound = realm().identityProviders().get("partner").toRepresentation();
        assertThat(bound.getFirstBrokerLoginFlowAlias()).isEqualTo(RealmProvisioner.FIRST_BROKER_LOGIN_FLOW);
        assertThat(bound.getPostBrokerLoginFlowAlias()).isEqualTo(RealmProvisioner.POST_BROKER_LOGIN_FLOW);

        BrowserSession.Page first = brokeredLogin("pat.partner");
        assertThat(first.signedIn()).as("no policy yet: " + first.text()).isTrue();
        String pat = user("pat.partner");
        realm().users().get(pat).logout();

        createPolicy("""
                {"displayName": "Block guests on the partner portal", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["GuestsOrExternalUsers"]},
                                "applications": {"includeApplications": ["partner-portal"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["block"]}}
                """);
        awaitTheNodeEnforcesTheLatestSnapshot();

        BrowserSession.Page again = brokeredLogin("pat.partner"); // the post-broker-login flow
        assertBlockedWithoutACode(again, "Block guests on the partner portal");
        assertNoSessionAndLogged(pat, "\"decision\":\"block\"", "partner-portal");

        BrowserSession.Page newcomer = brokeredLogin("pia.partner"); // the first-broker-login flow
        assertBlockedWithoutACode(newcomer, "Block guests on the partner portal");
        List<String> pia = realm().users().search("pia.partner", true).stream().map(u -> u.getId()).toList();
        for (String id : pia) {
            assertNoSessionAndLogged(id, "\"decision\":\"block\"", "partner-portal");
        }
    }

    @Test
    @Order(6)
    void aTokenExchangeForABlockedUserIsRefused() throws Exception {
        String tess = demoPeople.ensureUser("tess.exchange", "Tess", "Exchange", DemoDirectory.PASSWORD);
        demo.ensureClient("report-service", "Report service", false, CALLBACK);
        ClientRepresentation reports = realm().clients().findByClientId("report-service").get(0);
        reports.setAttributes(new HashMap<>(Map.of("standard.token.exchange.enabled", "true")));
        realm().clients().get(reports.getId()).update(reports);
        ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
        audience.setName("report-service audience");
        audience.setProtocol("openid-connect");
        audience.setProtocolMapper("oidc-audience-mapper");
        audience.setConfig(Map.of("included.client.audience", "report-service", "access.token.claim", "true"));
        try (Response created = realm().clients().get(clientUuid("portal")).getProtocolMappers().createMapper(audience)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        String accessToken = signInAndRedeem("tess.exchange", "portal", "openid").path("access_token").asText();
        HttpResponse<String> before = exchange(accessToken);
        assertThat(before.statusCode()).as("before any block: " + before.body()).isEqualTo(200);

        block("Block Tess on the report service", tess, "report-service");
        assertRefused(exchange(accessToken), "token-exchange", "Block Tess on the report service");
        assertNoSessionAndLogged(tess, "token request refused: token-exchange", "report-service");
    }

    @Test
    @Order(7)
    void aDeviceApprovedBeforeABlockGetsNoTokens() throws Exception {
        String dora = demoPeople.ensureUser("dora.device", "Dora", "Device", DemoDirectory.PASSWORD);
        ClientRepresentation tv = new ClientRepresentation();
        tv.setClientId("tv-app");
        tv.setPublicClient(true);
        tv.setStandardFlowEnabled(false);
        tv.setAttributes(new HashMap<>(Map.of("oauth2.device.authorization.grant.enabled", "true")));
        realm().clients().create(tv).close();

        JsonNode authorization = json.readTree(post(oidc("auth/device"), Map.of("client_id", "tv-app", "scope", "openid"))
                .body());
        BrowserSession phone = new BrowserSession(stack.settings().keycloakUrl(), USER_AGENT);
        BrowserSession.Page consent = phone.login(phone.get(authorization.path("verification_uri_complete").asText()),
                "dora.device", DemoDirectory.PASSWORD);
        BrowserSession.Page approved = phone.submit(consent, "form:has(button[name=accept])", Map.of("accept", "Yes"));
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(realm().users().get(dora).getUserSessions()).as("the approval on the phone: " + approved.text())
                .hasSize(1);

        block("Block Dora on the TV app", dora, "tv-app");
        HttpResponse<String> polled = post(oidc("token"), Map.of("grant_type", DEVICE_GRANT, "client_id", "tv-app",
                "device_code", authorization.path("device_code").asText()));
        assertRefused(polled, "device_code", "Block Dora on the TV app");
        assertNoSessionAndLogged(dora, "token request refused: device_code", "tv-app");
    }

    @Test
    @Order(8)
    void aClientWhoseFlowSkipsConditionalAccessGetsNoLoginAndNoPasswordGrant() throws Exception {
        // An administrator (or an attacker with realm rights) points a client at Keycloak's stock flows.
        String browserFlow = realm().flows().getFlows().stream().filter(f -> f.getAlias().equals("browser")).findFirst()
                .orElseThrow().getId();
        String directGrantFlow = realm().flows().getFlows().stream().filter(f -> f.getAlias().equals("direct grant"))
                .findFirst().orElseThrow().getId();
        ClientRepresentation hr = realm().clients().findByClientId("hr-app").get(0);
        hr.setRedirectUris(List.of(CALLBACK));
        hr.setAuthenticationFlowBindingOverrides(Map.of("browser", browserFlow));
        realm().clients().get(hr.getId()).update(hr);
        ClientRepresentation mail = realm().clients().findByClientId("legacy-mail").get(0);
        mail.setAuthenticationFlowBindingOverrides(Map.of("direct_grant", directGrantFlow));
        realm().clients().get(mail.getId()).update(mail);

        BrowserSession browser = new BrowserSession(stack.settings().keycloakUrl(), USER_AGENT);
        BrowserSession.Page page = browser.get(authorizeUrl("hr-app", "openid"));
        assertThat(page.has("#kc-form-login")).as("no login page: " + page.text()).isFalse();
        assertThat(page.signedIn()).isFalse();
        assertThat(page.returnedToApp().map(URI::toString).orElse(page.text())).contains("access_denied");

        HttpResponse<String> password = post(oidc("token"), Map.of("grant_type", "password", "client_id", "legacy-mail",
                "username", "sam.sales", "password", DemoDirectory.PASSWORD));
        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(json.readTree(password.body()).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(json.readTree(password.body()).path("error_description").asText())
                .contains("Conditional Access does not run");
        assertThat(password.body()).doesNotContain("access_token");
    }

    @Test
    @Order(9)
    void aWorkloadIdentityThatAPolicyBlocksGetsNoClientCredentialsToken() throws Exception {
        // Entra's workload-identity policy: clientApplications names the client, users are "None".
        demo.ensureServiceClient("nightly-export", "nightly-export-secret");
        demo.ensureServiceClient("billing-sync", "billing-sync-secret");
        assertThat(clientCredentials("nightly-export").statusCode()).isEqualTo(200);

        createPolicy("""
                {"displayName": "Block the nightly export", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["None"]}, "applications": {"includeApplications": ["All"]},
                                "clientApplications": {"includeServicePrincipals": ["nightly-export"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["block"]}}
                """);
        awaitTheNodeEnforcesTheLatestSnapshot();

        HttpResponse<String> refused = clientCredentials("nightly-export");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error = json.readTree(refused.body());
        assertThat(error.path("error").asText()).isEqualTo("unauthorized_client");
        assertThat(error.path("error_description").asText())
                .startsWith("Conditional Access refused this client_credentials request for workload identity nightly-export")
                .contains("Request id: ").doesNotContain("Block the nightly export");
        assertThat(refused.body()).doesNotContain("access_token");
        // Another workload, and every user policy of the demo, are untouched by it.
        HttpResponse<String> other = clientCredentials("billing-sync");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
        String serviceAccount = realm().clients().get(clientUuid("nightly-export")).getServiceAccountUser().getId();
        assertSignInLog(serviceAccount, "token request refused: client_credentials", "nightly-export");
    }

    private HttpResponse<String> clientCredentials(String clientId) throws Exception {
        return post(oidc("token"), Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", clientId + "-secret"));
    }

    // ---- the attacker's side: a browser, the token endpoint ----------------------------------------

    private JsonNode signInAndRedeem(String username, String clientId, String scope) throws Exception {
        BrowserSession browser = new BrowserSession(stack.settings().keycloakUrl(), USER_AGENT);
        BrowserSession.Page page = browser.login(browser.get(authorizeUrl(clientId, scope)), username,
                DemoDirectory.PASSWORD);
        assertThat(page.signedIn()).as(username + " signs in to " + clientId + ": " + page.text()).isTrue();
        HttpResponse<String> redeemed = post(oidc("token"), Map.of("grant_type", "authorization_code",
                "code", query(page.returnedToApp().orElseThrow()).get("code"), "redirect_uri", CALLBACK,
                "client_id", clientId, "client_secret", clientId + "-secret"));
        assertThat(redeemed.statusCode()).as(redeemed.body()).isEqualTo(200);
        return json.readTree(redeemed.body());
    }

    private BrowserSession.Page brokeredLogin(String username) throws Exception {
        BrowserSession browser = new BrowserSession(stack.settings().keycloakUrl(), USER_AGENT);
        BrowserSession.Page demoLogin = browser.get(authorizeUrl("partner-portal", "openid"));
        Element partnerButton = demoLogin.document().selectFirst("a[href*=/broker/partner/login]");
        assertThat(partnerButton).as("the partner's button on " + demoLogin.text()).isNotNull();
        BrowserSession.Page partnerLogin = browser.get(partnerButton.absUrl("href"));
        assertThat(partnerLogin.url().getPath()).as(partnerLogin.text()).startsWith("/realms/partner/");
        return browser.login(partnerLogin, username, DemoDirectory.PASSWORD);
    }

    private void assertBlockedWithoutACode(BrowserSession.Page page, String policy) throws Exception {
        BlockPage block = BlockPage.of(page);
        assertThat(block.application()).isEqualTo("partner-portal");
        BlockPage.namesNoPolicy(page, policy);
        assertThat(new SignInLog(stack).blames(block, policy)).as("the sign-in log under " + block.requestId()).isTrue();
    }

    private HttpResponse<String> refresh(String clientId, String refreshToken) throws Exception {
        return post(oidc("token"), Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", clientId, "client_secret", clientId + "-secret"));
    }

    private HttpResponse<String> exchange(String subjectToken) throws Exception {
        return post(oidc("token"), Map.of("grant_type", TOKEN_EXCHANGE, "client_id", "report-service",
                "client_secret", "report-service-secret", "subject_token", subjectToken,
                "subject_token_type", "urn:ietf:params:oauth:token-type:access_token"));
    }

    /**
     * @param reason what the sign-in record the error quotes must name (a policy, a strength); the
     *     error itself names no policy
     */
    private void assertRefused(HttpResponse<String> response, String grant, String reason) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = json.readTree(response.body());
        assertThat(error.path("error").asText()).isEqualTo("invalid_grant");
        assertThat(error.has("access_token") || error.has("refresh_token")).isFalse();
        String description = error.path("error_description").asText();
        if (reason != null) {
            assertThat(description).startsWith("Conditional Access refused this " + grant + " request");
            assertThat(description).as("no policy internals for the client").doesNotContain(reason);
            BlockPage quoted = BlockPage.quotedIn(description, "");
            eventually("the quoted request id finds the record, which names " + reason, () -> {
                HttpResponse<String> log = controlPlane("GET", "/v1.0/auditLogs/signIns?id=" + quoted.requestId(), null);
                return log.statusCode() == 200 && log.body().contains(reason)
                        && log.body().contains("\"correlationId\":\"" + quoted.correlationId() + "\"");
            });
        }
    }

    private String authorizeUrl(String clientId, String scope) {
        return oidc("auth") + "?response_type=code&client_id=" + clientId + "&redirect_uri="
                + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8) + "&scope="
                + URLEncoder.encode(scope, StandardCharsets.UTF_8) + "&state=it-" + System.nanoTime();
    }

    private String oidc(String endpoint) {
        return stack.settings().keycloakUrl() + "/realms/" + REALM + "/protocol/openid-connect/" + endpoint;
    }

    private HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private JsonNode claims(String jwt) throws Exception {
        return json.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    // ---- the security team: the control plane's API, the Keycloak admin API -----------------------

    private void block(String name, String userId, String application) throws Exception {
        createPolicy("""
                {"displayName": "%s", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["%s"]}, "applications": {"includeApplications": ["%s"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["block"]}}
                """.formatted(name, userId, application));
        awaitTheNodeEnforcesTheLatestSnapshot();
    }

    private void createPolicy(String body) throws Exception {
        new ControlPlaneApi(stack).createPolicy(body);
    }

    private HttpResponse<String> controlPlane(String method, String path, String body) throws Exception {
        return new ControlPlaneApi(stack).call(method, path, body);
    }

    /**
     * The node long-polls the control plane: wait until it enforces the snapshot version the control
     * plane publishes now, and holds the facts (devices, user risk) of the fact feed's sequence now.
     */
    private void awaitTheNodeEnforcesTheLatestSnapshot() throws Exception {
        long published = publishedNumber("/v1.0/identity/conditionalAccess/snapshot");
        long facts = publishedNumber("/v1.0/identity/conditionalAccess/facts");
        eventually("the node enforces snapshot " + published + " with facts " + facts, () -> {
            HttpResponse<String> info = http.send(HttpRequest.newBuilder(URI.create(stack.settings().keycloakUrl()
                            + "/admin/serverinfo")).header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString())
                    .build(), HttpResponse.BodyHandlers.ofString());
            return operationalNumber(info.body(), "snapshotVersion") >= published
                    && operationalNumber(info.body(), "factsSequence") >= facts;
        });
    }

    /** The number at the end of the ETag the control plane answers with now. */
    private long publishedNumber(String path) throws Exception {
        HttpResponse<String> answer = controlPlane("GET", path, null);
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        return trailingNumber(answer.headers().firstValue("ETag").orElseThrow());
    }

    /** A number in the provider's operational info (server info); -1 while it has none. */
    private static long operationalNumber(String serverInfo, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"]*)\"").matcher(serverInfo);
        return m.find() && m.group(1).matches(".*\\d") ? trailingNumber(m.group(1)) : -1;
    }

    private static long trailingNumber(String text) {
        Matcher m = Pattern.compile("(\\d+)\\D*$").matcher(text);
        assertThat(m.find()).as("a version in " + text).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The user is left with no session in Keycloak, and the sign-in log says why. */
    private void assertNoSessionAndLogged(String userId, String... expected) throws Exception {
        assertThat(realm().users().get(userId).getUserSessions()).isEmpty();
        assertSignInLog(userId, expected);
    }

    private void assertSignInLog(String userId, String... expected) throws Exception {
        eventually("the sign-in log of " + userId + " shows " + List.of(expected), () -> {
            HttpResponse<String> log = controlPlane("GET", "/v1.0/auditLogs/signIns?userId=" + userId, null);
            return log.statusCode() == 200 && recordsOf(log.body()).stream()
                    .anyMatch(r -> List.of(expected).stream().allMatch(r::contains));
        });
    }

    private List<String> recordsOf(String page) throws Exception {
        List<String> records = new ArrayList<>();
        json.readTree(page).path("value").forEach(r -> records.add(r.toString()));
        return records;
    }

    private void allowRedirect(String clientId) {
        ClientRepresentation client = realm().clients().findByClientId(clientId).get(0);
        List<String> redirects = new ArrayList<>(client.getRedirectUris());
        redirects.add(CALLBACK);
        client.setRedirectUris(redirects);
        realm().clients().get(client.getId()).update(client);
    }

    private String clientUuid(String clientId) {
        return realm().clients().findByClientId(clientId).get(0).getId();
    }

    private String user(String username) {
        return realm().users().search(username, true).get(0).getId();
    }

    private RealmResource realm() {
        return admin.realm(REALM);
    }

    private static void eventually(String what, Callable<Boolean> condition) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (condition.call()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not within 30 s: " + what);
    }
}
