package dev.portcullis.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.location.CountryNamedLocation;
import dev.portcullis.core.location.IpNamedLocation;
import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.template.PolicyTemplate;
import dev.portcullis.graphjson.JsonText;
import dev.portcullis.graphjson.NamedLocationCodec;
import dev.portcullis.graphjson.Parsed;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seed rollout, written through the control plane's own API as an administrator would: the
 * office network and the blocked countries, then every template (report-only), then legacy
 * authentication blocked and MFA enforced for the IT pilot, and MFA for the control plane's own
 * administrators. Only an empty control plane is seeded, so a re-run keeps what the administrator
 * changed.
 */
final class ControlPlaneSeed {

    private final JsonText json = JsonText.shared();
    private final NamedLocationCodec locationCodec = NamedLocationCodec.instance();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String controlPlane;
    private final String token;

    private ControlPlaneSeed(String controlPlane, String token) {
        this.controlPlane = controlPlane;
        this.token = token;
    }

    /**
     * A service client's token (client credentials): the launcher seeds with the automation client's,
     * because a change needs MFA of a person, and nobody has signed in yet; the MDM's enrols devices.
     */
    static String clientToken(String keycloakUrl, String clientId, String clientSecret)
            throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret="
                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloakUrl
                        + "/realms/" + ControlPlaneRealm.REALM + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
        // An OAuth token response (RFC 6749, 5.1): only its access_token is needed here.
        Parsed<JsonNode> body = JsonText.shared().parse(response.body());
        String token = body.ok() ? body.value().path("access_token").asText("") : "";
        if (token.isEmpty()) {
            throw new IOException("Keycloak gave " + clientId + " no token: "
                    + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return token;
    }

    /** @return whether it seeded (false: policies exist and were kept) */
    static boolean seedIfEmpty(String controlPlane, String token, Map<String, String> users)
            throws IOException, InterruptedException {
        return new ControlPlaneSeed(controlPlane, token).seed(users);
    }

    private boolean seed(Map<String, String> users) throws IOException, InterruptedException {
        JsonNode existing = call("GET", "/v1.0/identity/conditionalAccess/policies", null, null, 200);
        if (!existing.path("value").isEmpty()) {
            return false;
        }
        List<NamedLocation> locations = List.of(
                // On this machine every browser is on loopback: loopback is the office.
                new IpNamedLocation(DemoDirectory.OFFICE, "Office network", List.of(IpRange.of("127.0.0.0/8"),
                        IpRange.of("::1/128"), IpRange.of("10.0.0.0/8")), true),
                new CountryNamedLocation(DemoDirectory.BLOCKED_COUNTRIES, "Blocked countries", Set.of("KP", "IR", "SY"),
                        false));
        for (NamedLocation location : locations) {
            if (!call("GET", "/v1.0/identity/conditionalAccess/namedLocations", null, null, 200).path("value")
                    .findValuesAsText("id").contains(location.id())) {
                call("POST", "/v1.0/identity/conditionalAccess/namedLocations", locationCodec.write(location), null,
                        201);
            }
        }
        ObjectNode parameters = JsonNodeFactory.instance.objectNode();
        parameters.putArray("breakGlassUserIds").add(users.get("break.glass"));
        parameters.putArray("pilotGroupIds").add("/IT Department");
        parameters.putArray("adminRoleIds").add("admin");
        parameters.putArray("highRiskApplicationIds").add("hr-app").add("finance-app");
        parameters.put("blockedCountriesLocationId", DemoDirectory.BLOCKED_COUNTRIES);
        for (PolicyTemplate template : PolicyTemplate.values()) {
            JsonNode created = call("POST", "/v1.0/identity/conditionalAccess/templates/" + template.templateId()
                    + "/instantiate", parameters, null, 201);
            if (template == PolicyTemplate.BLOCK_LEGACY_AUTHENTICATION
                    || template == PolicyTemplate.REQUIRE_MFA_FOR_ALL_USERS
                    || template == PolicyTemplate.REQUIRE_MFA_FOR_ADMIN_PORTALS) {
                ObjectNode enable = JsonNodeFactory.instance.objectNode().put("state", "enabled");
                call("PATCH", "/v1.0/identity/conditionalAccess/policies/" + created.path("id").asText(), enable,
                        "\"1\"", 200);
            }
        }
        // The control plane's own realm: its administrators change policies and the service desk issues
        // temporary access passes, so they always prove MFA.
        call("POST", "/v1.0/identity/conditionalAccess/policies", controlPlaneAdministrators(), null, 201);
        return true;
    }

    static final String CONTROL_PLANE_MFA_POLICY = "Require MFA for control-plane administrators";

    private static ObjectNode controlPlaneAdministrators() {
        ObjectNode policy = JsonNodeFactory.instance.objectNode();
        policy.put("displayName", CONTROL_PLANE_MFA_POLICY).put("state", "enabled");
        ObjectNode conditions = policy.putObject("conditions");
        conditions.putObject("users").putArray("includeRoles").add(ControlPlaneRealm.ADMIN_ROLE)
                .add(ControlPlaneRealm.HELPDESK_ROLE);
        conditions.putObject("applications").putArray("includeApplications").add("All");
        policy.putObject("grantControls").put("operator", "OR").putArray("builtInControls").add("mfa");
        return policy;
    }

    private JsonNode call(String method, String path, JsonNode body, String ifMatch, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(controlPlane + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(json.bytes(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body().length == 0 ? JsonNodeFactory.instance.objectNode()
                : json.parse(response.body()).orElseThrow();
    }
}
