package dev.portcullis.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The corpus of real Entra exports ({@code ../shared/entra-exports} beside the repository, kept
 * byte for byte). Missing in CI ({@code CI=true}) is a failure; elsewhere the tests that need it are
 * skipped, loudly.
 */
public final class EntraCorpus {

    /** One exported file: its path inside the corpus (with '/') and its bytes as the author kept them. */
    public record Export(String name, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    private EntraCorpus() {}

    public static Path root() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Path corpus = dir == null ? Paths.get("../shared/entra-exports") : dir.resolve("../shared/entra-exports");
        if (!Files.isDirectory(corpus)) {
            String message = "the Entra export corpus is missing at " + corpus.normalize()
                    + " (a copy of shared/ beside the clone)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            System.err.println("SKIPPED: " + message);
            Assumptions.abort(message);
        }
        return corpus.normalize();
    }

    /** Every JSON file of the corpus, ordered by path. */
    public static List<Export> exports() {
        Path root = root();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
                    .map(f -> new Export(root.relativize(f).toString().replace('\\', '/'), read(f))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
