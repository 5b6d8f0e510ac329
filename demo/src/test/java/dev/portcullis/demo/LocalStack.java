package dev.portcullis.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** What the tests that start the real product on this machine share: ports, clean directories, the provider. */
public final class LocalStack {

    private LocalStack() {}

    /** Waits up to 30 s for something the product does asynchronously (a policy reaching the node, a log line). */
    public static void eventually(String what, Callable<Boolean> condition) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (condition.call()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not within 30 s: " + what);
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
