package dev.portcullis.adapters.keycloak.push;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** A phone's key pair as WebCrypto makes it in the companion (P-256), for tests and the benchmark driver. */
public final class TestPhone {

    private final KeyPair pair;

    public TestPhone() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            pair = generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key's JWK coordinates, base64url. */
    public String x() {
        return coordinate(((ECPublicKey) pair.getPublic()).getW().getAffineX());
    }

    public String y() {
        return coordinate(((ECPublicKey) pair.getPublic()).getW().getAffineY());
    }

    /** WebCrypto's ECDSA signature: raw r||s, base64url. */
    public String sign(String text) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(pair.getPrivate());
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(32, raw.length);
        System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
