package dev.portcullis.app.launcher;

import dev.portcullis.adapters.keycloak.admin.RealmProvisioner;
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
import java.util.stream.Stream;
import org.keycloak.admin.client.Keycloak;

/**
 * {@code ./portcullis}: Keycloak 26.7.3 with the Portcullis provider pulling its policies from the
 * control plane (on its embedded H2 database), a demo realm, and the seed rollout written through
 * the control plane's API. Everything lives under {@code .portcullis/} and survives a restart;
 * Ctrl-C stops both cleanly.
 */
public final class Launcher {

    private static final String KEYCLOAK_VERSION = "26.7.3";
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin";

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Path base = Path.of(".portcullis").toAbsolutePath();
        Path home = base.resolve("keycloak/keycloak-" + KEYCLOAK_VERSION);
        int port = Integer.parseInt(System.getenv().getOrDefault("PORTCULLIS_KEYCLOAK_PORT", "8080"));
        int controlPlanePort = Integer.parseInt(System.getenv().getOrDefault("PORTCULLIS_CONTROL_PLANE_PORT", "8081"));
        String url = "http://localhost:" + port;
        String controlPlane = "http://localhost:" + controlPlanePort;
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            fail("Keycloak is not unpacked at " + home + ": run ./portcullis, which unpacks it first");
        }
        Path application = Path.of("app/target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(application)) {
            fail("the control plane is not built at " + application + ": run ./portcullis, which builds it");
        }
        installProvider(home);
        Secrets secrets = Secrets.load(base.resolve("secrets.properties"));
        requireFree(port, "PORTCULLIS_KEYCLOAK_PORT");
        requireFree(controlPlanePort, "PORTCULLIS_CONTROL_PLANE_PORT");

        step("starting Keycloak " + KEYCLOAK_VERSION + " on " + url + " and the control plane on " + controlPlane
                + " (the first start builds; about a minute)");
        List<Process> running = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(running), "portcullis-stop"));
        Path keycloakLog = base.resolve("keycloak.log");
        Path controlPlaneLog = base.resolve("control-plane.log");
        running.add(startKeycloak(home, port, controlPlane, secrets, base.resolve("cache"), keycloakLog));
        running.add(startControlPlane(application, base, controlPlanePort, url, secrets, controlPlaneLog));
        awaitReady("Keycloak", url + "/realms/master", running.get(0), keycloakLog);
        awaitReady("The control plane", controlPlane + "/q/health/ready", running.get(1), controlPlaneLog);

        step("provisioning the realms '" + ControlPlaneRealm.REALM + "' (control plane access) and '"
                + DemoDirectory.REALM + "' (the demo organisation); idempotent");
        Map<String, String> users;
        try (Keycloak admin = Keycloak.getInstance(url, "master", ADMIN, ADMIN_PASSWORD, "admin-cli")) {
            ControlPlaneRealm.provision(admin, secrets.node(), DemoDirectory.PASSWORD);
            users = DemoDirectory.provision(new RealmProvisioner(admin, DemoDirectory.REALM), url, secrets.directory());
        }
        String token = ControlPlaneSeed.adminToken(url, ControlPlaneRealm.ADMIN_USER, DemoDirectory.PASSWORD);
        if (ControlPlaneSeed.seedIfEmpty(controlPlane, token, users)) {
            step("seeded the rollout through the control plane's API: legacy authentication blocked, MFA for the"
                    + " IT pilot enforced, the other templates report-only");
        } else {
            step("keeping your policies in the control plane");
        }
        printWelcome(url, controlPlane, keycloakLog, controlPlaneLog);
        running.get(0).waitFor();
    }

    private static void requireFree(int port, String variable) {
        try (ServerSocket probe = new ServerSocket(port)) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            fail("port " + port + " is in use: stop what runs there, or set " + variable);
        }
    }

    private static void installProvider(Path home) throws IOException {
        Path target = Path.of("adapters-keycloak/target");
        Path jar;
        try (Stream<Path> files = Files.list(target)) {
            jar = files.filter(p -> p.getFileName().toString().matches("portcullis-adapters-keycloak-.*-provider\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("provider JAR not built"));
        } catch (IOException | IllegalStateException e) {
            fail("the provider JAR is missing in adapters-keycloak/target: run ./portcullis, which builds it");
            return;
        }
        Path providers = Files.createDirectories(home.resolve("providers"));
        Files.copy(jar, providers.resolve("portcullis-provider.jar"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static Process startKeycloak(Path home, int port, String controlPlane, Secrets secrets, Path cache,
            Path log) throws IOException {
        String tokenUrl = "http://localhost:" + port + "/realms/" + ControlPlaneRealm.REALM
                + "/protocol/openid-connect/token";
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--cache=local",
                "--spi-portcullis--default--control-plane-url=" + controlPlane,
                "--spi-portcullis--default--token-url=" + tokenUrl,
                "--spi-portcullis--default--client-id=" + ControlPlaneRealm.NODE_CLIENT,
                "--spi-portcullis--default--cache-dir=" + cache));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // A secret goes through the environment, never the command line (visible to every local user).
        builder.environment().put("KC_SPI_PORTCULLIS__DEFAULT__CLIENT_SECRET", secrets.node());
        return builder.start();
    }

    private static Process startControlPlane(Path application, Path base, int port, String keycloak, Secrets secrets,
            Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-jar", application.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:h2:file:" + base.resolve("data/control-plane")
                + ";DB_CLOSE_ON_EXIT=FALSE");
        env.put("PORTCULLIS_JWKS_URL", keycloak + "/realms/" + ControlPlaneRealm.REALM + "/protocol/openid-connect/certs");
        env.put("PORTCULLIS_TOKEN_ISSUER", keycloak + "/realms/" + ControlPlaneRealm.REALM);
        env.put("PORTCULLIS_DIRECTORY_URL", keycloak);
        env.put("PORTCULLIS_DIRECTORY_REALM", DemoDirectory.REALM);
        env.put("PORTCULLIS_DIRECTORY_SECRET", secrets.directory());
        return builder.start();
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static void awaitReady(String what, String healthUrl, Process process, Path log) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant started = Instant.now();
        Instant deadline = started.plus(Duration.ofMinutes(6));
        long dots = 0;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail(what + " stopped (exit " + process.exitValue() + "); its log is " + log);
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(healthUrl))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    System.out.println();
                    step(what + " is ready after " + Duration.between(started, Instant.now()).toSeconds() + " s");
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            if (++dots % 10 == 0) {
                System.out.print(".");
                System.out.flush();
            }
            Thread.sleep(500);
        }
        fail(what + " was not ready within 6 minutes; its log is " + log);
    }

    private static void printWelcome(String url, String controlPlane, Path keycloakLog, Path controlPlaneLog) {
        String realm = url + "/realms/" + DemoDirectory.REALM;
        System.out.println();
        System.out.println("Portcullis is running. Press Ctrl-C to stop.");
        System.out.println();
        System.out.println("  Sign in (account console): " + realm + "/account/");
        System.out.println("  Keycloak admin console:    " + url + "/admin/  (admin / " + ADMIN_PASSWORD + ")");
        System.out.println("  Control plane API:         " + controlPlane + "/q/swagger-ui/  (OpenAPI: " + controlPlane
                + "/openapi)");
        System.out.println("  Control plane sign-in:     " + ControlPlaneRealm.ADMIN_USER + " (administrator) or "
                + ControlPlaneRealm.READER_USER + " (reader), password " + DemoDirectory.PASSWORD);
        System.out.println("  Logs:                      " + keycloakLog + ", " + controlPlaneLog);
        System.out.println();
        System.out.println("  Demo users, password " + DemoDirectory.PASSWORD + ":");
        for (DemoDirectory.Person person : DemoDirectory.PEOPLE) {
            System.out.printf("    %-16s %s%n", person.username(), person.story());
        }
        System.out.println();
        System.out.println("  Try:");
        System.out.println("    - ivan.it signs in: MFA for the IT pilot is enforced, so he is asked for more information");
        System.out.println("      and registers an authenticator app; anna.accountant gets no prompt from the office.");
        System.out.println("    - The legacy mail client's password grant is blocked (legacy authentication):");
        System.out.println("      curl -s -d grant_type=password -d client_id=legacy-mail -d username=anna.accountant \\");
        System.out.println("           -d password=" + DemoDirectory.PASSWORD + " " + realm + "/protocol/openid-connect/token");
        System.out.println("    - Talk to the control plane as its administrator:");
        System.out.println("      TOKEN=$(curl -s -d grant_type=password -d client_id=" + ControlPlaneRealm.CLI_CLIENT
                + " -d username=" + ControlPlaneRealm.ADMIN_USER + " -d password=" + DemoDirectory.PASSWORD + " \\");
        System.out.println("           " + url + "/realms/" + ControlPlaneRealm.REALM
                + "/protocol/openid-connect/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
        System.out.println("      curl -s -H \"Authorization: Bearer $TOKEN\" " + controlPlane
                + "/v1.0/identity/conditionalAccess/policies");
        System.out.println("    - The other templates are report-only: PATCH a policy's \"state\" to \"enabled\" (with the");
        System.out.println("      If-Match its ETag gives), and the next sign-in follows it within about a second.");
        System.out.println();
    }

    private static void stopAll(List<Process> processes) {
        for (Process process : processes) {
            stop(process);
        }
        System.out.println("stopped; your data is kept in .portcullis/");
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        System.out.println("stopping pid " + process.pid() + " ...");
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    private static void step(String message) {
        System.out.println("portcullis: " + message);
    }

    private static void fail(String message) {
        System.err.println("portcullis: " + message);
        System.exit(1);
    }
}
