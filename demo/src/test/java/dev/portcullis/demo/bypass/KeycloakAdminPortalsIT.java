package dev.portcullis.demo.bypass;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.adapters.keycloak.it.BrowserSession;
import dev.portcullis.adapters.keycloak.it.Totp;
import dev.portcullis.demo.AuthenticatorApp;
import dev.portcullis.demo.Browser;
import dev.portcullis.demo.CommandLineSignIn;
import dev.portcullis.demo.ControlPlaneApi;
import dev.portcullis.demo.DemoStack;
import dev.portcullis.demo.LocalStack;
import dev.portcullis.demo.MasterRealm;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Keycloak's own admin portals, its admin console and admin-cli in the {@code master} realm, under
 * Conditional Access in the product as {@code ./portcullis} starts it, where "Require MFA for admin
 * portals" is on. Keycloak's administrator meets "More information required" at the console's first
 * sign-in and gets no session by reloading it or going back; sets up an authenticator app and is in.
 * The administrator's password alone gets no token from admin-cli's password grant (legacy
 * authentication); the command line signs in with the device grant and the code instead, and its
 * token reads Keycloak's Admin API. Each sign-in is in the control plane's sign-in log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakAdminPortalsIT {

    private static final Path SCREENSHOTS = Path.of("target/admin-portal-screenshots");
    private static final String ADMIN_PORTALS_MFA = "Require MFA for admin portals";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    @AutoClose // after the last test: Chromium quits
    private Browser browser;
    private ChromeDriver chrome;
    @AutoClose // after the last test: the product stops
    private DemoStack stack;
    private String adminId;
    /** The administrator's authenticator app, set up at the console's first sign-in. */
    private Totp.Unused codes;

    @BeforeAll
    void startTheProduct() throws Exception {
        browser = Browser.start("admin-portals", SCREENSHOTS);
        chrome = browser.driver();
        stack = LocalStack.startClean("admin-portals", "admin-portals");
        try (Keycloak admin = stack.keycloakAdmin()) {
            adminId = admin.realm(MasterRealm.REALM).users().search(DemoStack.KEYCLOAK_ADMIN, true).get(0).getId();
        }
    }

    @Test
    @Order(1)
    void theAdminConsoleAsksKeycloaksAdministratorForMfaAndReloadOrBackGetNoSession() throws Exception {
        chrome.get(consoleUrl());
        signInToTheConsole();
        await("More information required", d -> d.getPageSource().contains("More information required"));
        screenshot("admin-console-more-information-required");

        chrome.navigate().refresh();
        browser.awaitLoaded();
        screenshot("admin-console-after-reload");
        assertThat(chrome.getPageSource()).as("reload").contains("More information required");
        chrome.navigate().back();
        browser.awaitLoaded();
        screenshot("admin-console-after-back");
        assertThat(browser.bodyText()).as("back").doesNotContain("Realm settings");
        assertThat(sessions()).as("no session before the authenticator app").isEmpty();

        // To the console again: the interrupt, where the administrator now sets up the authenticator app.
        chrome.get(consoleUrl());
        await("the login page or the interrupt", d -> !d.findElements(By.id("username")).isEmpty()
                || d.getPageSource().contains("More information required"));
        if (!chrome.findElements(By.id("username")).isEmpty()) {
            signInToTheConsole();
        }
        await("More information required", d -> d.getPageSource().contains("More information required"));
        AuthenticatorApp.choose(chrome);
        await("the authenticator app's set-up", AuthenticatorApp::setUpPageShown);
        screenshot("admin-console-sets-up-an-authenticator-app");
        String secret = AuthenticatorApp.setUp(chrome, "Keycloak admin's phone");
        codes = new Totp.Unused(secret.getBytes(StandardCharsets.US_ASCII));
        await("the console or a code prompt", d -> consoleShown(d) || !d.findElements(By.id("otp")).isEmpty());
        if (!chrome.findElements(By.id("otp")).isEmpty()) { // a flow may ask to prove the new method at once
            chrome.findElement(By.id("otp")).sendKeys(codes.next());
            chrome.findElement(By.id("kc-login")).click();
        }
        await("Keycloak's admin console", KeycloakAdminPortalsIT::consoleShown);
        screenshot("admin-console-signed-in");
        assertThat(sessions()).as("the console's session").anyMatch(s -> s.contains("security-admin-console"));

        LocalStack.eventually("the sign-in log has the console's sign-in under the admin portals policy", () -> {
            String log = new ControlPlaneApi(stack).call("GET", "/v1.0/auditLogs/signIns?userId=" + adminId, null).body();
            return log.contains("\"appId\":\"security-admin-console\"") && log.contains(ADMIN_PORTALS_MFA)
                    && log.contains("\"realm\":\"master\"");
        });
    }

    @Test
    @Order(2)
    void adminClisPasswordGrantIsLegacyAuthenticationAndGetsNoToken() throws Exception {
        signOut();
        HttpResponse<String> passwordGrant = http.send(HttpRequest.newBuilder(URI.create(stack.settings().keycloakUrl()
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username="
                        + DemoStack.KEYCLOAK_ADMIN + "&password="
                        + URLEncoder.encode(DemoStack.KEYCLOAK_ADMIN_PASSWORD, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(passwordGrant.statusCode()).as(passwordGrant.body()).isBetween(400, 401);
        assertThat(passwordGrant.body()).doesNotContain("access_token");
        assertThat(sessions()).as("no session from the password grant").isEmpty();
    }

    @Test
    @Order(3)
    void theAdminCliSignsInOnADeviceWithMfaAndItsTokenReadsTheAdminApi() throws Exception {
        CommandLineSignIn cli = new CommandLineSignIn(stack, MasterRealm.REALM, "admin-cli", "Admin CLI",
                DemoStack.KEYCLOAK_ADMIN, DemoStack.KEYCLOAK_ADMIN_PASSWORD);
        // The password alone leads to the code prompt; a wrong code gets the command line nothing.
        CommandLineSignIn.Attempt phished = cli.withPassword();
        assertThat(phished.page().has("#kc-otp-login-form")).as(phished.page().text()).isTrue();
        BrowserSession.Page refused = phished.browser().submit(phished.page(), "#kc-otp-login-form", Map.of("otp", "000000"));
        assertThat(refused.text()).doesNotContain("Device Login Successful");
        HttpResponse<String> pending = cli.poll(phished.device());
        assertThat(pending.body()).contains("authorization_pending").doesNotContain("access_token");
        assertThat(sessions()).as("no session without the code").isEmpty();

        // With the authenticator app's code, the command line gets a token for Keycloak's Admin API.
        CommandLineSignIn.Attempt attempt = cli.withPassword();
        assertThat(cli.finish(attempt, attempt.page(), codes).text()).contains("Device Login Successful");
        HttpResponse<String> tokens = cli.poll(attempt.device());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        String token = json.readTree(tokens.body()).path("access_token").asText();
        HttpResponse<String> realms = http.send(HttpRequest.newBuilder(URI.create(stack.settings().keycloakUrl()
                + "/admin/realms")).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(realms.statusCode()).as(realms.body()).isEqualTo(200);
        assertThat(realms.body()).contains("\"realm\":\"master\"").contains("\"realm\":\"demo\"");
    }

    // ---- Keycloak's admin API as the provisioning service account ---------------------------------

    /** The administrator's sessions, each as its client ids. */
    private List<String> sessions() {
        try (Keycloak admin = stack.keycloakAdmin()) {
            return admin.realm(MasterRealm.REALM).users().get(adminId).getUserSessions().stream()
                    .map(s -> s.getClients().values().toString()).toList();
        }
    }

    private void signOut() {
        try (Keycloak admin = stack.keycloakAdmin()) {
            admin.realm(MasterRealm.REALM).users().get(adminId).logout();
        }
    }

    // ---- Chromium -----------------------------------------------------------------------------------

    private String consoleUrl() {
        return stack.settings().keycloakUrl() + "/admin/master/console/";
    }

    private void signInToTheConsole() throws IOException {
        await("the master realm's login page", d -> !d.findElements(By.id("username")).isEmpty());
        assertThat(chrome.getCurrentUrl()).contains("/realms/master/").contains("client_id=security-admin-console");
        chrome.findElement(By.id("username")).sendKeys(DemoStack.KEYCLOAK_ADMIN);
        chrome.findElement(By.id("password")).sendKeys(DemoStack.KEYCLOAK_ADMIN_PASSWORD);
        chrome.findElement(By.id("kc-login")).click();
    }

    /** Drawn, and the administrator's to administer: the realm's menu is there. */
    private static boolean consoleShown(WebDriver d) {
        return d.getCurrentUrl().contains("/admin/master/console/")
                && d.findElement(By.tagName("body")).getText().contains("Realm settings");
    }

    private void await(String what, Function<WebDriver, Boolean> condition) throws IOException {
        browser.await(what, condition);
    }

    private void screenshot(String name) throws IOException {
        browser.screenshot(name);
    }
}
