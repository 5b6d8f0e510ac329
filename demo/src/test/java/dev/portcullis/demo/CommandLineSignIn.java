package dev.portcullis.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.adapters.keycloak.it.BrowserSession;
import dev.portcullis.adapters.keycloak.it.Totp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A person at the command line: the device authorization grant (RFC 8628) of a realm's command-line
 * client ({@code portcullis-cli} of the control plane's realm, or Keycloak's own {@code admin-cli}
 * of master), approved in a browser session through Keycloak's real pages, so Conditional Access
 * decides; the token comes from polling, as the CLI polls.
 */
public final class CommandLineSignIn {

    private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36";

    /** What the device endpoint answered. */
    public record Device(String deviceCode, String userCode, String verificationUriComplete) {}

    /** A device sign-in, in a fresh browser session, up to where the password leads. */
    public record Attempt(Device device, BrowserSession browser, BrowserSession.Page page) {}

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final DemoStack stack;
    private final String realm;
    private final String clientId;
    private final String username;
    private final String password;
    /** What Keycloak's consent page calls the client: its name. */
    private final String clientName;

    /** A person of the control plane's realm, with the demo's password, at the Portcullis command line. */
    public CommandLineSignIn(DemoStack stack, String username) {
        this(stack, ControlPlaneRealm.REALM, ControlPlaneRealm.CLI_CLIENT, "Portcullis command line", username,
                DemoDirectory.PASSWORD);
    }

    public CommandLineSignIn(DemoStack stack, String realm, String clientId, String clientName, String username,
            String password) {
        this.stack = stack;
        this.realm = realm;
        this.clientId = clientId;
        this.username = username;
        this.password = password;
        this.clientName = clientName;
    }

    /** Starts a device sign-in, opens its link in a fresh browser session and types the password. */
    public Attempt withPassword() throws Exception {
        HttpResponse<String> response = post(realmUrl() + "/auth/device", "client_id=" + clientId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        Device device = new Device(body.path("device_code").asText(), body.path("user_code").asText(),
                body.path("verification_uri_complete").asText());
        BrowserSession browser = new BrowserSession(stack.settings().keycloakUrl(), USER_AGENT);
        BrowserSession.Page page = browser.get(device.verificationUriComplete());
        if (page.has("#kc-user-verify-device-user-code-form")) {
            page = browser.submit(page, "#kc-user-verify-device-user-code-form", Map.of("device_user_code", device.userCode()));
        }
        assertThat(page.has("#kc-form-login")).as("the login page: " + page.text()).isTrue();
        return new Attempt(device, browser, browser.login(page, username, password));
    }

    /**
     * Finishes a sign-in: answers each one-time-code prompt with the authenticator app, and grants the
     * command line access on Keycloak's consent page (the device grant asks).
     */
    public BrowserSession.Page finish(Attempt attempt, BrowserSession.Page from, Totp.Unused codes) throws Exception {
        BrowserSession.Page page = from;
        for (int steps = 0; steps < 4; steps++) {
            if (page.has("#kc-otp-login-form")) {
                page = attempt.browser().submit(page, "#kc-otp-login-form", Map.of("otp", codes.next()));
            } else if (page.has("button[name=accept]")) {
                assertThat(page.text()).contains("Grant Access to " + clientName);
                page = attempt.browser().submit(page, "form:has(button[name=accept])", Map.of("accept", ""));
            } else {
                break;
            }
        }
        return page;
    }

    /**
     * On "More information required": registers an authenticator app, finishes the sign-in, and
     * returns the app's codes.
     */
    public Totp.Unused registerAuthenticatorApp(Attempt attempt) throws Exception {
        assertThat(attempt.page().text()).as("the first sign-in").contains("More information required");
        BrowserSession.Page page = attempt.browser().submit(attempt.page(), "#portcullis-register-form",
                Map.of("method", "totp"));
        assertThat(page.has("#kc-totp-settings-form")).as(page.text()).isTrue();
        Totp.Unused codes = new Totp.Unused(page.document().selectFirst("#totpSecret").attr("value")
                .getBytes(StandardCharsets.US_ASCII));
        page = attempt.browser().submit(page, "#kc-totp-settings-form",
                Map.of("totp", codes.next(), "userLabel", username + "'s phone"));
        page = finish(attempt, page, codes); // a flow may ask to prove the new method in the same sign-in
        assertThat(page.text()).as("the device sign-in completed").contains("Device Login Successful");
        return codes;
    }

    /** The token endpoint's answer to the command line's poll. */
    public HttpResponse<String> poll(Device device) throws Exception {
        return token("grant_type=urn:ietf:params:oauth:grant-type:device_code&client_id=" + clientId
                + "&device_code=" + URLEncoder.encode(device.deviceCode(), StandardCharsets.UTF_8));
    }

    /** Any form to the realm's token endpoint (a password grant, client credentials, ...). */
    public HttpResponse<String> token(String form) throws Exception {
        return post(realmUrl() + "/token", form);
    }

    private HttpResponse<String> post(String url, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String realmUrl() {
        return stack.settings().keycloakUrl() + "/realms/" + realm + "/protocol/openid-connect";
    }
}
