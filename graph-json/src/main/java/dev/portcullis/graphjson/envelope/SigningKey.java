package dev.portcullis.graphjson.envelope;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The control plane's snapshot signing key, with the public key derived from it and the id nodes look
 * it up by: an EC key on P-256, signing ES256 (what {@link #generate()} makes: a 64-byte signature,
 * so one fact change stays under a kilobyte), or an RSA key of 2048 bits or more, signing RS256 (the
 * keys of earlier releases, still read and still trusted).
 */
public record SigningKey(PrivateKey privateKey, PublicKey publicKey, String keyId) {

    /** The JWS algorithm this key signs with: {@code ES256} or {@code RS256}. */
    public String algorithm() {
        return SnapshotKeys.algorithm(publicKey);
    }

    /**
     * Reads a PKCS#8 {@code PRIVATE KEY} PEM block, as {@code openssl genpkey} writes one (an EC key
     * with {@code -pkeyopt ec_paramgen_curve:P-256}, or an RSA key).
     *
     * @throws IllegalArgumentException naming what is wrong, never echoing the key
     */
    public static SigningKey fromPem(String pem) {
        List<SnapshotKeys.Block> blocks = SnapshotKeys.blocks(pem).stream()
                .filter(b -> b.type().endsWith("PRIVATE KEY")).toList();
        if (blocks.size() != 1) {
            throw new IllegalArgumentException("expected one PEM 'PRIVATE KEY' block, found " + blocks.size());
        }
        SnapshotKeys.Block block = blocks.get(0);
        if (!block.type().equals("PRIVATE KEY")) {
            throw new IllegalArgumentException("a '" + block.type() + "' block is not supported: give an unencrypted"
                    + " PKCS#8 'PRIVATE KEY' (openssl pkcs8 -topk8 -nocrypt converts one) and keep it in a secret store");
        }
        PrivateKey key = privateKey(block.der());
        if (key instanceof ECPrivateKey ec) {
            return of(ec, P256.publicKeyIn(block.der()));
        }
        if (key instanceof RSAPrivateCrtKey rsa) {
            return of(rsa);
        }
        throw new IllegalArgumentException("the RSA private key lacks its CRT parameters: the public key cannot be derived");
    }

    /** A new random key on P-256: the demo's first run, and tests. */
    public static SigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(P256.PARAMETERS);
            KeyPair pair = generator.generateKeyPair();
            return of((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is always available in the JDK", e);
        }
    }

    /** A new random RSA key (3072 bits), as earlier releases made them. */
    public static SigningKey generateRsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            return of((RSAPrivateCrtKey) generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is always available in the JDK", e);
        }
    }

    /** The private key as a PKCS#8 {@code PRIVATE KEY} PEM file holds it; {@link #fromPem} reads it back. */
    public String pem() {
        byte[] der = privateKey instanceof ECPrivateKey ec ? P256.pkcs8(ec, (ECPublicKey) publicKey) : privateKey.getEncoded();
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n";
    }

    /**
     * Prints a new random key as PKCS#8 PEM, for where openssl is missing (the control plane image's
     * class-data-sharing run at build time, which must start the application and then forgets the key).
     */
    public static void main(String[] args) {
        System.out.print(generate().pem());
    }

    private static PrivateKey privateKey(byte[] der) {
        return SnapshotKeys.decode(factory -> factory.generatePrivate(new PKCS8EncodedKeySpec(der)),
                "the PRIVATE KEY block is neither an EC nor an RSA key (snapshots are signed ES256 or RS256)");
    }

    private static SigningKey of(RSAPrivateCrtKey key) {
        SnapshotKeys.requireStrength(key);
        try {
            PublicKey publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            return new SigningKey(key, publicKey, SnapshotKeys.keyId(publicKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the RSA private key's public key cannot be derived: " + e.getMessage(), e);
        }
    }

    private static SigningKey of(ECPrivateKey key, ECPublicKey publicKey) {
        if (!P256.isP256(key) || !P256.isP256(publicKey)) {
            throw new IllegalArgumentException("an EC key must be on P-256 (snapshots are signed ES256)");
        }
        requirePair(key, publicKey);
        return new SigningKey(key, publicKey, SnapshotKeys.keyId(publicKey));
    }

    /** A file whose public key is not its private key's would sign snapshots no node can verify. */
    private static void requirePair(ECPrivateKey key, ECPublicKey publicKey) {
        try {
            byte[] probe = "portcullis".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey);
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException("the EC private key carries a public key that is not its own");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the EC key cannot sign: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + keyId + ", alg=" + algorithm() + "]";
    }
}
