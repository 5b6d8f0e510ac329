package dev.portcullis.demo.rollout;

import static dev.portcullis.demo.LocalStack.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.adapters.keycloak.geoip.MmdbWriter;
import dev.portcullis.adapters.keycloak.it.Chromium;
import dev.portcullis.adapters.keycloak.it.Totp;
import dev.portcullis.core.testing.SmtpReceiver;
import dev.portcullis.demo.AuthenticatorApp;
import dev.portcullis.demo.Browser;
import dev.portcullis.demo.CommandLineSignIn;
import dev.portcullis.demo.ControlPlaneApi;
import dev.portcullis.demo.ControlPlaneRealm;
import dev.portcullis.demo.DemoDirectory;
import dev.portcullis.demo.DemoStack;
import dev.portcullis.demo.LocalStack;
import java.io.IOException;
import java.net.InetSocketAddress;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The phased MFA rollout, end to end, as a security team lives it: the product started the way
 * {@code ./portcullis} starts it (Keycloak with the provider, the control plane, the demo realm,
 * the seed rollout), policies changed only through the control plane's API, and every sign-in
 * made by headless Chromium through Keycloak's real pages. Screenshots of each step go to
 * {@code target/rollout-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutInBrowserIT {

    private static final String OFFICE = null; // loopback: the office network
    private static final String BRAZIL = "203.0.113.50";
    private static final String NORTH_KOREA = "175.45.176.10";
    private static final String WEBHOOK_SECRET = "rollout-webhook-secret";
    private static final Path SCREENSHOTS = Path.of("target/rollout-screenshots");

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String[]> webhook = new CopyOnWriteArrayList<>();
    private DemoStack stack;
    private HttpServer app;
    private String callback;
    private Browser browser;
    private ChromeDriver chrome;
    /** Ada's authenticator app, registered in step 7. */
    private String adaAuthenticator;

    @BeforeAll
    void startTheProduct() throws Exception {
        Chromium.requireBrowser();
        Path base = Path.of("target/rollout").toAbsolutePath();
        LocalStack.deleteRecursively(base);
        Files.createDirectories(base);
        // The applications' landing page, and the security team's webhook receiver.
        app = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        app.createContext("/callback", exchange -> {
            byte[] page = "<html><body><h1>Signed in</h1></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        app.createContext("/webhook", exchange -> {
            webhook.add(new String[] {exchange.getRequestHeaders().getFirst("X-Portcullis-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Portcullis-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        app.start();
        callback = "http://localhost:" + app.getAddress().getPort() + "/callback";

        Path geoip = base.resolve("country.mmdb");
        new MmdbWriter("GeoLite2-Country").country("203.0.113.0/24", "BR").country("175.45.176.0/22", "KP").write(geoip);
        Path keycloakHome = Path.of(System.getProperty("keycloak.home"));
        LocalStack.deleteRecursively(keycloakHome.resolve("data/h2")); // every run starts from an empty directory
        Path provider = LocalStack.providerJar();
        stack = DemoStack.start(new DemoStack.Settings(base, keycloakHome,
                LocalStack.controlPlane(), provider,
                LocalStack.freePort(), LocalStack.freePort(),
                // As behind a reverse proxy on this machine: the client address comes from X-Forwarded-For.
                List.of("--proxy-headers=xforwarded", "--proxy-trusted-addresses=127.0.0.1,::1",
                        "--spi-portcullis--default--geoip-database=" + geoip,
                        "--spi-portcullis--default--risk-listed-ranges=175.45.176.0/22",
                        // ... and a company laptop's certificate from the RFC 9440 Client-Cert header (mutual TLS at the proxy).
                        "--spi-x509cert-lookup--provider=rfc9440"),
                Map.of("PORTCULLIS_ALERTS_WEBHOOK_URL", "http://localhost:" + app.getAddress().getPort() + "/webhook",
                        "PORTCULLIS_ALERTS_WEBHOOK_SECRET", WEBHOOK_SECRET)),
                message -> System.out.println("rollout: " + message));
        try (Keycloak admin = keycloakAdmin()) {
            for (String clientId : List.of("portal", "hr-app", "finance-app")) {
                ClientRepresentation client = admin.realm(DemoDirectory.REALM).clients().findByClientId(clientId).get(0);
                List<String> redirects = new ArrayList<>(client.getRedirectUris());
                redirects.add(callback);
                client.setRedirectUris(redirects);
                admin.realm(DemoDirectory.REALM).clients().get(client.getId()).update(client);
            }
        }
        browser = Browser.start("rollout", SCREENSHOTS);
        chrome = browser.driver();
    }

    @AfterAll
    void stopTheProduct() {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (app != null) {
            app.stop(0);
        }
    }

    @Test
    @Order(1)
    void step1ReportOnlyChangesNothingForUsersButTheLogAndImpactShowWhatWouldHaveHappened() throws Exception {
        String outsideOffice = policyId("Require MFA outside trusted locations");
        assertThat(policy(outsideOffice)).contains("\"enabledForReportingButNotEnforced\"");

        assertThat(signIn("anna.accountant", "finance-app", BRAZIL)).isEqualTo(Outcome.SIGNED_IN);
        screenshot("report-only-anna-signed-in-from-abroad");
        eventually("the sign-in log shows what the report-only policy would have done", () ->
                get("/v1.0/auditLogs/signIns?userId=" + user("anna.accountant")).contains("reportOnlyInterrupted"));
        String impact = get("/v1.0/identity/conditionalAccess/policies/" + outsideOffice + "/reportOnlyImpact");
        assertThat(number(impact, "wouldPrompt")).isGreaterThanOrEqualTo(1);

        // Block legacy authentication is on: the mail client's password grant is refused, the browser is not.
        HttpResponse<String> legacy = http.send(HttpRequest.newBuilder(URI.create(stack.settings().keycloakUrl()
                        + "/realms/demo/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=legacy-mail&username=anna.accountant"
                        + "&password=" + URLEncoder.encode(DemoDirectory.PASSWORD, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(legacy.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(legacy.body()).contains("access_denied");
        assertThat(signIn("anna.accountant", "portal", OFFICE)).isEqualTo(Outcome.SIGNED_IN);

        theUsersItWouldPromptAreToldByMailBeforeItIsEnforced(outsideOffice);
    }

    /**
     * Before enforcement the security team tells the pilot: each user the report-only policy would
     * have prompted gets one e-mail, sent through the SMTP server set in the demo realm itself (an
     * SMTP server on loopback here), as an administrator sets it in Keycloak's admin console.
     */
    private void theUsersItWouldPromptAreToldByMailBeforeItIsEnforced(String policyId) throws Exception {
        try (SmtpReceiver smtp = new SmtpReceiver(Set.of()); Keycloak admin = keycloakAdmin()) {
            RealmResource realm = admin.realm(DemoDirectory.REALM);
            RealmRepresentation settings = realm.toRepresentation();
            settings.setSmtpServer(new HashMap<>(Map.of("host", "127.0.0.1", "port", String.valueOf(smtp.port()),
                    "from", "it@demo.portcullis.test", "fromDisplayName", "IT")));
            realm.update(settings);
            UserResource anna = realm.users().get(user("anna.accountant"));
            UserRepresentation annaNow = anna.toRepresentation();
            annaNow.setEmail("anna.accountant@demo.portcullis.test");
            anna.update(annaNow);

            String enforcement = LocalDate.now(ZoneOffset.UTC).plusDays(7).toString();
            String answer = post("/v1.0/identity/conditionalAccess/policies/" + policyId + "/notifyAffectedUsers",
                    "{\"enforcementDate\": \"" + enforcement + "\"}");
            assertThat(number(answer, "sent")).as(answer).isEqualTo(number(answer, "prompted") - number(answer, "skippedNoEmail"));
            assertThat(smtp.received).as(answer).anySatisfy(mail -> {
                assertThat(mail.from()).isEqualTo("it@demo.portcullis.test");
                assertThat(mail.to()).containsExactly("anna.accountant@demo.portcullis.test");
                assertThat(mail.data()).contains("From " + enforcement + " the organisation will ask you for MFA",
                        stack.settings().keycloakUrl() + "/realms/demo/account");
            });
            // The audit log keeps who sent what kind of notice and the counts, never an address.
            String audit = get("/v1.0/auditLogs/directoryAudits");
            assertThat(audit).contains("notify affected users: enforcementDate " + enforcement)
                    .doesNotContain("anna.accountant@demo.portcullis.test");
        }
    }

    @Test
    @Order(2)
    void step2ThePilotGroupIsAskedForMfaOthersAreNotAndBreakGlassIsExcluded() throws Exception {
        assertThat(signIn("ivan.it", "portal", OFFICE)).isEqualTo(Outcome.MORE_INFORMATION);
        screenshot("pilot-ivan-more-information-required");
        // What a user (or an attacker with his password) tries next: reload, then back. Neither gets in.
        pressReloadAndBack("pilot-ivan-more-information", "More information required");
        try (Keycloak admin = keycloakAdmin()) {
            assertThat(admin.realm(DemoDirectory.REALM).users().get(user("ivan.it")).getUserSessions()).isEmpty();
        }
        assertThat(signIn("sam.sales", "portal", OFFICE)).isEqualTo(Outcome.SIGNED_IN);
        screenshot("pilot-sam-not-in-pilot-signed-in");
        assertThat(signIn("break.glass", "portal", OFFICE)).isEqualTo(Outcome.SIGNED_IN);

        // What-If asks the directory (the packaged control plane's Admin Client on Quarkus' REST
        // client) who the user is: by username (Keycloak answers 404 to it as an id first) and by
        // id, ivan is in the IT pilot and has nothing registered; sam is outside the pilot.
        for (String ivan : List.of("ivan.it", user("ivan.it"))) {
            String answer = whatIf(ivan, "portal");
            assertThat(pilotApplies(answer)).as(answer).isTrue();
            assertThat(answer).contains("\"decision\":{\"result\":\"registrationRequired\"");
        }
        String sam = whatIf("sam.sales", "portal");
        assertThat(pilotApplies(sam)).as(sam).isFalse();
        assertThat(sam).contains("\"decision\":{\"result\":\"allow\"");
    }

    private String whatIf(String userId, String application) throws Exception {
        String body = "{\"signInIdentity\": {\"userId\": \"" + userId + "\"}, \"signInContext\": {\"includeApplications\": [\""
                + application + "\"]}, \"signInConditions\": {\"clientAppType\": \"browser\", \"ipAddress\": \"127.0.0.1\"}}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.settings().controlPlaneUrl()
                        + "/v1.0/identity/conditionalAccess/evaluate"))
                .header("Authorization", "Bearer " + stack.automationToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static boolean pilotApplies(String whatIf) {
        Matcher m = Pattern.compile("\"displayName\":\"Require MFA for all users\",\"state\":\"[^\"]*\",\"policyApplies\":(true|false)")
                .matcher(whatIf);
        assertThat(m.find()).as("the pilot policy in " + whatIf).isTrue();
        return Boolean.parseBoolean(m.group(1));
    }

    @Test
    @Order(3)
    void step3AWaveTakesEffectWithoutARestartAndHighRiskAppsAskEveryoneOutsideTheOffice() throws Exception {
        widenTheWave("anna.accountant", "/IT Department", "/Finance");
        screenshot("wave-anna-more-information-required");

        String outsideOffice = policyId("Require MFA outside trusted locations");
        patch(outsideOffice, "{\"state\": \"enabled\"}");
        eventually("the finance app asks sam for MFA from abroad",
                () -> signIn("sam.sales", "finance-app", BRAZIL) == Outcome.MORE_INFORMATION);
        assertThat(signIn("sam.sales", "finance-app", OFFICE)).isEqualTo(Outcome.SIGNED_IN);

        // The admin portals want MFA and a compliant device: switching that on now would lock every
        // administrator out (no device is enrolled yet), and the control plane refuses, saying why.
        HttpResponse<String> refused = patchResponse(policyId("Require compliant device and MFA for admin portals"),
                "{\"state\": \"enabled\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("every administrator would be blocked");
    }

    @Test
    @Order(4)
    void step4ANewEmployeeIsAskedForMoreInformationRegistersAnAuthenticatorAndGetsIn() throws Exception {
        widenTheWave("nina.new", "/IT Department", "/Finance", "/Sales");
        screenshot("registration-nina-more-information-required");
        registerAuthenticatorApp("Nina's phone");
        await("the portal", d -> d.getCurrentUrl().startsWith(callback));
        screenshot("registration-nina-signed-in");
    }

    @Test
    @Order(5)
    void step5APhishingResistantAppHasAUserRegisterAPasskeyAndThenSignInWithIt() throws Exception {
        new ControlPlaneApi(stack).createPolicy("""
                {"displayName": "Phishing-resistant MFA for the HR app", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["%s"]}, "applications": {"includeApplications": ["hr-app"]}},
                 "grantControls": {"operator": "OR", "authenticationStrength": {"id": "00000000-0000-0000-0000-000000000004"}}}
                """.formatted(user("ivan.it")));
        Chromium.passkeyAuthenticator(chrome);

        eventually("ivan is asked for a phishing-resistant method on the HR app",
                () -> signIn("ivan.it", "hr-app", OFFICE) == Outcome.MORE_INFORMATION
                        && !chrome.findElements(By.id("method-passkey")).isEmpty());
        screenshot("passkey-ivan-more-information-required");
        chrome.findElement(By.id("method-passkey")).click();
        chrome.findElement(By.id("portcullis-next")).click();
        await("Keycloak's passkey registration", d -> !d.findElements(By.id("registerWebAuthn")).isEmpty());
        screenshot("passkey-ivan-register");
        Thread.sleep(1000); // the page's script must be ready before the click does anything
        chrome.findElement(By.id("registerWebAuthn")).click();
        acceptLabelPromptIfAny();
        await("the HR app after registering", d -> d.getCurrentUrl().startsWith(callback));

        // A new sign-in: the password, then the passkey as the step-up.
        assertThat(signIn("ivan.it", "hr-app", OFFICE)).isEqualTo(Outcome.PASSKEY);
        screenshot("passkey-ivan-step-up");
        Thread.sleep(1000);
        chrome.findElement(By.id("authenticateWebAuthnButton")).click();
        await("the HR app after the passkey", d -> d.getCurrentUrl().startsWith(callback));
        screenshot("passkey-ivan-signed-in");
    }

    private void acceptLabelPromptIfAny() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            try {
                chrome.switchTo().alert().accept();
                return;
            } catch (org.openqa.selenium.NoAlertPresentException notYet) {
                try {
                    if (chrome.getCurrentUrl().startsWith(callback)) {
                        return;
                    }
                } catch (org.openqa.selenium.UnhandledAlertException openedMeanwhile) {
                    continue; // the prompt opened between the two looks: accept it on the next turn
                }
                Thread.sleep(250);
            }
        }
    }

    @Test
    @Order(6)
    void step6ABlockedSignInShowsAClearPageLeavesNoSessionIsLoggedAndAlertsTheSecurityTeam() throws Exception {
        patch(policyId("Block access from selected countries"), "{\"state\": \"enabled\"}");
        eventually("a sign-in from a blocked country is blocked",
                () -> signIn("break.glass", "portal", NORTH_KOREA) == Outcome.SIGNED_IN
                        && signIn("ada.admin", "portal", NORTH_KOREA) == Outcome.BLOCKED);
        screenshot("blocked-ada-from-a-blocked-country");
        // Entra's block page: the application and the ids support searches by; never the policy.
        assertThat(chrome.findElement(By.id("portcullis-application")).getText()).isEqualTo("portal");
        String requestId = chrome.findElement(By.id("portcullis-request-id")).getText();
        String correlationId = chrome.findElement(By.id("portcullis-correlation-id")).getText();
        assertThat(chrome.getPageSource()).doesNotContain("Block access from selected countries");
        pressReloadAndBack("blocked-ada", correlationId);
        String ada = user("ada.admin");
        try (Keycloak admin = keycloakAdmin()) {
            assertThat(admin.realm(DemoDirectory.REALM).users().get(ada).getUserSessions()).isEmpty();
        }
        eventually("the request id on the page finds the block in the sign-in log", () ->
                get("/v1.0/auditLogs/signIns?id=" + requestId).contains("Block access from selected countries"));
        // From a listed range as well, the sign-in was high risk: the security team gets a signed alert.
        eventually("the high-risk alert reached the webhook", () -> webhook.stream().anyMatch(w -> w[2].contains(ada)));
        String[] delivery = webhook.stream().filter(w -> w[2].contains(ada)).findFirst().orElseThrow();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal((delivery[0] + "." + delivery[2])
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(delivery[1]).isEqualTo(expected);
        assertThat(get("/v1.0/security/portcullisAlerts")).contains(ada);
    }

    /**
     * A small tenant that wants no policies of its own turns on Security Defaults, Entra's one switch:
     * refused while policies are enabled (as Entra does), then legacy authentication is blocked, a
     * user who has registered a method signs in without a prompt, one who has not is asked to
     * register, and an administrator is asked for MFA every time.
     */
    @Test
    @Order(7)
    void step7SecurityDefaultsIsOneSwitchThatEntraRefusesWhilePoliciesAreEnabled() throws Exception {
        HttpResponse<String> refused = securityDefaults(true);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("Security Defaults cannot be turned on while Conditional Access policies are enabled")
                .contains("Block legacy authentication");

        for (JsonNode policy : new ObjectMapper().readTree(get("/v1.0/identity/conditionalAccess/policies")).path("value")) {
            if (policy.path("state").asText().equals("enabled")) {
                patch(policy.path("id").asText(), "{\"state\": \"disabled\"}");
            }
        }
        HttpResponse<String> switchedOn = securityDefaults(true);
        assertThat(switchedOn.statusCode()).as(switchedOn.body()).isEqualTo(200);
        assertThat(switchedOn.body()).contains("\"isEnabled\":true");

        // Only the new snapshot has both: nina (Sales, an authenticator registered in step 4, no
        // administrator) gets in without a prompt, where the wave asked her for a code; sam, who
        // never registered one, is asked to, where with the policies off he got straight in.
        eventually("Security Defaults reached the node", () -> signIn("nina.new", "portal", OFFICE) == Outcome.SIGNED_IN
                && signIn("sam.sales", "portal", OFFICE) == Outcome.MORE_INFORMATION);
        screenshot("security-defaults-sam-registers");
        // The seed's own legacy block is off: refusing the mail client is Security Defaults' doing.
        HttpResponse<String> legacy = passwordGrant("nina.new");
        assertThat(legacy.body()).contains("access_denied").contains("Access blocked");
        Matcher requestId = Pattern.compile("Request id: ([0-9a-f-]+)").matcher(legacy.body());
        assertThat(requestId.find()).as(legacy.body()).isTrue();
        eventually("the request id finds Security Defaults' block in the sign-in log", () ->
                get("/v1.0/auditLogs/signIns?id=" + requestId.group(1)).contains("Security defaults: block legacy authentication"));
        // Ada is an administrator: she registers, and is then asked for MFA at every sign-in.
        assertThat(signIn("ada.admin", "portal", OFFICE)).isEqualTo(Outcome.MORE_INFORMATION);
        String secret = registerAuthenticatorApp("Ada's phone");
        adaAuthenticator = secret;
        await("the portal after registering", d -> d.getCurrentUrl().startsWith(callback));
        assertThat(signIn("ada.admin", "portal", OFFICE)).isEqualTo(Outcome.OTP);
        screenshot("security-defaults-ada-asked-for-mfa");
        // Keycloak takes each code once: wait for the next 30-second step rather than repeat the one just used.
        Thread.sleep(30_000 - Instant.now().toEpochMilli() % 30_000 + 500);
        chrome.findElement(By.id("otp")).sendKeys(freshCode(secret));
        chrome.findElement(By.id("kc-login")).click();
        await("the portal after the code", d -> d.getCurrentUrl().startsWith(callback));
        eventually("the sign-in log names Security Defaults' administrators' policy", () ->
                get("/v1.0/auditLogs/signIns?userId=" + user("ada.admin"))
                        .contains("Security defaults: require MFA for administrators"));

        HttpResponse<String> switchedOff = securityDefaults(false);
        assertThat(switchedOff.statusCode()).as(switchedOff.body()).isEqualTo(200);
    }

    /**
     * Emergency accounts need MFA too, and only the kind no phishing kit relays: the template is
     * refused while the break-glass account has no passkey, and once it has one, it signs in with it.
     */
    @Test
    @Order(8)
    void step8TheBreakGlassAccountGetsAPasskeyBeforeItsPhishingResistantPolicyIsSwitchedOn() throws Exception {
        String emergency = policyId("Require phishing-resistant MFA for emergency access accounts");
        HttpResponse<String> refused = patchResponse(emergency, "{\"state\": \"enabled\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("has no passkey or security key registered");

        // The administrators give the account a passkey first (Keycloak's own required action).
        try (Keycloak admin = keycloakAdmin()) {
            var account = admin.realm(DemoDirectory.REALM).users().get(user("break.glass"));
            var representation = account.toRepresentation();
            representation.setRequiredActions(List.of("webauthn-register-passwordless"));
            account.update(representation);
        }
        assertThat(signIn("break.glass", "portal", OFFICE)).isEqualTo(Outcome.REGISTER_PASSKEY);
        screenshot("break-glass-registers-a-passkey");
        Thread.sleep(1000); // the page's script must be ready before the click does anything
        chrome.findElement(By.id("registerWebAuthn")).click();
        acceptLabelPromptIfAny();
        await("the portal after registering", d -> d.getCurrentUrl().startsWith(callback));

        patch(emergency, "{\"state\": \"enabled\"}");
        eventually("the break-glass account is asked for its passkey",
                () -> signIn("break.glass", "portal", OFFICE) == Outcome.PASSKEY);
        screenshot("break-glass-passkey-step-up");
        Thread.sleep(1000);
        chrome.findElement(By.id("authenticateWebAuthnButton")).click();
        await("the portal after the passkey", d -> d.getCurrentUrl().startsWith(callback));
    }

    /**
     * Keycloak's own admin console is an admin portal: with "compliant device and MFA for admin
     * portals" on, an administrator gets in from her company laptop (its certificate, forwarded by
     * the proxy) with her authenticator, and is refused without the laptop, code or not.
     */
    @Test
    @Order(9)
    void step9AnAdministratorReachesTheAdminConsoleOnlyFromHerCompanyLaptopWithMfa() throws Exception {
        String adminPortals = policyId("Require compliant device and MFA for admin portals");
        // The MDM enrols Ada's laptop (./portcullis enrol-device ada.admin): a certificate from the demo's
        // device CA, and the device in the inventory, compliant. Now the lockout guard lets the policy on.
        var laptop = stack.enrolCompanyLaptop("ada.admin");
        assertThat(get("/v1.0/devices/" + laptop.deviceId())).contains("\"isCompliant\":true");
        patch(adminPortals, "{\"state\": \"enabled\"}");
        String ada = user("ada.admin");
        try (Keycloak admin = keycloakAdmin()) {
            admin.realm(DemoDirectory.REALM).users().get(ada).logout();
        }

        eventually("the admin console refuses Ada without her laptop",
                () -> adminConsole(null) == Outcome.BLOCKED);
        screenshot("admin-console-ada-without-her-laptop");
        assertThat(chrome.findElement(By.id("portcullis-application")).getText()).isEqualTo("security-admin-console");
        pressReloadAndBack("admin-console-blocked", "portcullis-blocked");
        try (Keycloak admin = keycloakAdmin()) {
            assertThat(admin.realm(DemoDirectory.REALM).users().get(ada).getUserSessions()).as("no session").isEmpty();
        }

        // From the laptop: the password, then the code, then Keycloak's admin console.
        assertThat(adminConsole(laptop.clientCertHeader())).isEqualTo(Outcome.OTP);
        screenshot("admin-console-ada-from-her-laptop-asked-for-mfa");
        Thread.sleep(30_000 - Instant.now().toEpochMilli() % 30_000 + 500); // her last code was taken in step 7
        chrome.findElement(By.id("otp")).sendKeys(freshCode(adaAuthenticator));
        chrome.findElement(By.id("kc-login")).click();
        // Drawn, and hers to administer: realm-admin shows the realm's menu.
        await("Keycloak's admin console", d -> d.getCurrentUrl().startsWith(adminConsoleUrl())
                && d.findElement(By.tagName("body")).getText().contains("Realm settings"));
        try (Keycloak admin = keycloakAdmin()) {
            eventually("Ada has an admin console session", () -> admin.realm(DemoDirectory.REALM).users().get(ada)
                    .getUserSessions().stream().anyMatch(s -> s.getClients().containsValue("security-admin-console")));
        }
        screenshot("admin-console-ada-signed-in");
        eventually("the sign-in log has the admin console's sign-in, the laptop and the policy", () -> {
            String log = get("/v1.0/auditLogs/signIns?userId=" + ada);
            return log.contains("\"appId\":\"security-admin-console\"")
                    && log.contains("\"deviceId\":\"" + laptop.deviceId() + "\",\"displayName\":\"ada.admin's company laptop\","
                            + "\"isCompliant\":true,\"isManaged\":true,\"trustType\":\"AzureAD\"")
                    && log.contains("Require compliant device and MFA for admin portals");
        });
    }

    /**
     * The travel day: a sign-in from a risky network asks for MFA, and the traveller's phone is gone.
     * The service desk (its own sign-in with MFA) issues her a one-time Temporary Access Pass; at the
     * MFA prompt she signs in another way with it, is made to set up a new authenticator app, and
     * only then gets in. The audit log has the pass's issue and use, never the pass.
     */
    @Test
    @Order(10)
    void step10OnTheTravelDayTheServiceDeskGetsALockedOutTravellerBackInWithATemporaryAccessPass() throws Exception {
        patch(policyId("Require MFA for medium and high sign-in risk"), "{\"state\": \"enabled\"}");
        eventually("a sign-in from a listed network asks Nina for MFA",
                () -> signIn("nina.new", "portal", NORTH_KOREA) == Outcome.OTP);
        screenshot("travel-nina-asked-for-mfa-without-her-phone");

        // The service desk signs in at the command line with MFA (its first sign-in registers an app).
        patch(policyId("Require MFA for control-plane administrators"), "{\"state\": \"enabled\"}");
        CommandLineSignIn desk = new CommandLineSignIn(stack, ControlPlaneRealm.HELPDESK_USER);
        var first = new java.util.concurrent.atomic.AtomicReference<CommandLineSignIn.Attempt>();
        eventually("the service desk is asked to register an authenticator", () -> {
            first.set(desk.withPassword());
            return first.get().page().text().contains("More information required");
        });
        Totp.Unused deskCodes = desk.registerAuthenticatorApp(first.get());
        CommandLineSignIn.Attempt second = desk.withPassword();
        assertThat(desk.finish(second, second.page(), deskCodes).text()).contains("Device Login Successful");
        HttpResponse<String> tokens = desk.poll(second.device());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        String deskToken = new ObjectMapper().readTree(tokens.body()).path("access_token").asText();

        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(stack.settings().controlPlaneUrl()
                        + "/v1.0/users/nina.new/authentication/temporaryAccessPassMethods"))
                .header("Authorization", "Bearer " + deskToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"lifetimeInMinutes\": 60, \"isUsableOnce\": true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String pass = new ObjectMapper().readTree(issued.body()).path("temporaryAccessPass").asText();

        // At the MFA prompt: "Try another way", the pass, then a new authenticator app, then the portal.
        eventually("the pass is offered to Nina at the MFA prompt", () -> {
            if (signIn("nina.new", "portal", NORTH_KOREA) != Outcome.OTP) {
                return false;
            }
            chrome.findElement(By.id("try-another-way")).click();
            await("the other ways", d -> !d.findElements(By.cssSelector("div[role=button]")).isEmpty());
            return chrome.findElements(By.xpath("//div[@role='button'][.//h2[contains(., 'Temporary Access Pass')]]"))
                    .size() == 1;
        });
        screenshot("travel-nina-signs-in-another-way");
        chrome.findElement(By.xpath("//div[@role='button'][.//h2[contains(., 'Temporary Access Pass')]]")).click();
        await("the pass prompt", d -> !d.findElements(By.id("temporaryAccessPass")).isEmpty());
        chrome.findElement(By.id("temporaryAccessPass")).sendKeys(pass);
        chrome.findElement(By.id("portcullis-tap-submit")).click();
        await("the new authenticator's registration", AuthenticatorApp::setUpPageShown);
        screenshot("travel-nina-sets-up-a-new-phone");
        AuthenticatorApp.setUp(chrome, "Nina's new phone");
        await("the portal after the new phone", d -> d.getCurrentUrl().startsWith(callback));
        screenshot("travel-nina-signed-in");

        eventually("the audit log has the pass's issue and its use, never the pass", () -> {
            String audit = get("/v1.0/auditLogs/directoryAudits");
            assertThat(audit).doesNotContain(pass);
            return audit.contains("issue temporary access pass for user") && audit.contains("use temporary access pass of user");
        });
    }

    private String adminConsoleUrl() {
        return stack.settings().keycloakUrl() + "/admin/" + DemoDirectory.REALM + "/console/";
    }

    /** Opens the realm's admin console in a fresh browser session, presenting a device certificate or none. */
    private Outcome adminConsole(String clientCert) throws Exception {
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        chrome.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers",
                clientCert == null ? Map.of() : Map.of("Client-Cert", clientCert)));
        chrome.get(adminConsoleUrl());
        await("the login page", d -> !d.findElements(By.id("username")).isEmpty());
        chrome.findElement(By.id("username")).sendKeys("ada.admin");
        chrome.findElement(By.id("password")).sendKeys(DemoDirectory.PASSWORD);
        chrome.findElement(By.id("kc-login")).click();
        await("where the password leads", d -> !d.findElements(By.id("otp")).isEmpty()
                || !d.findElements(By.id("portcullis-blocked")).isEmpty());
        return chrome.findElements(By.id("otp")).isEmpty() ? Outcome.BLOCKED : Outcome.OTP;
    }

    private HttpResponse<String> securityDefaults(boolean enabled) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.settings().controlPlaneUrl()
                        + "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy"))
                .header("Authorization", "Bearer " + stack.automationToken()).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"isEnabled\": " + enabled + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> passwordGrant(String username) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.settings().keycloakUrl()
                        + "/realms/demo/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=legacy-mail&username=" + username
                        + "&password=" + URLEncoder.encode(DemoDirectory.PASSWORD, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** On "More information required": chooses the authenticator app, registers it, and returns its secret. */
    private String registerAuthenticatorApp(String label) throws Exception {
        AuthenticatorApp.choose(chrome);
        await("the authenticator app's registration", AuthenticatorApp::setUpPageShown);
        screenshot("authenticator-app-" + label.replaceAll("\\W+", "-"));
        return AuthenticatorApp.setUp(chrome, label);
    }

    private static String freshCode(String secret) throws Exception {
        return AuthenticatorApp.freshCode(secret);
    }

    // ---- a person in Chromium -----------------------------------------------------------------------

    enum Outcome { SIGNED_IN, MORE_INFORMATION, OTP, PASSKEY, REGISTER_PASSKEY, BLOCKED }

    /** A fresh browser session (no cookies) signs in with the password; what did the user meet? */
    private Outcome signIn(String username, String clientId, String forwardedFor) throws Exception {
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.clearBrowserCookies", Map.of()); // every site's, Keycloak's SSO cookie too
        chrome.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers",
                forwardedFor == null ? Map.of() : Map.of("X-Forwarded-For", forwardedFor)));
        chrome.get(stack.settings().keycloakUrl() + "/realms/" + DemoDirectory.REALM
                + "/protocol/openid-connect/auth?response_type=code&scope=openid&client_id=" + clientId
                + "&redirect_uri=" + URLEncoder.encode(callback, StandardCharsets.UTF_8));
        await("the login page", d -> !d.findElements(By.id("username")).isEmpty());
        chrome.findElement(By.id("username")).sendKeys(username);
        chrome.findElement(By.id("password")).sendKeys(DemoDirectory.PASSWORD);
        chrome.findElement(By.id("kc-login")).click();
        await("where the password leads", d -> d.getCurrentUrl().startsWith(callback)
                || d.getPageSource().contains("More information required")
                || !d.findElements(By.id("otp")).isEmpty() || !d.findElements(By.id("authenticateWebAuthnButton")).isEmpty()
                || !d.findElements(By.id("portcullis-blocked")).isEmpty() || !d.findElements(By.id("registerWebAuthn")).isEmpty()
                || d.getPageSource().contains("Access denied"));
        if (chrome.getCurrentUrl().startsWith(callback)) {
            return Outcome.SIGNED_IN;
        }
        if (chrome.getPageSource().contains("More information required")) {
            return Outcome.MORE_INFORMATION;
        }
        if (!chrome.findElements(By.id("otp")).isEmpty()) {
            return Outcome.OTP;
        }
        if (!chrome.findElements(By.id("authenticateWebAuthnButton")).isEmpty()) {
            return Outcome.PASSKEY;
        }
        if (!chrome.findElements(By.id("registerWebAuthn")).isEmpty()) {
            return Outcome.REGISTER_PASSKEY;
        }
        return Outcome.BLOCKED;
    }

    /**
     * Presses reload, then back, where a login was stopped: the browser never reaches the
     * application, and after reload the page says the same as before.
     */
    private void pressReloadAndBack(String name, String stillShows) throws Exception {
        chrome.navigate().refresh();
        browser.awaitLoaded();
        screenshot(name + "-after-reload");
        assertThat(chrome.getCurrentUrl()).as("reload").doesNotStartWith(callback);
        assertThat(chrome.getPageSource()).as("reload").contains(stillShows);
        chrome.navigate().back();
        browser.awaitLoaded();
        screenshot(name + "-after-back");
        assertThat(chrome.getCurrentUrl()).as("back").doesNotStartWith(callback);
    }

    private void await(String what, java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition)
            throws IOException {
        browser.await(what, condition);
    }

    private void screenshot(String name) throws IOException {
        browser.screenshot(name);
    }

    // ---- the security team at the control plane's API ----------------------------------------------

    private String get(String path) throws Exception {
        return ok("GET", path, null);
    }

    private String post(String path, String body) throws Exception {
        return ok("POST", path, body);
    }

    /** The answer's body: the test fails unless the control plane answers 200. */
    private String ok(String method, String path, String body) throws Exception {
        HttpResponse<String> response = new ControlPlaneApi(stack).call(method, path, body);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private String policy(String id) throws Exception {
        return get("/v1.0/identity/conditionalAccess/policies/" + id);
    }

    private String policyId(String displayName) throws Exception {
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\",\"displayName\":\"" + Pattern.quote(displayName) + "\"")
                .matcher(get("/v1.0/identity/conditionalAccess/policies"));
        assertThat(m.find()).as("policy '" + displayName + "'").isTrue();
        return m.group(1);
    }

    /** The pilot policy now takes in {@code groups}: {@code newcomer}, in the last of them, is asked for more information on the next sign-in. */
    private void widenTheWave(String newcomer, String... groups) throws Exception {
        patch(policyId("Require MFA for all users"), "{\"conditions\": {\"users\": {\"includeGroups\": [\""
                + String.join("\", \"", groups) + "\"]}}}");
        eventually(groups[groups.length - 1] + " is in the wave: " + newcomer + " is asked for more information",
                () -> signIn(newcomer, "portal", OFFICE) == Outcome.MORE_INFORMATION);
    }

    private void patch(String id, String body) throws Exception {
        HttpResponse<String> response = patchResponse(id, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private HttpResponse<String> patchResponse(String id, String body) throws Exception {
        String uri = stack.settings().controlPlaneUrl() + "/v1.0/identity/conditionalAccess/policies/" + id;
        HttpResponse<String> current = http.send(HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + stack.automationToken()).build(), HttpResponse.BodyHandlers.ofString());
        return http.send(HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + stack.automationToken())
                .header("Content-Type", "application/merge-patch+json")
                .header("If-Match", current.headers().firstValue("ETag").orElseThrow())
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String user(String username) {
        return stack.users().get(username);
    }

    private Keycloak keycloakAdmin() {
        return stack.keycloakAdmin();
    }

    private static int number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        assertThat(m.find()).as(field + " in " + json).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
