package dev.portcullis.demo.containers;

import static dev.portcullis.demo.containers.Podman.podman;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.adapters.keycloak.admin.DirectorySeed;
import dev.portcullis.adapters.keycloak.admin.RealmProvisioner;
import dev.portcullis.adapters.keycloak.it.BrowserSession;
import dev.portcullis.demo.ControlPlaneRealm;
import dev.portcullis.demo.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.Keycloak;

/**
 * The cluster as the images deploy it, run by podman on a private network: PostgreSQL, two
 * control-plane replicas on it (the PostgreSQL build), and two Keycloak nodes clustered on it
 * (embedded Infinispan, JDBC_PING), each node given both replicas' URLs. A bounded login storm runs
 * over both nodes while one replica and then one node are stopped: no login gets a wrong decision,
 * no sign-in record the nodes shipped is missing from the sign-in log, and a policy change made
 * through either replica is enforced on both nodes, and after the stops on the one left. Run by
 * {@code containers/test.sh} (profile {@code containers}) after {@code containers/build-images.sh}.
 * Figures: {@code target/cluster-containers-figures.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterContainersIT {

    private static final String PREFIX = "portcullis-cluster-it";
    private static final String POSTGRES = PREFIX + "-postgres";
    private static final List<String> REPLICAS = List.of(PREFIX + "-control-plane-a", PREFIX + "-control-plane-b");
    private static final List<String> NODES = List.of(PREFIX + "-keycloak-1", PREFIX + "-keycloak-2");
    /** Names on the network. */
    private static final List<String> REPLICA_HOSTS = List.of("control-plane-a", "control-plane-b");
    private static final List<String> NODE_HOSTS = List.of("keycloak-1", "keycloak-2");
    private static final String REALM = "acme";
    private static final String PASSWORD = "Cluster-test-1";
    private static final String APP_REDIRECT = "http://localhost:9/app";
    private static final int STORM_LOGINS = 360;
    private static final int STORM_THREADS = 4;
    private static final Pattern SHIPPER_CLOSED = Pattern.compile("event=signin_shipper_closed shipped=(\\d+) dropped=(\\d+)");

    private final String dbPassword = UUID.randomUUID().toString();
    private final String nodeSecret = UUID.randomUUID().toString();
    private final String directorySecret = UUID.randomUUID().toString();
    private final String automationSecret = UUID.randomUUID().toString();
    private final Figures figures = new Figures("cluster-containers-figures.txt");
    private final Map<String, String> userIds = new HashMap<>();
    private ContainerSecrets secrets;
    private AutomationClient automation;
    private final List<String> nodeUrls = new ArrayList<>();
    private final List<String> replicaUrls = new ArrayList<>();
    private long decidedInTheStorm;

    @BeforeAll
    void startTheCluster() throws Exception {
        cleanUp();
        for (int i = 0; i < 2; i++) {
            nodeUrls.add("http://localhost:" + LocalStack.freePort());
            replicaUrls.add("https://localhost:" + LocalStack.freePort());
        }
        secrets = ContainerSecrets.make(Path.of("target/cluster-containers-tls").toAbsolutePath(),
                REPLICA_HOSTS.toArray(String[]::new));
        automation = new AutomationClient(secrets.http(), nodeUrls.get(0), automationSecret);
        podman("network", "create", PREFIX);
        Instant start = Instant.now();
        podman("run", "-d", "--name", POSTGRES, "--network", PREFIX, "--network-alias", "postgres",
                "-e", "POSTGRES_PASSWORD=" + dbPassword, "-e", "POSTGRES_DATABASES=keycloak portcullis",
                "localhost/portcullis-postgres:latest");
        LocalStack.eventually("PostgreSQL accepts connections", Duration.ofMinutes(1),
                () -> podman("logs", POSTGRES).contains("database system is ready to accept connections"));
        figures.add("postgresql: podman run to ready " + Duration.between(start, Instant.now()).toMillis() + " ms");

        // The first of each kind makes its schema; the second finds it made.
        startReplica(0);
        startNode(0);
        awaitReady("replica a", replicaUrls.get(0) + "/q/health/ready", Duration.ofMinutes(2), start);
        startReplica(1);
        awaitReady("keycloak node 1", nodeUrls.get(0) + "/realms/master", Duration.ofMinutes(4), start);
        startNode(1);
        awaitReady("replica b", replicaUrls.get(1) + "/q/health/ready", Duration.ofMinutes(2), start);
        awaitReady("keycloak node 2", nodeUrls.get(1) + "/realms/master", Duration.ofMinutes(4), start);
        LocalStack.eventually("node 2 joined node 1's cluster (JDBC_PING)", Duration.ofMinutes(1),
                () -> podman("logs", NODES.get(1)).matches("(?s).*ISPN000094: Received new cluster view.*\\(2\\).*"));
        provision();
    }

    private void startReplica(int replica) throws Exception {
        List<String> run = new ArrayList<>(List.of("run", "-d", "--name", REPLICAS.get(replica), "--network", PREFIX,
                "--network-alias", REPLICA_HOSTS.get(replica), "-p", URI.create(replicaUrls.get(replica)).getPort() + ":8443",
                "-e", "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://postgres:5432/portcullis",
                "-e", "QUARKUS_DATASOURCE_USERNAME=postgres", "-e", "QUARKUS_DATASOURCE_PASSWORD=" + dbPassword,
                // Four JVMs share two cores here: small heaps, the image's other options.
                "-e", "JAVA_OPTS=-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                        + " -Djava.util.logging.manager=org.jboss.logmanager.LogManager"));
        // Keycloak node 1 stands for the load balancer in front of the nodes (it is never stopped).
        run.addAll(secrets.controlPlaneArguments("http://keycloak-1:8080", nodeUrls.get(0), REALM, directorySecret));
        run.add("localhost/portcullis-control-plane-postgresql:latest");
        podman(run.toArray(String[]::new));
    }

    private void startNode(int node) throws Exception {
        String host = NODE_HOSTS.get(node);
        List<String> run = new ArrayList<>(List.of("run", "-d", "--name", NODES.get(node), "--network", PREFIX,
                "--network-alias", host, "-p", URI.create(nodeUrls.get(node)).getPort() + ":8080",
                // One front-end address for both (the load balancer's, here node 1's); the test reaches node 2 directly.
                "-e", "KC_HOSTNAME=" + nodeUrls.get(0), "-e", "KC_HOSTNAME_BACKCHANNEL_DYNAMIC=true",
                "-e", "KC_DB_URL=jdbc:postgresql://postgres:5432/keycloak", "-e", "KC_DB_USERNAME=postgres",
                "-e", "KC_DB_PASSWORD=" + dbPassword, "-e", "KC_CACHE_STACK=jdbc-ping",
                "-e", "JAVA_OPTS_KC_HEAP=-Xms256m -Xmx768m",
                "-e", "KC_SPI_PORTCULLIS__DEFAULT__REQUEST_TIMEOUT_MILLIS=2000"));
        // Both replicas: the next one is used when the current one does not answer.
        run.addAll(secrets.keycloakArguments("https://control-plane-a:8443,https://control-plane-b:8443",
                "http://" + host + ":8080/realms/portcullis/protocol/openid-connect/token", nodeSecret));
        run.add("localhost/portcullis-keycloak-cluster:latest");
        podman(run.toArray(String[]::new));
    }

    private void awaitReady(String what, String url, Duration limit, Instant since) throws Exception {
        automation.awaitOk(url, limit);
        figures.add(what + ": ready " + Duration.between(since, Instant.now()).toMillis() + " ms after the first podman run");
    }

    private void provision() {
        try (Keycloak admin = Keycloak.getInstance(nodeUrls.get(0), "master", "admin", "admin", "admin-cli")) {
            ControlPlaneRealm.provision(admin, nodeSecret, automationSecret, UUID.randomUUID().toString(), PASSWORD,
                    replicaUrls.get(0) + "/console/");
            RealmProvisioner realm = new RealmProvisioner(admin, REALM);
            realm.ensureRealm();
            realm.ensureClient("portal", "Portal", false, APP_REDIRECT);
            DirectorySeed people = new DirectorySeed(admin, REALM);
            for (String user : List.of("ann", "bob", "cat", "dan")) {
                userIds.put(user, people.ensureUser(user, user, "Cluster", PASSWORD));
            }
            realm.ensureServiceClient("portcullis-directory", directorySecret, "realm-management/view-users",
                    "realm-management/query-groups", "realm-management/view-realm");
        }
    }

    @AfterAll
    void stopAll() throws Exception {
        Path logs = Files.createDirectories(Path.of("target/cluster-containers-logs"));
        for (String container : allContainers()) {
            try {
                Files.writeString(logs.resolve(container + ".log"), podman("logs", container));
            } catch (IOException gone) {
                // never started
            }
        }
        figures.write();
        cleanUp();
    }

    @Test
    @Order(1)
    void aPolicyChangeThroughEitherReplicaIsEnforcedOnBothNodes() throws Exception {
        for (int node = 0; node < 2; node++) {
            int n = node;
            LocalStack.eventually("node " + (n + 1) + " loads the (empty) snapshot: ann signs in", Duration.ofMinutes(1),
                    () -> signInOn(n, "ann").signedIn());
        }
        block("bob", 0);
        block("cat", 1);
        assertThat(signInOn(0, "ann").signedIn()).as("ann is in no policy").isTrue();
        assertThat(signInOn(1, "dan").signedIn()).as("dan is in no policy").isTrue();
    }

    /** Blocks {@code user} by a policy created through {@code replica}; returns once both nodes enforce it. */
    private void block(String user, int replica) throws Exception {
        automation.createPolicy(replicaUrls.get(replica), blockPolicy(user));
        Instant created = Instant.now();
        List<String> enforced = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            if (!isRunning(NODES.get(node))) {
                continue;
            }
            int n = node;
            LocalStack.eventually("node " + (n + 1) + " blocks " + user, Duration.ofSeconds(30),
                    () -> signInOn(n, user).has("#portcullis-blocked"));
            enforced.add("node " + (n + 1) + " " + Duration.between(created, Instant.now()).toMillis() + " ms");
        }
        figures.add("block " + user + " through replica " + (char) ('a' + replica) + ": created to enforced "
                + String.join(", ", enforced) + " (nodes polled one after the other, a login each)");
    }

    private String blockPolicy(String user) {
        return """
                {"displayName": "Block %s", "state": "enabled",
                 "conditions": {"users": {"includeUsers": ["%s"]}, "applications": {"includeApplications": ["All"]}},
                 "grantControls": {"operator": "OR", "builtInControls": ["block"]}}
                """.formatted(user, userIds.get(user));
    }

    @Test
    @Order(2)
    void aLoginStormGetsNoWrongDecisionWhileAReplicaAndThenANodeStop() throws Exception {
        LoginStorm storm = new LoginStorm(List.of("ann", "bob", "cat", "dan"), Set.of("bob", "cat"), this::signInOn);
        LoginStorm.Tally tally = storm.run(STORM_LOGINS, STORM_THREADS, List.of(
                new LoginStorm.Disruption(STORM_LOGINS / 3, "replica a stopped", () -> podman("stop", "-t", "20", REPLICAS.get(0))),
                new LoginStorm.Disruption(STORM_LOGINS * 2 / 3, "keycloak node 2 stopped",
                        () -> podman("stop", "-t", "40", NODES.get(1)))));
        figures.add("storm: " + STORM_LOGINS + " logins from " + STORM_THREADS + " threads: " + tally.describe());
        tally.others().forEach(other -> figures.add("storm, other answer: " + other));
        decidedInTheStorm = tally.decided();

        assertThat(tally.wrong()).as("wrong decisions").isEmpty();
        assertThat(tally.wrongDecisions()).isZero();
        assertThat(tally.unreachable()[0] + tally.other()[0]).as("node 1 stayed up: every login there was decided")
                .isZero();
        assertThat(tally.signedIn()[1] + tally.blocked()[1]).as("node 2 decided logins before it stopped").isPositive();
        assertThat(tally.unreachable()[1]).as("logins sent to node 2 after it stopped, then to node 1").isPositive();
        assertThat(tally.decided() + tally.other()[1]).as("every login answered (rerouted ones on node 1)")
                .isEqualTo(STORM_LOGINS);
    }

    @Test
    @Order(3)
    void afterTheStopsAPolicyChangeThroughTheReplicaLeftIsEnforcedOnTheNodeLeft() throws Exception {
        block("dan", 1);
        assertThat(podman("logs", NODES.get(0))).as("node 1 moved to replica b")
                .contains("event=snapshot_activated source=control plane https://control-plane-b:8443/");
        assertThat(signInOn(0, "ann").signedIn()).as("ann is still in no policy").isTrue();
    }

    @Test
    @Order(4)
    void noSignInRecordIsLostShippedAgainstStored() throws Exception {
        String token = automation.token(); // before node 1 stops: the control plane checks it against keys it holds
        podman("stop", "-t", "40", NODES.get(0)); // so that its shipper's totals are final, in its log
        long shipped = 0;
        for (int node = 0; node < 2; node++) {
            Matcher closed = SHIPPER_CLOSED.matcher(podman("logs", NODES.get(node)));
            assertThat(closed.find()).as("node " + (node + 1) + " logged its shipper's totals when it stopped").isTrue();
            figures.add("node " + (node + 1) + ": sign-in records shipped " + closed.group(1) + ", dropped " + closed.group(2));
            assertThat(Long.parseLong(closed.group(2))).as("node " + (node + 1) + " dropped none").isZero();
            shipped += Long.parseLong(closed.group(1));
        }
        Set<String> ids = new HashSet<>();
        long stored = 0;
        ObjectMapper json = new ObjectMapper();
        for (int skip = 0; ; skip += 1000) {
            HttpResponse<String> page = automation.http().send(HttpRequest.newBuilder(URI.create(
                            replicaUrls.get(1) + "/v1.0/auditLogs/signIns?$top=1000&$skip=" + skip))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode value = json.readTree(page.body()).get("value");
            value.forEach(record -> ids.add(record.get("id").asText()));
            stored += value.size();
            if (value.size() < 1000) {
                break;
            }
        }
        figures.add("sign-in log (replica b): stored " + stored + " (" + ids.size() + " distinct), shipped by the nodes "
                + shipped + ", logins decided in the storm " + decidedInTheStorm);
        assertThat(stored).as("stored = shipped").isEqualTo(shipped);
        assertThat(ids).as("each stored once").hasSize((int) stored);
        assertThat(stored).as("every decided login of the storm has its record").isGreaterThanOrEqualTo(decidedInTheStorm);
    }

    /** A fresh browser signing in on node 0 or 1 (a load balancer's choice): the login page, then the password. */
    private BrowserSession.Page signInOn(int node, String username) throws IOException, InterruptedException {
        String base = nodeUrls.get(node);
        BrowserSession browser = new BrowserSession(base, "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0");
        BrowserSession.Page login = browser.openLogin(REALM, "portal", APP_REDIRECT);
        // The form posts to the front-end address; the load balancer keeps it on this node.
        URI action = URI.create(BrowserSession.formAction(login, "#kc-form-login").toString()
                .replaceFirst("^http://localhost:\\d+", base));
        return browser.post(action, BrowserSession.formBody(login, "#kc-form-login",
                Map.of("username", username, "password", PASSWORD)));
    }

    private static boolean isRunning(String container) throws InterruptedException {
        try {
            return podman("inspect", "--format", "{{.State.Running}}", container).trim().equals("true");
        } catch (IOException gone) {
            return false;
        }
    }

    private static List<String> allContainers() {
        List<String> all = new ArrayList<>(List.of(POSTGRES));
        all.addAll(REPLICAS);
        all.addAll(NODES);
        return all;
    }

    private static void cleanUp() throws InterruptedException {
        Podman.remove(allContainers(), PREFIX, List.of());
    }
}
