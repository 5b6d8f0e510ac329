package dev.portcullis.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** What the tests that start the real product on this machine share: ports, clean directories, the provider. */
public final class LocalStack {

    private LocalStack() {}

    /**
     * The product, started from clean directories: {@code target/<directory>} and Keycloak's H2 data
     * are deleted first, so every run starts from empty. Its progress is printed after {@code logPrefix}.
     */
    public static DemoStack startClean(String directory, String logPrefix) throws Exception {
        Path base = Path.of("target", directory).toAbsolutePath();
        deleteRecursively(base);
        Files.createDirectories(base);
        Path keycloakHome = Path.of(System.getProperty("keycloak.home"));
        deleteRecursively(keycloakHome.resolve("data/h2"));
        return DemoStack.start(new DemoStack.Settings(base, keycloakHome, controlPlane(), providerJar(),
                freePort(), freePort(), List.of(), Map.of()), message -> System.out.println(logPrefix + ": " + message));
    }

    /** Waits up to 30 s for something the product does asynchronously (a policy reaching the node, a log line). */
    public static void eventually(String what, Callable<Boolean> condition) throws Exception {
        eventually(what, Duration.ofSeconds(30), condition);
    }

    public static void eventually(String what, Duration limit, Callable<Boolean> condition) throws Exception {
        if (poll(limit, Duration.ofMillis(500), () -> condition.call() ? Optional.of(true) : Optional.empty()).isEmpty()) {
            throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
        }
    }

    /** Asks {@code found} every {@code interval} until it answers or {@code limit} has passed; asks at least once. */
    public static <T> Optional<T> poll(Duration limit, Duration interval, Callable<Optional<T>> found) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            Optional<T> answer = found.call();
            if (answer.isPresent() || !Instant.now().isBefore(deadline)) {
                return answer;
            }
            Thread.sleep(interval.toMillis());
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The control plane the reactor packaged in app (this module comes after it). */
    public static Path controlPlane() {
        return Path.of("../app/target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    }

    /** The provider JAR the reactor built in adapters-keycloak. */
    public static Path providerJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../adapters-keycloak/target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-provider.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build adapters-keycloak first: no provider JAR"))
                    .toAbsolutePath();
        }
    }
}
