package dev.portcullis.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The control plane's API as the demo's automation client calls it, with the token the stack gets for it. */
public record ControlPlaneApi(DemoStack stack) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** @param body JSON, or null for none */
    public HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.settings().controlPlaneUrl() + path))
                .header("Authorization", "Bearer " + stack.automationToken());
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a policy: the test fails unless the control plane answers 201. */
    public void createPolicy(String json) throws Exception {
        HttpResponse<String> created = call("POST", "/v1.0/identity/conditionalAccess/policies", json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }
}
