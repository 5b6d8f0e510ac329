package dev.portcullis.adapters.rest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.graphjson.envelope.Opened;
import dev.portcullis.graphjson.envelope.SigningKey;
import dev.portcullis.graphjson.envelope.SnapshotEnvelope;
import dev.portcullis.graphjson.envelope.SnapshotKeys;
import dev.portcullis.graphjson.envelope.TrustedKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control plane's signing key, as an operator configures it (what its start-up refuses). */
class SnapshotSignerTest {

    private static final String KEY_FILE = "src/test/resources/snapshot-signing-key.pem";

    @TempDir
    Path dir;

    @Test
    void withoutASigningKeyTheControlPlaneDoesNotStartAndSaysWhatToSet() {
        assertThatThrownBy(() -> new SnapshotSigner(Optional.empty(), Optional.of(" "), Optional.empty(), Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PORTCULLIS_SNAPSHOT_SIGNING_KEY_FILE").hasMessageContaining("PKCS#8");
    }

    @Test
    void aKeyThatCannotSignIsRefusedWithoutEchoingIt() throws Exception {
        Path publicOnly = dir.resolve("public.pem");
        Files.writeString(publicOnly, SnapshotKeys.pem(SignedSnapshots.KEY.publicKey()));
        assertThatThrownBy(() -> new SnapshotSigner(Optional.of(publicOnly.toString()), Optional.empty(), Optional.empty(), Clock.systemUTC()))
                .hasMessageContaining("expected one PEM 'PRIVATE KEY' block");
        assertThatThrownBy(() -> new SnapshotSigner(Optional.of(dir.resolve("missing.pem").toString()), Optional.empty(),
                Optional.empty(), Clock.systemUTC())).hasMessageContaining("cannot be read");
        String pem = Files.readString(Path.of(KEY_FILE));
        assertThatThrownBy(() -> new SnapshotSigner(Optional.of(KEY_FILE), Optional.of(pem), Optional.empty(), Clock.systemUTC()))
                .hasMessageContaining("give the snapshot signing key once");
        assertThatThrownBy(() -> new SnapshotSigner(Optional.empty(), Optional.of(pem.replace("A", "B")), Optional.empty(), Clock.systemUTC()))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(pem.substring(40, 80)));
    }

    @Test
    void theKeyMayComeAsTextAndTheNextKeyIsPublishedBesideIt() throws Exception {
        SigningKey next = SigningKey.generate();
        Path nextFile = dir.resolve("next.pem");
        Files.writeString(nextFile, SnapshotKeys.pem(next.publicKey()));

        SnapshotSigner signer = new SnapshotSigner(Optional.empty(), Optional.of(Files.readString(Path.of(KEY_FILE))),
                Optional.of(nextFile.toString()), Clock.systemUTC());

        TrustedKeys published = TrustedKeys.of(SnapshotKeys.read(signer.jwks()));
        assertThat(published.find(next.keyId())).contains(next.publicKey());
        Opened opened = SnapshotEnvelope.open(signer.seal("{}".getBytes(StandardCharsets.UTF_8)), published);
        assertThat(((Opened.Verified) opened).keyId()).isEqualTo(SignedSnapshots.KEY.keyId());
        assertThat(SnapshotKeys.read(signer.jwks())).hasSize(2)
                .containsAll(List.of(SignedSnapshots.KEY.publicKey(), next.publicKey()));
    }
}
