package dev.portcullis.adapters.keycloak.it;

import static dev.portcullis.adapters.keycloak.it.ConditionalAccessInKeycloakIT.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.adapters.keycloak.admin.KeycloakDirectory;
import dev.portcullis.adapters.keycloak.admin.RealmProvisioner;
import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.migration.ImportMapping;
import dev.portcullis.core.migration.ReferenceDirectory;
import dev.portcullis.core.migration.ReferenceKind;
import dev.portcullis.core.migration.References;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.port.out.DirectoryPort;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.core.testing.EntraCorpus;
import dev.portcullis.graphjson.JsonText;
import dev.portcullis.graphjson.PolicyCodec;
import dev.portcullis.graphjson.ReadMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.representations.idm.ClientRepresentation;

/**
 * An Entra export that blocks the device code flow ("307 - Block Device Code Flow", from the corpus,
 * byte for byte), imported and then enabled, in a real Keycloak 26.7.3: the device authorization
 * grant (RFC 8628) gets no tokens and its user no session, while the browser flow still signs in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeviceCodeFlowIT {

    static final String REALM = "portcullis-device-it";
    static final String REDIRECT = "https://tv.example.test/callback";
    static final String PASSWORD = "correct horse battery staple";
    static final String DEVICE_CODE_EXPORT =
            "AlexFilipin__ConditionalAccess/PolicyRepository/Attack surface reduction/"
                    + "307 - RING - Attack surface reduction - All apps Block Device Code Flow copy.json";

    private final JsonText json = JsonText.shared();
    private final PolicyCodec policies = PolicyCodec.instance();
    private final ObjectMapper mapper = new ObjectMapper();
    private KeycloakStack stack;
    private KeycloakServer keycloak;
    private ControlPlaneStandIn controlPlane;
    private Keycloak admin;
    private RealmSetup realm;
    private String annaId;
    private String breakGlassId;
    private ConditionalAccessPolicy imported;

    @BeforeAll
    void start() throws Exception {
        byte[] export = EntraCorpus.exports().stream().filter(e -> e.name().equals(DEVICE_CODE_EXPORT)).findFirst()
                .orElseThrow().bytes();
        stack = new KeycloakStack();
        keycloak = stack.keycloak;
        controlPlane = stack.controlPlane;
        Path cache = stack.beside("portcullis-device-it-cache");
        Files.deleteIfExists(cache.resolve("last-known-good-snapshot.jws"));
        realm = stack.start(Map.of("control-plane-url", controlPlane.url(), "cache-dir", cache.toString(),
                "snapshot-public-key-file", controlPlane.writePublicKey(cache.resolveSibling("device-it-snapshot-key.pem")).toString(),
                "refresh-interval-millis", "300", "request-timeout-millis", "1000"), List.of(), REALM);
        admin = stack.admin();
        realm.client("tv", false, REDIRECT);
        ClientRepresentation tv = realm.realm().clients().findByClientId("tv").get(0);
        tv.setPublicClient(true);
        tv.setAttributes(Map.of("oauth2.device.authorization.grant.enabled", "true"));
        realm.realm().clients().get(tv.getId()).update(tv);
        String exclusions = realm.group("Emergency access accounts");
        annaId = realm.user("anna", PASSWORD, null);
        breakGlassId = realm.user("glass", PASSWORD, null, exclusions);

        // The export, imported as the import endpoint does it: read, its placeholders mapped to Keycloak
        // groups (one through the directory's suggestion), landed report-only.
        RealmProvisioner provisioner = new RealmProvisioner(admin, REALM);
        provisioner.ensureServiceClient("portcullis-directory", "directory-secret", "realm-management/view-users",
                "realm-management/query-groups", "realm-management/view-realm");
        ConditionalAccessPolicy read = policies.read(json.parse(export).orElseThrow(), ReadMode.LENIENT).orElseThrow();
        try (Keycloak serviceAccount = KeycloakBuilder.builder().serverUrl(keycloak.baseUrl()).realm(REALM)
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientId("portcullis-directory")
                .clientSecret("directory-secret").build()) {
            DirectoryPort.Catalog catalog = new KeycloakDirectory(serviceAccount, REALM, "admin").catalog();
            assertThat(catalog.groups()).extracting(DirectoryPort.DirectoryObject::path)
                    .contains("/Emergency access accounts");
            assertThat(catalog.roles()).extracting(DirectoryPort.DirectoryObject::id).contains("offline_access");
            String suggested = catalog.groups().stream().filter(g -> ReferenceDirectory.normalized(g.displayName())
                    .equals(ReferenceDirectory.normalized("<EmergencyAccessAccountsGroup>"))).findFirst().orElseThrow().id();
            ImportMapping mapping = new ImportMapping(Map.of(ReferenceKind.GROUP, Map.of(
                    "<EmergencyAccessAccountsGroup>", List.of(suggested),
                    "<ExclusionTempGroup>", List.of("/Exclusions/Temporary"),
                    "<ExclusionPermGroup>", List.of("/Exclusions/Permanent"))));
            imported = References.resolve(read, "", mapping, ReferenceDirectory.NONE, Optional.empty()).policy()
                    .withId("p-307").withState(PolicyState.REPORT_ONLY);
        }
        assertThat(imported.conditions().authenticationFlows()).isPresent();
        controlPlane.publish(snapshot(1, imported));
        controlPlane.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    private static PolicySnapshot snapshot(long version, ConditionalAccessPolicy policy) {
        return new PolicySnapshot(ConditionalAccessInKeycloakIT.EPOCH, version, Instant.now(), PolicySet.of(List.of(policy), List.of()));
    }

    private BrowserSession browser() {
        return new BrowserSession(keycloak.baseUrl(), "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36");
    }

    private JsonNode post(String path, String form) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keycloak.baseUrl() + "/realms/" + REALM + "/protocol/openid-connect/" + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return mapper.readTree(response.body());
    }

    /** A TV asks for a code; the user opens the verification link on their phone and signs in. */
    private record DeviceLogin(BrowserSession.Page page, JsonNode tokens) {}

    private DeviceLogin deviceLogin(String username) throws Exception {
        JsonNode device = post("auth/device", "client_id=tv&scope=openid");
        assertThat(device.path("user_code").asText()).as(device.toString()).isNotEmpty();
        BrowserSession phone = browser();
        BrowserSession.Page page = phone.get(device.path("verification_uri_complete").asText());
        if (page.has("#kc-user-verify-device-user-code-form")) {
            page = phone.submit(page, "#kc-user-verify-device-user-code-form", Map.of());
        }
        assertThat(page.has("#kc-form-login")).as("the login page: " + page.text()).isTrue();
        page = phone.login(page, username, PASSWORD);
        if (page.has("form[action*=consent]")) { // Keycloak asks the user to grant the device access
            page = phone.submit(page, "form[action*=consent]", Map.of("accept", "Yes"));
        }
        JsonNode tokens = post("token", "grant_type=urn:ietf:params:oauth:grant-type:device_code&client_id=tv"
                + "&device_code=" + device.path("device_code").asText());
        return new DeviceLogin(page, tokens);
    }


    @Test
    @Order(1)
    void importedReportOnlyTheDeviceCodeFlowStillWorksAndTheWouldBeBlockIsRecorded() throws Exception {
        // Until the node has loaded the snapshot it asks everyone for MFA, which anna has not registered.
        eventually("anna's TV gets tokens under snapshot 1", () -> {
            try {
                return deviceLogin("anna").tokens().has("access_token");
            } catch (Exception e) {
                return false;
            }
        });
        eventually("the report-only result is in the sign-in log", () -> controlPlane.received().stream().anyMatch(
                r -> r.userId().equals(annaId) && r.policyOutcomes().stream().anyMatch(o -> o.policyId().equals("p-307")
                        && o.result() == PolicyOutcome.Result.REPORT_ONLY_FAILURE)));
        admin.realm(REALM).users().get(annaId).logout();
    }

    @Test
    @Order(2)
    void enabledItBlocksTheDeviceAuthorizationGrantAndLeavesNoSessionWhileTheBrowserFlowWorks() throws Exception {
        controlPlane.publish(snapshot(2, imported.withState(PolicyState.ENABLED)));
        eventually("the device code flow is blocked under snapshot 2", () -> {
            try {
                return deviceLogin("anna").page().status() == 403;
            } catch (Exception e) {
                return false;
            }
        });

        admin.realm(REALM).users().get(annaId).logout(); // whatever the attempts before the switch left
        DeviceLogin blocked = deviceLogin("anna");
        BlockPage block = BlockPage.of(blocked.page());
        assertThat(block.application()).isEqualTo("tv");
        BlockPage.namesNoPolicy(blocked.page(), imported.displayName(), "Block Device Code Flow");
        assertThat(blocked.tokens().has("access_token")).as(blocked.tokens().toString()).isFalse();
        assertThat(blocked.tokens().path("error").asText()).isIn("authorization_pending", "access_denied");
        assertThat(admin.realm(REALM).users().get(annaId).getUserSessions()).isEmpty();
        eventually("the block page's ids find the export's policy in the sign-in log",
                () -> controlPlane.logsABlockBy(block, imported.displayName()));

        // The same user, the same client, the browser's code flow: not a device code flow, so it signs in.
        BrowserSession browser = browser();
        assertThat(browser.login(browser.openLogin(REALM, "tv", REDIRECT), "anna", PASSWORD).signedIn()).isTrue();

        // And the excluded break-glass account (mapped from Entra's placeholder) approves devices.
        assertThat(deviceLogin("glass").tokens().path("access_token").asText()).isNotEmpty();
        assertThat(breakGlassId).isNotEmpty();
    }
}
