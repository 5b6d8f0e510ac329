package dev.portcullis.demo.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.demo.ControlPlaneRealm;
import dev.portcullis.demo.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container tests' way into the control plane's API: the automation client's token
 * (client credentials from the control plane's realm), since these tests are about the images, not
 * a person signing in.
 *
 * @param http trusts the test CA (the control plane is served over HTTPS)
 * @param keycloakUrl where the token endpoint is reached
 */
record AutomationClient(HttpClient http, String keycloakUrl, String secret) {

    static final String POLICIES = "/v1.0/identity/conditionalAccess/policies";

    String token() throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + ControlPlaneRealm.AUTOMATION_CLIENT + "&client_secret="
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(keycloakUrl
                        + "/realms/portcullis/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return jsonField(response.body(), "access_token");
    }

    /** Creates a policy through the control plane at {@code controlPlaneUrl}; returns its id. */
    String createPolicy(String controlPlaneUrl, String policyJson) throws IOException, InterruptedException {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(controlPlaneUrl + POLICIES))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(policyJson)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return jsonField(created.body(), "id");
    }

    /** A GET with a fresh token. */
    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until {@code url} answers 200 without credentials (a health or realm endpoint), asking every 50 ms. */
    void awaitOk(String url, Duration timeout) throws Exception {
        if (LocalStack.poll(timeout, Duration.ofMillis(50), () -> answersOk(url) ? Optional.of(true) : Optional.empty())
                .isEmpty()) {
            throw new AssertionError("not within " + timeout.toSeconds() + " s: " + url + " answers 200");
        }
    }

    private boolean answersOk(String url) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    static String jsonField(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(field + " in " + json).isTrue();
        return m.group(1);
    }
}
