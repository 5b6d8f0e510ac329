package dev.portcullis.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.adapters.keycloak.it.BlockPage;
import dev.portcullis.demo.DemoStack;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The control plane's sign-in log searched as support searches it: by the request id a block page or
 * a token error quotes. Which policy refused is only there, never on the page.
 */
public final class SignInLog {

    private static final Duration SHIPPING = Duration.ofSeconds(30);

    private final DemoStack stack;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    public SignInLog(DemoStack stack) {
        this.stack = stack;
    }

    /**
     * Waits for the record the block quotes (records ship asynchronously); true when it has the
     * quoted correlation id and names the policy as the one that failed.
     */
    public boolean blames(BlockPage block, String policy) throws Exception {
        Optional<JsonNode> record = LocalStack.poll(SHIPPING, Duration.ofMillis(250), () -> record(block.requestId()));
        if (record.isEmpty()) {
            return false;
        }
        boolean correlated = record.get().path("correlationId").asText().equals(block.correlationId());
        for (JsonNode outcome : record.get().path("appliedConditionalAccessPolicies")) {
            if (correlated && outcome.path("displayName").asText().equals(policy)
                    && outcome.path("result").asText().equals("failure")) {
                return true;
            }
        }
        return false;
    }

    private Optional<JsonNode> record(String requestId) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.settings().controlPlaneUrl()
                        + "/v1.0/auditLogs/signIns?id=" + URLEncoder.encode(requestId, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + stack.automationToken()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("the sign-in log answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode value = json.readTree(response.body()).path("value");
        return value.isEmpty() ? Optional.empty() : Optional.of(value.get(0));
    }
}
