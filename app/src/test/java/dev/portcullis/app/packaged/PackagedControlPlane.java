package dev.portcullis.app.packaged;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the packaged application is started with for the integration tests: the test key to verify
 * tokens, groups as the role claim, the test key to sign snapshots with, and a throwaway database. The same settings reach a native
 * executable unchanged.
 */
public class PackagedControlPlane implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey.location", Path.of("src/test/resources/publicKey.pem").toAbsolutePath().toString(),
                "mp.jwt.verify.issuer", "https://portcullis.test",
                "smallrye.jwt.path.groups", "groups",
                "portcullis.snapshot.signing-key-file",
                Path.of("src/test/resources/snapshot-signing-key.pem").toAbsolutePath().toString(),
                "quarkus.datasource.jdbc.url", "jdbc:h2:file:" + Path.of("target/packaged-it/control-plane-" + System.currentTimeMillis()).toAbsolutePath()
                        + ";DB_CLOSE_ON_EXIT=FALSE");
    }

    @Override
    public void stop() {
        // each run has its own database under target/
    }
}
