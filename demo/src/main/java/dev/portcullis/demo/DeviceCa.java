package dev.portcullis.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The demo organisation's device CA, doing what an MDM's certificate profile (SCEP, PKCS) does for
 * a company laptop: one CA made once under {@code .portcullis/device-ca/}, whose certificate
 * Keycloak's {@code device-ca-file} trusts, and a client certificate per enrolled device that names
 * the device in the {@code urn:portcullis:device:ID} subject alternative name the provider reads.
 * The CA's private key stays in a file only the owner can read.
 */
public final class DeviceCa {

    /** A device's certificate and where its files are. */
    public record Issued(String deviceId, X509Certificate certificate, Path certificateFile, Path keyFile,
            Path pkcs12File) {

        /** RFC 9440: the certificate as a reverse proxy forwards it in the {@code Client-Cert} header. */
        public String clientCertHeader() throws GeneralSecurityException {
            return ":" + Base64.getEncoder().encodeToString(certificate.getEncoded()) + ":";
        }
    }

    /** What a browser's certificate import asks for; the file is as private as the key in it. */
    public static final String PKCS12_PASSWORD = "portcullis";
    private static final String DEVICE_URI_PREFIX = "urn:portcullis:device:";
    private static final String SIGNATURE = "SHA256withECDSA";

    private final Path directory;
    private final X509Certificate certificate;
    private final PrivateKey key;

    private DeviceCa(Path directory, X509Certificate certificate, PrivateKey key) {
        this.directory = directory;
        this.certificate = certificate;
        this.key = key;
    }

    /** The CA kept in {@code directory}, made there on the first call. */
    public static DeviceCa loadOrCreate(Path directory) throws IOException, GeneralSecurityException {
        Path certificateFile = directory.resolve("ca.pem");
        Path keyFile = directory.resolve("ca-key.pem");
        if (Files.exists(certificateFile) && Files.exists(keyFile)) {
            X509Certificate certificate;
            try (var in = Files.newInputStream(certificateFile)) {
                certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(fromPem(keyFile)));
            return new DeviceCa(directory, certificate, key);
        }
        Files.createDirectories(directory);
        KeyPair keys = ecKeys();
        X500Name subject = new X500Name("CN=Portcullis Demo Device CA");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), subject, keys.getPublic());
        addExtension(builder, Extension.basicConstraints, true, new BasicConstraints(true));
        addExtension(builder, Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate certificate = sign(builder, keys.getPrivate());
        writePrivate(keyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
        Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));
        return new DeviceCa(directory, certificate, keys.getPrivate());
    }

    /** The file Keycloak's {@code device-ca-file} option names. */
    public Path certificateFile() {
        return directory.resolve("ca.pem");
    }

    /**
     * A client certificate for one device, valid for a year, written beside the CA as
     * {@code ID.pem}, {@code ID-key.pem} and {@code ID.p12} (for a browser's certificate store).
     */
    public Issued issue(String deviceId) throws IOException, GeneralSecurityException {
        if (!deviceId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("a device id is 1 to 64 letters, digits, '.', '_' or '-': " + deviceId);
        }
        KeyPair keys = ecKeys();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(365))),
                new X500Name("CN=" + deviceId), keys.getPublic());
        addExtension(builder, Extension.subjectAlternativeName, false, new GeneralNames(
                new GeneralName(GeneralName.uniformResourceIdentifier, DEVICE_URI_PREFIX + deviceId)));
        addExtension(builder, Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        X509Certificate device = sign(builder, key);

        Path certificateFile = directory.resolve(deviceId + ".pem");
        Path keyFile = directory.resolve(deviceId + "-key.pem");
        Path pkcs12File = directory.resolve(deviceId + ".p12");
        Files.writeString(certificateFile, pem("CERTIFICATE", device.getEncoded()));
        writePrivate(keyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(deviceId, keys.getPrivate(), PKCS12_PASSWORD.toCharArray(), new X509Certificate[] {device, certificate});
        try (OutputStream out = Files.newOutputStream(writePrivate(pkcs12File, new byte[0]))) {
            store.store(out, PKCS12_PASSWORD.toCharArray());
        }
        return new Issued(deviceId, device, certificateFile, keyFile, pkcs12File);
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE);
    }

    private static void addExtension(JcaX509v3CertificateBuilder builder, org.bouncycastle.asn1.ASN1ObjectIdentifier oid,
            boolean critical, org.bouncycastle.asn1.ASN1Encodable value) throws GeneralSecurityException {
        try {
            builder.addExtension(oid, critical, value);
        } catch (org.bouncycastle.cert.CertIOException e) {
            throw new GeneralSecurityException("could not encode " + oid, e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE)
                    .build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("could not sign with " + SIGNATURE, e);
        }
    }

    /** A file only the owner can read or write, created so before anything is written into it. */
    private static Path writePrivate(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.write(file, content);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] fromPem(Path file) throws IOException {
        String text = Files.readString(file).replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(text);
    }
}
