package dev.portcullis.app.launcher;

import dev.portcullis.adapters.keycloak.admin.RealmProvisioner;
import dev.portcullis.graphjson.GraphJson;
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
 * {@code ./portcullis}: Keycloak 26.7.3 with the Portcullis provider, a demo realm and the seed
 * rollout, on this machine. Everything lives under {@code .portcullis/} and survives a restart;
 * Ctrl-C stops Keycloak cleanly.
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
        String url = "http://localhost:" + port;
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            fail("Keycloak is not unpacked at " + home + ": run ./portcullis, which unpacks it first");
        }
        installProvider(home);
        Path snapshot = base.resolve("policies/snapshot.json");
        Files.createDirectories(snapshot.getParent());

        step("starting Keycloak " + KEYCLOAK_VERSION + " on " + url + " (the first start builds; about a minute)");
        Process keycloak = startKeycloak(home, port, snapshot, base.resolve("cache"), base.resolve("keycloak.log"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(keycloak), "portcullis-stop"));
        awaitReady(url, keycloak, base.resolve("keycloak.log"));

        step("provisioning the demo realm '" + DemoDirectory.REALM + "' (idempotent)");
        Map<String, String> users;
        try (Keycloak admin = Keycloak.getInstance(url, "master", ADMIN, ADMIN_PASSWORD, "admin-cli")) {
            users = DemoDirectory.provision(new RealmProvisioner(admin, DemoDirectory.REALM), url);
        }
        if (!Files.exists(snapshot)) {
            step("writing the seed rollout to " + snapshot);
            Files.write(snapshot, new GraphJson().writeSnapshot(DemoDirectory.snapshot(users)));
        } else {
            step("keeping your policies in " + snapshot);
        }
        printWelcome(url, snapshot, base.resolve("keycloak.log"));
        keycloak.waitFor();
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

    private static Process startKeycloak(Path home, int port, Path snapshot, Path cache, Path log) throws IOException {
        try (ServerSocket probe = new ServerSocket(port)) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            fail("port " + port + " is in use: stop what runs there, or set PORTCULLIS_KEYCLOAK_PORT");
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--cache=local",
                "--spi-portcullis--default--snapshot-file=" + snapshot,
                "--spi-portcullis--default--cache-dir=" + cache,
                "--spi-portcullis--default--refresh-interval-millis=1000"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return builder.start();
    }

    private static void awaitReady(String url, Process keycloak, Path log) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant started = Instant.now();
        Instant deadline = started.plus(Duration.ofMinutes(6));
        long dots = 0;
        while (Instant.now().isBefore(deadline)) {
            if (!keycloak.isAlive()) {
                fail("Keycloak stopped (exit " + keycloak.exitValue() + "); its log is " + log);
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url + "/realms/master"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    System.out.println();
                    step("Keycloak is ready after " + Duration.between(started, Instant.now()).toSeconds() + " s");
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
        fail("Keycloak was not ready within 6 minutes; its log is " + log);
    }

    private static void printWelcome(String url, Path snapshot, Path log) {
        String realm = url + "/realms/" + DemoDirectory.REALM;
        System.out.println();
        System.out.println("Portcullis is running. Press Ctrl-C to stop.");
        System.out.println();
        System.out.println("  Sign in (account console): " + realm + "/account/");
        System.out.println("  Keycloak admin console:    " + url + "/admin/  (admin / " + ADMIN_PASSWORD + ")");
        System.out.println("  Policies (Graph JSON):     " + snapshot + "  (edit and save: enforced within a second)");
        System.out.println("  Keycloak log:              " + log);
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
        System.out.println("    - The other templates are report-only: set a policy's \"state\" to \"enabled\" in the");
        System.out.println("      policies file and bump \"version\"; the next sign-in follows it.");
        System.out.println();
    }

    private static void stop(Process keycloak) {
        if (!keycloak.isAlive()) {
            return;
        }
        System.out.println("\nstopping Keycloak ...");
        keycloak.descendants().forEach(ProcessHandle::destroy);
        keycloak.destroy();
        try {
            keycloak.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            keycloak.destroyForcibly();
        }
        System.out.println("stopped; your data is kept in .portcullis/");
    }

    private static void step(String message) {
        System.out.println("portcullis: " + message);
    }

    private static void fail(String message) {
        System.err.println("portcullis: " + message);
        System.exit(1);
    }
}
