package dev.portcullis.demo.containers;

import dev.portcullis.adapters.keycloak.device.TestPki;
import dev.portcullis.demo.LocalStack;
import dev.portcullis.graphjson.envelope.SigningKey;
import dev.portcullis.graphjson.envelope.SnapshotKeys;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;

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
        Files.writeString(controlPlaneFiles.resolve("snapshot-signing-key.pem"), SnapshotKeys.pem(snapshotKey.privateKey()));
        Files.writeString(keycloakFiles.resolve("ca.pem"), caPem);
        Files.writeString(keycloakFiles.resolve("snapshot-public-key.pem"), SnapshotKeys.pem(snapshotKey.publicKey()));
        return new ContainerSecrets(keycloakFiles, controlPlaneFiles, HttpClient.newBuilder().sslContext(ca.trusting()).build());
    }
}
