package dev.portcullis.demo;

import dev.portcullis.graphjson.envelope.SigningKey;
import dev.portcullis.graphjson.envelope.SnapshotKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The demo's snapshot signing key: made at random on the first run, its private half in a file only
 * the owner can read (handed to the control plane by path, never printed), its public half pinned
 * in Keycloak. A re-run keeps both, so the node's last-known-good snapshot stays verifiable.
 */
record SnapshotKeyFiles(Path privateKey, Path publicKey) {

    static SnapshotKeyFiles load(Path dir) throws IOException {
        SnapshotKeyFiles files = new SnapshotKeyFiles(dir.resolve("snapshot-signing-key.pem"),
                dir.resolve("snapshot-public-key.pem"));
        SigningKey key;
        if (Files.exists(files.privateKey())) {
            key = SigningKey.fromPem(Files.readString(files.privateKey(), StandardCharsets.US_ASCII));
        } else {
            key = SigningKey.generate();
            Files.createDirectories(dir);
            Files.createFile(files.privateKey(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(files.privateKey(), key.pem(), StandardCharsets.US_ASCII);
        }
        // Always from the private key: a public key file out of step with it would refuse every snapshot.
        Files.writeString(files.publicKey(), SnapshotKeys.pem(key.publicKey()), StandardCharsets.US_ASCII);
        return files;
    }
}
