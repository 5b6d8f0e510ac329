package dev.portcullis.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * The corpus of real Entra exports, kept byte for byte in {@code testdata/entra-exports} (public,
 * MIT-licensed; its SOURCES.md names each file's repository and commit). A checkout without it is
 * broken, so its absence fails the tests that need it.
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
        Path corpus = (dir == null ? Paths.get("") : dir).resolve("testdata/entra-exports");
        if (!Files.isDirectory(corpus)) {
            throw new AssertionError("the Entra export corpus is missing at " + corpus.normalize()
                    + " (it is part of the repository: check out testdata/)");
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
