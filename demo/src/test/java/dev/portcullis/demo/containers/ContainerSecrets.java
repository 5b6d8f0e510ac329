package dev.portcullis.demo.containers;

import dev.portcullis.adapters.keycloak.device.TestPki;
import dev.portcullis.demo.ControlPlaneRealm;
import dev.portcullis.demo.LocalStack;
import dev.portcullis.graphjson.envelope.SigningKey;
import dev.portcullis.graphjson.envelope.SnapshotKeys;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a container test hands its containers, made fresh for each run: a CA and the control plane's
 * TLS certificate from it, and the snapshot signing key pair. Each side gets only its own files,
 * mounted read-only at {@code /run/portcullis}: Keycloak the CA ({@code ca.pem}) and the snapshot
 * public key; the control plane {@code tls.crt}, {@code tls.key} and the snapshot signing key.
 *
 * @param http trusts the test CA only: the test reaches the control plane over HTTPS too
 */
record ContainerSecrets(Path keycloakFiles, Path controlPlaneFiles, HttpClient http) {

    /** Under {@code base} (emptied first); the certificate names the control plane's host names and {@code localhost}. */
    static ContainerSecrets make(Path base, String... controlPlaneHosts) throws Exception {
        LocalStack.deleteRecursively(base);
        Path keycloakFiles = Files.createDirectories(base.resolve("keycloak"));
        Path controlPlaneFiles = Files.createDirectories(base.resolve("control-plane"));
        TestPki ca = new TestPki("Portcullis container test CA");
        String[] hosts = new String[controlPlaneHosts.length + 1];
        System.arraycopy(controlPlaneHosts, 0, hosts, 0, controlPlaneHosts.length);
        hosts[controlPlaneHosts.length] = "localhost";
        TestPki.Issued tls = ca.server(hosts);
        String caPem = TestPki.pem("CERTIFICATE", ca.caCertificate().getEncoded());
        Files.writeString(controlPlaneFiles.resolve("tls.crt"), TestPki.pem("CERTIFICATE", tls.certificate().getEncoded()) + caPem);
        Files.writeString(controlPlaneFiles.resolve("tls.key"), TestPki.pem("PRIVATE KEY", tls.keys().getPrivate().getEncoded()));
        SigningKey snapshotKey = SigningKey.generate();
        Files.writeString(controlPlaneFiles.resolve("snapshot-signing-key.pem"), snapshotKey.pem());
        Files.writeString(keycloakFiles.resolve("ca.pem"), caPem);
        Files.writeString(keycloakFiles.resolve("snapshot-public-key.pem"), SnapshotKeys.pem(snapshotKey.publicKey()));
        return new ContainerSecrets(keycloakFiles, controlPlaneFiles, HttpClient.newBuilder().sslContext(ca.trusting()).build());
    }

    /**
     * {@code podman run} arguments for a Keycloak node: its files, the bootstrap administrator, and the
     * Portcullis options that reach the control plane ({@code controlPlaneUrls}, one or several) over
     * TLS only, verifying snapshots against the pinned key, with a token from {@code tokenUrl}.
     */
    List<String> keycloakArguments(String controlPlaneUrls, String tokenUrl, String nodeSecret) {
        return List.of("-v", keycloakFiles + ":/run/portcullis:ro",
                "-e", "KC_BOOTSTRAP_ADMIN_USERNAME=admin", "-e", "KC_BOOTSTRAP_ADMIN_PASSWORD=admin",
                "-e", "KC_SPI_PORTCULLIS__DEFAULT__CONTROL_PLANE_URL=" + controlPlaneUrls,
                // The control plane's certificate chains to the test CA, which Keycloak trusts.
                "-e", "KC_TRUSTSTORE_PATHS=/run/portcullis/ca.pem",
                "-e", "KC_SPI_PORTCULLIS__DEFAULT__SNAPSHOT_PUBLIC_KEY_FILE=/run/portcullis/snapshot-public-key.pem",
                "-e", "KC_SPI_PORTCULLIS__DEFAULT__TOKEN_URL=" + tokenUrl,
                "-e", "KC_SPI_PORTCULLIS__DEFAULT__CLIENT_ID=" + ControlPlaneRealm.NODE_CLIENT,
                "-e", "KC_SPI_PORTCULLIS__DEFAULT__CLIENT_SECRET=" + nodeSecret,
                "-e", "KC_SPI_PORTCULLIS__DEFAULT__CACHE_DIR=/opt/keycloak/data/portcullis",
                "-e", "KC_SPI_PORTCULLIS__DEFAULT__REFRESH_INTERVAL_MILLIS=500");
    }

    /**
     * {@code podman run} arguments for a control plane: its files (TLS, the snapshot signing key), and
     * Keycloak at {@code keycloakInside} (on the network) for token keys and the directory of
     * {@code realm}; tokens are issued as {@code keycloakOutside}, the address users see.
     */
    List<String> controlPlaneArguments(String keycloakInside, String keycloakOutside, String realm, String directorySecret) {
        return List.of("-v", controlPlaneFiles + ":/run/portcullis:ro",
                "-e", "QUARKUS_HTTP_SSL_CERTIFICATE_FILES=/run/portcullis/tls.crt",
                "-e", "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES=/run/portcullis/tls.key",
                "-e", "PORTCULLIS_SNAPSHOT_SIGNING_KEY_FILE=/run/portcullis/snapshot-signing-key.pem",
                "-e", "PORTCULLIS_JWKS_URL=" + keycloakInside + "/realms/portcullis/protocol/openid-connect/certs",
                "-e", "PORTCULLIS_TOKEN_ISSUER=" + keycloakOutside + "/realms/portcullis",
                "-e", "PORTCULLIS_DIRECTORY_URL=" + keycloakInside, "-e", "PORTCULLIS_DIRECTORY_REALM=" + realm,
                "-e", "PORTCULLIS_DIRECTORY_SECRET=" + directorySecret);
    }
}
