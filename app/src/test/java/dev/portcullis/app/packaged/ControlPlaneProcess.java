package dev.portcullis.app.packaged;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;

/**
 * One control-plane replica: the packaged application built for PostgreSQL, in a process of its
 * own, as an operator runs several behind a load balancer. Its output goes to
 * {@code target/replicas/NAME.log}. Made by {@link #postgres}, which returns it ready.
 */
record ControlPlaneProcess(Process process, int port, Path log) implements AutoCloseable {

    private static final Path APPLICATION = Path.of("target/postgresql-app/quarkus-run.jar");
    private static final Duration STARTUP = Duration.ofMinutes(3);

    /** Starts a replica on this database and returns once it reports ready. */
    static ControlPlaneProcess postgres(String jdbcUrl, String name) throws IOException, InterruptedException {
        if (!Files.exists(APPLICATION)) {
            throw new IllegalStateException(APPLICATION + " is missing: build the app module with `package` first");
        }
        int port = freePort();
        Path log = Path.of("target/replicas/" + name + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + jdbcUrl,
                "-Dquarkus.datasource.username=postgres",
                "-Dquarkus.datasource.password=",
                "-Dmp.jwt.verify.publickey.location=" + Path.of("src/test/resources/publicKey.pem").toAbsolutePath(),
                "-Dmp.jwt.verify.issuer=https://portcullis.test",
                "-Dsmallrye.jwt.path.groups=groups",
                "-Dportcullis.snapshot.signing-key-file="
                        + Path.of("src/test/resources/snapshot-signing-key.pem").toAbsolutePath(),
                "-jar", APPLICATION.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ControlPlaneProcess replica = new ControlPlaneProcess(process, port, log);
        replica.awaitReady();
        return replica;
    }

    String baseUri() {
        return "http://localhost:" + port;
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUri() + "/q/health/ready")).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the replica stopped while starting: see " + log.toAbsolutePath());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // starting
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("the replica was not ready within " + STARTUP + ": see " + log.toAbsolutePath());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
