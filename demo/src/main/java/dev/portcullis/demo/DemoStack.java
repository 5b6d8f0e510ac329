package dev.portcullis.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.keycloak.admin.client.Keycloak;

/**
 * The product on one machine: Keycloak (start-dev) with the Portcullis provider pulling its
 * snapshot from the control plane (the packaged Quarkus application on H2), both realms
 * provisioned, and the seed rollout written through the control plane's API when it is empty.
 * {@code ./portcullis} runs it; the rollout suite starts it the same way.
 */
public final class DemoStack implements AutoCloseable {

    public static final String KEYCLOAK_ADMIN = "admin";
    public static final String KEYCLOAK_ADMIN_PASSWORD = "admin";

    /**
     * Where things are and how to start them.
     * @param base the data directory (H2 database, snapshot cache, secrets, the snapshot signing key, logs)
     * @param keycloakOptions extra {@code kc.sh start-dev} options (proxy headers, GeoIP database, ...)
     * @param controlPlaneEnvironment extra environment for the control plane (webhook, ...)
     */
    public record Settings(Path base, Path keycloakHome, Path application, Path providerJar, int keycloakPort,
            int controlPlanePort, List<String> keycloakOptions, Map<String, String> controlPlaneEnvironment) {

        public String keycloakUrl() {
            return "http://localhost:" + keycloakPort;
        }

        public String controlPlaneUrl() {
            return "http://localhost:" + controlPlanePort;
        }

        public Path keycloakLog() {
            return base.resolve("keycloak.log");
        }

        public Path controlPlaneLog() {
            return base.resolve("control-plane.log");
        }

        /** The demo's device CA and the certificates it issued ({@link DeviceCa}). */
        public Path deviceCaDirectory() {
            return base.resolve("device-ca");
        }
    }

    private final Settings settings;
    /** Keycloak first, then the control plane. */
    private final List<Process> processes = new ArrayList<>();
    private Secrets secrets;
    private SnapshotKeyFiles snapshotKeys;
    private Map<String, String> users = Map.of();
    private String automationSecret;
    private boolean seeded;

    private DemoStack(Settings settings) {
        this.settings = settings;
    }

    /** Starts both, waits for them, provisions and seeds; on any failure stops what it started. */
    public static DemoStack start(Settings settings, Consumer<String> progress) throws Exception {
        DemoStack stack = new DemoStack(settings);
        try {
            stack.run(progress);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void run(Consumer<String> progress) throws Exception {
        requireFree(settings.keycloakPort(), "PORTCULLIS_KEYCLOAK_PORT");
        requireFree(settings.controlPlanePort(), "PORTCULLIS_CONTROL_PLANE_PORT");
        Files.createDirectories(settings.base());
        installProvider();
        secrets = Secrets.load(settings.base().resolve("secrets.properties"));
        snapshotKeys = SnapshotKeyFiles.load(settings.base());
        DeviceCa deviceCa = DeviceCa.loadOrCreate(settings.deviceCaDirectory());
        progress.accept("starting Keycloak on " + settings.keycloakUrl() + " and the control plane on "
                + settings.controlPlaneUrl() + " (the first start builds; about a minute)");
        processes.add(startKeycloak(secrets, snapshotKeys, deviceCa));
        processes.add(startControlPlane(secrets, snapshotKeys));
        awaitReady("Keycloak", settings.keycloakUrl() + "/realms/master", processes.get(0), settings.keycloakLog(), progress);
        awaitReady("The control plane", settings.controlPlaneUrl() + "/q/health/ready", processes.get(1),
                settings.controlPlaneLog(), progress);

        progress.accept("provisioning the realms '" + ControlPlaneRealm.REALM + "' (control plane access) and '"
                + DemoDirectory.REALM + "' (the demo organisation), and Conditional Access on '" + MasterRealm.REALM
                + "' (Keycloak's admin console); idempotent");
        try (Keycloak admin = keycloakAdmin()) {
            ControlPlaneRealm.provision(admin, secrets.node(), secrets.automation(), secrets.mdm(), DemoDirectory.PASSWORD,
                    settings.controlPlaneUrl() + "/console/");
            users = DemoDirectory.provision(admin, settings.keycloakUrl(), secrets.directory());
            MasterRealm.govern(admin);
        }
        automationSecret = secrets.automation();
        seeded = ControlPlaneSeed.seedIfEmpty(settings.controlPlaneUrl(), automationToken(), users);
        progress.accept(seeded ? "seeded the rollout through the control plane's API: legacy authentication blocked,"
                + " MFA for the IT pilot, for admin portals and for the control plane's administrators enforced,"
                + " the other templates report-only"
                : "keeping your policies in the control plane");
    }

    /**
     * Keycloak's Admin Client as the master realm's provisioning service account ({@link MasterRealm}):
     * the administrator's own password grant is legacy authentication once master is under policy.
     */
    public Keycloak keycloakAdmin() {
        return keycloakAdmin(settings, secrets);
    }

    static Keycloak keycloakAdmin(Settings settings, Secrets secrets) {
        return MasterRealm.admin(settings.keycloakUrl(), secrets);
    }

    /** User ids of the demo realm by username. */
    public Map<String, String> users() {
        return users;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * A fresh token of the automation client (client credentials): changes policies, named locations
     * and strengths, and reads everything. For what is not about a person signing in.
     */
    public String automationToken() throws IOException, InterruptedException {
        return ControlPlaneSeed.clientToken(settings.keycloakUrl(), ControlPlaneRealm.AUTOMATION_CLIENT, automationSecret);
    }

    /** A fresh token of the nodes' client: ships sign-in records as a Keycloak node does (a test's made-up sign-ins). */
    public String nodeToken() throws IOException, InterruptedException {
        return ControlPlaneSeed.clientToken(settings.keycloakUrl(), ControlPlaneRealm.NODE_CLIENT, secrets.node());
    }

    /**
     * Enrols the user's company laptop as the MDM would ({@link CompanyLaptop}): a certificate from
     * the demo's device CA, and the device, compliant, in the control plane's inventory.
     */
    public DeviceCa.Issued enrolCompanyLaptop(String username) throws Exception {
        return CompanyLaptop.enrol(settings, username);
    }

    /** Stops the control plane alone: Keycloak goes on enforcing what it holds (an outage, or a database to replace). */
    public void stopControlPlane() {
        stop(processes.get(1));
    }

    /** Starts the control plane again, on the same port, data directory and signing key, and waits until it is ready. */
    public void startControlPlane(Consumer<String> progress) throws Exception {
        requireFree(settings.controlPlanePort(), "PORTCULLIS_CONTROL_PLANE_PORT");
        processes.set(1, startControlPlane(secrets, snapshotKeys));
        awaitReady("The control plane", settings.controlPlaneUrl() + "/q/health/ready", processes.get(1),
                settings.controlPlaneLog(), progress);
    }

    /** The control plane's database files (H2), for an operator's (or a test's) backup, restore or reset. */
    public Path controlPlaneDatabase() {
        return settings.base().resolve("data");
    }

    /** Blocks until Keycloak stops. */
    public void awaitExit() throws InterruptedException {
        processes.get(0).waitFor();
    }

    /** Stops Keycloak first, so the sign-ins it still holds reach the control plane, then the control plane. */
    @Override
    public void close() {
        processes.forEach(DemoStack::stop);
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    private void installProvider() throws IOException {
        if (!Files.isExecutable(settings.keycloakHome().resolve("bin/kc.sh"))) {
            throw new IllegalStateException("Keycloak is not unpacked at " + settings.keycloakHome()
                    + ": run ./portcullis, which unpacks it first");
        }
        if (!Files.exists(settings.application())) {
            throw new IllegalStateException("the control plane is not built at " + settings.application()
                    + ": run ./portcullis, which builds it");
        }
        if (!Files.exists(settings.providerJar())) {
            throw new IllegalStateException("the provider JAR is missing at " + settings.providerJar()
                    + ": run ./portcullis, which builds it");
        }
        Path providers = Files.createDirectories(settings.keycloakHome().resolve("providers"));
        Files.copy(settings.providerJar(), providers.resolve("portcullis-provider.jar"), StandardCopyOption.REPLACE_EXISTING);
    }

    private Process startKeycloak(Secrets secrets, SnapshotKeyFiles snapshotKeys, DeviceCa deviceCa) throws IOException {
        String tokenUrl = settings.keycloakUrl() + "/realms/" + ControlPlaneRealm.REALM + "/protocol/openid-connect/token";
        List<String> command = new ArrayList<>(List.of(settings.keycloakHome().resolve("bin/kc.sh").toString(),
                "start-dev", "--http-port=" + settings.keycloakPort(), "--cache=local",
                "--spi-portcullis--default--control-plane-url=" + settings.controlPlaneUrl(),
                "--spi-portcullis--default--token-url=" + tokenUrl,
                "--spi-portcullis--default--client-id=" + ControlPlaneRealm.NODE_CLIENT,
                "--spi-portcullis--default--cache-dir=" + settings.base().resolve("cache"),
                // Pinned: the node enforces only snapshots signed by this control plane's key.
                "--spi-portcullis--default--snapshot-public-key-file=" + snapshotKeys.publicKey(),
                // Devices are known by certificates from the demo's own CA (./portcullis enrol-device).
                "--spi-portcullis--default--device-ca-file=" + deviceCa.certificateFile()));
        command.addAll(settings.keycloakOptions());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.keycloakLog().toFile()));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", KEYCLOAK_ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", KEYCLOAK_ADMIN_PASSWORD);
        // A secret goes through the environment, never the command line (visible to every local user).
        builder.environment().put("KC_SPI_PORTCULLIS__DEFAULT__CLIENT_SECRET", secrets.node());
        return builder.start();
    }

    private Process startControlPlane(Secrets secrets, SnapshotKeyFiles snapshotKeys) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", settings.application().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(settings.controlPlaneLog().toFile()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(settings.controlPlanePort()));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:h2:file:" + controlPlaneDatabase().resolve("control-plane")
                + ";DB_CLOSE_ON_EXIT=FALSE");
        String realm = settings.keycloakUrl() + "/realms/" + ControlPlaneRealm.REALM;
        env.put("PORTCULLIS_JWKS_URL", realm + "/protocol/openid-connect/certs");
        env.put("PORTCULLIS_TOKEN_ISSUER", realm);
        env.put("PORTCULLIS_DIRECTORY_URL", settings.keycloakUrl());
        env.put("PORTCULLIS_DIRECTORY_REALM", DemoDirectory.REALM);
        env.put("PORTCULLIS_DIRECTORY_SECRET", secrets.directory());
        env.put("PORTCULLIS_SNAPSHOT_SIGNING_KEY_FILE", snapshotKeys.privateKey().toString());
        env.putAll(settings.controlPlaneEnvironment());
        return builder.start();
    }

    private static void awaitReady(String what, String healthUrl, Process process, Path log, Consumer<String> progress)
            throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant started = Instant.now();
        Instant deadline = started.plus(Duration.ofMinutes(6));
        Instant nextNote = started.plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            if (Instant.now().isAfter(nextNote)) {
                progress.accept(what + " is still starting (" + Duration.between(started, Instant.now()).toSeconds()
                        + " s; its log is " + log + ")");
                nextNote = nextNote.plus(Duration.ofSeconds(15));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " stopped (exit " + process.exitValue() + "); its log is " + log);
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(healthUrl))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    progress.accept(what + " is ready after " + Duration.between(started, Instant.now()).toSeconds() + " s");
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(what + " was not ready within 6 minutes; its log is " + log);
    }

    private static void requireFree(int port, String variable) {
        try (ServerSocket probe = new ServerSocket(port)) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is in use: stop what runs there, or set " + variable);
        }
    }
}
