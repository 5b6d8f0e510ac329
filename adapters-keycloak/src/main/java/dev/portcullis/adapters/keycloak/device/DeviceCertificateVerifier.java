package dev.portcullis.adapters.keycloak.device;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Proves which device is signing in from its client certificate (mutual TLS, as Keycloak's X.509
 * lookup hands it over, directly or from a reverse proxy). The chain must lead to one of the
 * configured device CAs and be valid now, and the certificate must allow client authentication;
 * only then is its device id believed. A header, a self-signed certificate or one from another CA
 * proves nothing. Revocation is the inventory's job: a removed device is unknown.
 *
 * <p>The device id is the {@code urn:portcullis:device:ID} URI in the subject alternative names,
 * or else the subject's common name.
 */
public final class DeviceCertificateVerifier {

    static final String DEVICE_URI_PREFIX = "urn:portcullis:device:";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int SAN_URI = 6;

    private final Set<TrustAnchor> anchors;

    public DeviceCertificateVerifier(Collection<X509Certificate> deviceCas) {
        if (deviceCas.isEmpty()) {
            throw new IllegalArgumentException("at least one device CA certificate is required");
        }
        Set<TrustAnchor> set = new HashSet<>();
        deviceCas.forEach(ca -> set.add(new TrustAnchor(ca, null)));
        this.anchors = Set.copyOf(set);
    }

    /** Reads the device CA certificates from a PEM file. */
    public static DeviceCertificateVerifier fromPem(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends java.security.cert.Certificate> certs =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            return new DeviceCertificateVerifier(certs.stream().map(c -> (X509Certificate) c).toList());
        }
    }

    /**
     * @param chain the client's chain, leaf first (as Keycloak's lookup returns it); may be null
     * @return the proven device id, or empty when the chain proves nothing
     */
    public Optional<String> verifiedDeviceId(X509Certificate[] chain, Instant now) {
        if (chain == null || chain.length == 0) {
            return Optional.empty();
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            // The path excludes a trust anchor the client may have appended: anchors come from config only.
            List<X509Certificate> path = Arrays.stream(chain)
                    .filter(c -> anchors.stream().noneMatch(a -> a.getTrustedCert().equals(c))).toList();
            if (path.isEmpty()) {
                return Optional.empty();
            }
            CertPath certPath = factory.generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            X509Certificate leaf = path.get(0);
            List<String> usages = leaf.getExtendedKeyUsage();
            if (usages != null && !usages.contains(CLIENT_AUTH)) {
                return Optional.empty();
            }
            return deviceId(leaf);
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> deviceId(X509Certificate leaf) throws GeneralSecurityException {
        Collection<List<?>> names = leaf.getSubjectAlternativeNames();
        if (names != null) {
            for (List<?> name : names) {
                if (name.size() == 2 && Integer.valueOf(SAN_URI).equals(name.get(0))
                        && name.get(1) instanceof String uri && uri.startsWith(DEVICE_URI_PREFIX)
                        && uri.length() > DEVICE_URI_PREFIX.length()) {
                    return Optional.of(uri.substring(DEVICE_URI_PREFIX.length()));
                }
            }
        }
        try {
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
