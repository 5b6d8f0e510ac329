package dev.portcullis.adapters.keycloak.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.graphjson.GraphJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {

    private final GraphJson json = new GraphJson();

    @TempDir
    Path dir;

    private byte[] snapshot(long version, String policyName) {
        return TestSnapshots.snapshot(json, version, policyName);
    }

    @Test
    void aNewerValidSnapshotIsTakenAndKeptOnDisk() throws Exception {
        Path lkg = dir.resolve("cache/lkg.json");
        SnapshotStore store = new SnapshotStore(json, Optional.of(lkg));
        assertThat(store.active()).isEmpty();

        assertThat(store.offer(snapshot(3, "v3"), "test")).isTrue();

        assertThat(store.active().orElseThrow().snapshot().version()).isEqualTo(3);
        assertThat(lkg).exists();
        SnapshotStore restarted = new SnapshotStore(json, Optional.of(lkg));
        assertThat(restarted.active().orElseThrow().snapshot().policySet().policies().get(0).displayName()).isEqualTo("v3");
    }

    @Test
    void olderOrInvalidSnapshotsNeverReplaceTheCurrentOne() {
        SnapshotStore store = new SnapshotStore(json, Optional.empty());
        store.offer(snapshot(5, "v5"), "test");

        assertThat(store.offer(snapshot(4, "v4"), "test")).isFalse();
        assertThat(store.offer("{\"version\": 6}".getBytes(StandardCharsets.UTF_8), "test")).isFalse();
        assertThat(store.offer("not json".getBytes(StandardCharsets.UTF_8), "test")).isFalse();

        assertThat(store.active().orElseThrow().snapshot().version()).isEqualTo(5);
    }

    @Test
    void aSnapshotFileIsReadAndReReadWhenItChanges() throws Exception {
        Path file = dir.resolve("snapshot.json");
        Files.write(file, snapshot(1, "from file"));
        SnapshotStore store = new SnapshotStore(json, Optional.empty());
        try (SnapshotPuller puller = new SnapshotPuller(store, Optional.empty(), Optional.of(file), Optional::empty,
                Duration.ofSeconds(1), Duration.ZERO)) {
            puller.refresh();
            assertThat(store.active().orElseThrow().snapshot().version()).isEqualTo(1);
            Files.write(file, snapshot(2, "edited"));
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
            puller.refresh();
            assertThat(store.active().orElseThrow().snapshot().policySet().policies().get(0).displayName())
                    .isEqualTo("edited");
        }
    }
}
