package dev.portcullis.demo.containers;

import static dev.portcullis.demo.containers.Podman.podman;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.adapters.keycloak.admin.DirectorySeed;
import dev.portcullis.adapters.keycloak.admin.RealmProvisioner;
import dev.portcullis.adapters.keycloak.it.BrowserSession;
import dev.portcullis.demo.LocalStack;
import dev.portcullis.demo.ControlPlaneRealm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;

/**
 * The two images as users deploy them, run by podman on a private network: Keycloak with the
 * provider (optimized) and the control plane with its data volume. The node reaches the control
 * plane over TLS only (a certificate from a CA made for this run, which Keycloak trusts through its
 * truststore option) and enforces only snapshots signed with the control plane's key, pinned in a
 * file. Run by {@code containers/test.sh} (profile {@code containers}) after
 * {@code containers/build-images.sh} built the images.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainersIT {

    private static final String NETWORK = "portcullis-it";
    private static final String VOLUME = "portcullis-it-data";
    private static final String KEYCLOAK = "portcullis-it-keycloak";
    private static final String CONTROL_PLANE = "portcullis-it-control-plane";
    private static final String REALM = "acme";
    private static final String PASSWORD = "Container-test-1";
    private static final String APP_REDIRECT = "http://localhost:9/app";

    private final String nodeSecret = UUID.randomUUID().toString();
    private final String directorySecret = UUID.randomUUID().toString();
    private final String automationSecret = UUID.randomUUID().toString();
    private ContainerSecrets secrets;
    /** Trusts the test CA only: the control plane is reached over HTTPS from here too. */
    private HttpClient http;
    private AutomationClient automation;
    private final Figures figures = new Figures("containers-figures.txt");
    private int keycloakPort;
    private int controlPlanePort;
    private String keycloakUrl;
    private String controlPlaneUrl;
    private String policyId;

    @BeforeAll
    void startBothContainers() throws Exception {
        cleanUp();
        keycloakPort = LocalStack.freePort();
        controlPlanePort = LocalStack.freePort();
        keycloakUrl = "http://localhost:" + keycloakPort;
        controlPlaneUrl = "https://localhost:" + controlPlanePort;
        secrets = ContainerSecrets.make(Path.of("target/containers-tls").toAbsolutePath(), "control-plane");
        http = secrets.http();
        automation = new AutomationClient(http, keycloakUrl, automationSecret);
        podman("network", "create", NETWORK);
        Instant keycloakStart = Instant.now();
        List<String> run = new ArrayList<>(List.of("run", "-d", "--name", KEYCLOAK, "--network", NETWORK,
                "--network-alias", "keycloak", "-p", keycloakPort + ":8080",
                // Tokens carry the address users see; nodes and the control plane reach Keycloak inside the network.
                "-e", "KC_HOSTNAME=" + keycloakUrl, "-e", "KC_HOSTNAME_BACKCHANNEL_DYNAMIC=true"));
        // The control plane over TLS only.
        run.addAll(secrets.keycloakArguments("https://control-plane:8443",
                "http://keycloak:8080/realms/portcullis/protocol/openid-connect/token", nodeSecret));
        run.add("localhost/portcullis-keycloak:latest");
        podman(run.toArray(String[]::new));
        startControlPlane();
        awaitOk(keycloakUrl + "/realms/master", Duration.ofMinutes(3));
        figures.add("keycloak: podman run to ready " + Duration.between(keycloakStart, Instant.now()).toMillis() + " ms");

        try (Keycloak admin = Keycloak.getInstance(keycloakUrl, "master", "admin", "admin", "admin-cli")) {
            ControlPlaneRealm.provision(admin, nodeSecret, automationSecret, UUID.randomUUID().toString(), PASSWORD,
                    controlPlaneUrl + "/console/");
            RealmProvisioner realm = new RealmProvisioner(admin, REALM);
            realm.ensureRealm();
            realm.ensureClient("portal", "Portal", false, APP_REDIRECT);
            DirectorySeed people = new DirectorySeed(admin, REALM);
            people.ensureUser("pat", "Pat", "Pilot", PASSWORD);
            people.ensureUser("lee", "Lee", "Other", PASSWORD);
            // The control plane's view of the realm (What-If, the lockout guard).
            realm.ensureServiceClient("portcullis-directory", directorySecret, "realm-management/view-users",
                    "realm-management/query-groups", "realm-management/view-realm");
        }
    }

    private void startControlPlane() throws Exception {
        Instant start = Instant.now();
        List<String> run = new ArrayList<>(List.of("run", "-d", "--name", CONTROL_PLANE, "--network", NETWORK,
                "--network-alias", "control-plane", "-p", controlPlanePort + ":8443", "-v", VOLUME + ":/deployments/data"));
        run.addAll(secrets.controlPlaneArguments("http://keycloak:8080", keycloakUrl, REALM, directorySecret));
        run.add("localhost/portcullis-control-plane:latest");
        podman(run.toArray(String[]::new));
        awaitOk(controlPlaneUrl + "/q/health/ready", Duration.ofMinutes(1));
        figures.add("control plane: podman run to ready " + Duration.between(start, Instant.now()).toMillis() + " ms");
        podman("healthcheck", "run", CONTROL_PLANE); // the image's own health check agrees
    }

    @AfterAll
    void stopAll() throws Exception {
        for (String container : List.of(KEYCLOAK, CONTROL_PLANE)) {
            try {
                figures.add(container + ": resident memory " + podman("stats", "--no-stream", "--format",
                        "{{.MemUsage}}", container).trim());
            } catch (IOException stopped) {
                // already gone
            }
        }
        for (String image : List.of("localhost/portcullis-keycloak:latest", "localhost/portcullis-control-plane:latest")) {
            figures.add(image + ": " + podman("image", "inspect", "--format", "{{.Size}}", image).trim() + " bytes");
        }
        figures.write();
        cleanUp();
    }

    @Test
    @Order(1)
    void aPolicyCreatedThroughTheControlPlaneStepsUpARealLogin() throws Exception {
        eventually("the node loads the control plane's (empty) snapshot: pat signs in with no prompt",
                () -> signIn("pat").signedIn());
        assertThat(podman("logs", KEYCLOAK)).as("pulled over TLS, signature verified")
                .contains("event=snapshot_activated source=control plane https://control-plane:8443/");
        policyId = automation.createPolicy(controlPlaneUrl, """
                {"displayName": "Require MFA for Pat", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["%s"]}, "applications": {"includeApplications": ["All"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}}
                """.formatted(userId("pat")));
        String token = automation.token();

        eventually("pat is asked for more information (MFA, nothing registered) on her next sign-in",
                () -> isSteppedUp(signIn("pat")));
        assertThat(signIn("lee").signedIn()).as("lee is outside the policy").isTrue();

        // What-If in the image asks the directory who "pat" is (by username: Keycloak answers 404 to
        // it as an id first), finds her id, and so her policy applies; lee's does not.
        assertThat(whatIf("pat", token)).contains("\"policyApplies\":true").contains("\"decision\":{\"result\":\"registrationRequired\"");
        assertThat(whatIf("lee", token)).contains("\"policyApplies\":false").contains("\"decision\":{\"result\":\"allow\"");
    }

    private String whatIf(String user, String token) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(controlPlaneUrl
                        + "/v1.0/identity/conditionalAccess/evaluate"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"signInIdentity": {"userId": "%s"}, "signInContext": {"includeApplications": ["portal"]},
                         "signInConditions": {"clientAppType": "browser", "ipAddress": "198.51.100.7"}}
                        """.formatted(user))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    @Test
    @Order(2)
    void withTheControlPlaneStoppedLoginsFollowTheLastKnownGoodSnapshot() throws Exception {
        podman("stop", "-t", "10", CONTROL_PLANE);
        Thread.sleep(1500); // a few failed pulls
        assertThat(isSteppedUp(signIn("pat"))).as("pat is still stepped up").isTrue();
        assertThat(signIn("lee").signedIn()).as("lee still gets in: no fail-secure fallback while a snapshot is held")
                .isTrue();
    }

    @Test
    @Order(3)
    void aNewControlPlaneContainerOnTheSameVolumeHasLostNothing() throws Exception {
        podman("rm", "-f", CONTROL_PLANE);
        startControlPlane();
        HttpResponse<String> policy = automation.get(controlPlaneUrl + AutomationClient.POLICIES + "/" + policyId);
        assertThat(policy.statusCode()).isEqualTo(200);
        assertThat(policy.body()).contains("Require MFA for Pat");
        eventually("nodes pull from the new container again", () -> isSteppedUp(signIn("pat")));
    }

    private BrowserSession.Page signIn(String username) throws IOException, InterruptedException {
        BrowserSession browser = new BrowserSession(keycloakUrl, "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0");
        BrowserSession.Page login = browser.openLogin(REALM, "portal", APP_REDIRECT);
        return browser.login(login, username, PASSWORD);
    }

    /** Not in, but asked for more: Portcullis' "More information required" (MFA, nothing registered yet). */
    private static boolean isSteppedUp(BrowserSession.Page page) {
        return !page.signedIn() && page.status() == 200 && page.text().contains("More information required");
    }

    private String userId(String username) {
        try (Keycloak admin = Keycloak.getInstance(keycloakUrl, "master", "admin", "admin", "admin-cli")) {
            return admin.realm(REALM).users().search(username, true).get(0).getId();
        }
    }

    private void awaitOk(String url, Duration timeout) throws Exception {
        automation.awaitOk(url, timeout);
    }

    private static void eventually(String what, Callable<Boolean> condition) throws Exception {
        LocalStack.eventually(what, condition);
    }

    private static void cleanUp() throws InterruptedException {
        Podman.remove(List.of(KEYCLOAK, CONTROL_PLANE), NETWORK, List.of(VOLUME));
    }
}
