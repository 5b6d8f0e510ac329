package dev.portcullis.adapters.keycloak.it;

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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real Keycloak server distribution (unpacked by Maven into target/), with the Portcullis
 * provider JAR installed, started on a free loopback port. One per test suite.
 */
final class KeycloakServer implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-password-for-tests";

    private final Path home;
    private final int port;
    private final Path log;
    private Process process;

    KeycloakServer() throws IOException {
        this(distribution());
    }

    private KeycloakServer(Path home) throws IOException {
        this.home = home;
        Path jar = Path.of(System.getProperty("portcullis.provider.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("provider JAR " + jar + " is missing: build with ./mvnw verify");
        }
        Path providers = home.resolve("providers");
        Files.createDirectories(providers);
        try (Stream<Path> old = Files.list(providers)) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith("portcullis")).toList()) {
                Files.delete(p);
            }
        }
        Files.copy(jar, providers.resolve("portcullis-provider.jar"), StandardCopyOption.REPLACE_EXISTING);
        port = freePort();
        log = home.resolveSibling("keycloak-it.log");
    }

    private static Path distribution() {
        String configured = System.getProperty("keycloak.home");
        if (configured == null) {
            throw new IllegalStateException("keycloak.home is not set: run the integration tests through Maven"
                    + " (./mvnw verify), which unpacks the Keycloak distribution into target/keycloak");
        }
        return Path.of(configured);
    }

    /**
     * A node of a cluster: its own copy of the distribution (data, build and transaction log are a
     * node's own) in {@code target/<name>/}, with its own log beside it.
     */
    static KeycloakServer node(String name) throws IOException {
        Path source = distribution();
        Path copy = source.getParent().resolveSibling(name).resolve(source.getFileName());
        if (Files.exists(copy)) {
            delete(copy);
        }
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path from : walk.filter(p -> !source.relativize(p).startsWith("data")).toList()) {
                Path to = copy.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return new KeycloakServer(copy);
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    Path home() {
        return home;
    }

    /** Wipes the server's database (a fresh realm store for the suite). */
    void resetData() throws IOException {
        Path data = home.resolve("data");
        if (Files.exists(data)) {
            delete(data);
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    void start(Map<String, String> portcullisOptions, List<String> serverOptions) throws Exception {
        launch(List.of("start-dev", "--http-port=" + port, "--http-host=127.0.0.1", "--hostname-strict=false",
                "--cache=local", "--http-management-port=" + freePort()), portcullisOptions, serverOptions);
    }

    /**
     * Production mode as a member of a cluster, the way Keycloak documents it: the shared PostgreSQL,
     * embedded Infinispan discovering its peers with JDBC_PING in that database, on loopback. Users
     * reach every node by one front-end URL, as behind a load balancer.
     */
    void startClustered(Map<String, String> portcullisOptions, List<String> serverOptions, String frontendUrl,
            String jdbcUrl) throws Exception {
        launch(List.of("start", "--http-enabled=true", "--http-port=" + port, "--http-host=127.0.0.1",
                "--hostname=" + frontendUrl, "--http-management-port=" + freePort(), "--db=postgres",
                "--db-url=" + jdbcUrl, "--db-username=postgres", "--db-password=postgres", "--cache=ispn",
                "--cache-stack=jdbc-ping", "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + freePort()), portcullisOptions, serverOptions);
    }

    private void launch(List<String> mode, Map<String, String> portcullisOptions, List<String> serverOptions)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/kc.sh").toString());
        command.addAll(mode);
        command.addAll(serverOptions);
        portcullisOptions.forEach((k, v) -> command.add("--spi-portcullis--default--" + k + "=" + v));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("JAVA_OPTS_APPEND", "-Xms256m -Xmx768m");
        Files.writeString(log, "\n=== start " + Instant.now() + " " + command + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        process = builder.start();
        awaitReady(Duration.ofMinutes(5));
    }

    private void awaitReady(Duration limit) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/realms/master")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak was not ready within " + limit + "; see " + log);
    }

    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        process = null;
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
