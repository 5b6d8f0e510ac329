package dev.portcullis.graphjson.envelope;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;

/**
 * The control plane's snapshot signing key: an RSA private key (PKCS#8 PEM, 2048 bits or more) with
 * the public key derived from it and the id nodes look it up by.
 */
public record SigningKey(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey, String keyId) {

    /**
     * Reads a PKCS#8 {@code PRIVATE KEY} PEM block (what {@code openssl genpkey -algorithm RSA} writes).
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
        try {
            if (KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(block.der()))
                    instanceof RSAPrivateCrtKey key) {
                return of(key);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the PRIVATE KEY block is not an RSA key (snapshots are signed RS256)", e);
        }
        throw new IllegalArgumentException("the RSA private key lacks its CRT parameters: the public key cannot be derived");
    }

    /** A new random key (3072 bits): the demo's first run, and tests. */
    public static SigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            KeyPair pair = generator.generateKeyPair();
            return of((RSAPrivateCrtKey) pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is always available in the JDK", e);
        }
    }

    /**
     * Prints a new random key as PKCS#8 PEM, for where openssl is missing (the control plane image's
     * class-data-sharing run at build time, which must start the application and then forgets the key).
     */
    public static void main(String[] args) {
        System.out.print(SnapshotKeys.pem(generate().privateKey()));
    }

    private static SigningKey of(RSAPrivateCrtKey key) throws GeneralSecurityException {
        SnapshotKeys.requireStrength(key);
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        return new SigningKey(key, publicKey, SnapshotKeys.keyId(publicKey));
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + keyId + "]";
    }
}
