package dev.portcullis.adapters.keycloak.push;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The public half of a companion's P-256 key (its private half never leaves the phone: WebCrypto
 * made it non-extractable). Read from the JWK the companion sends, kept as SPKI, and used to
 * verify ECDSA signatures in WebCrypto's raw r||s form.
 */
public record DeviceKey(ECPublicKey key) {

    private static final ECParameterSpec P256 = p256();

    /** From a JWK's {@code x} and {@code y} (base64url): empty unless they name a point on P-256. */
    public static Optional<DeviceKey> fromJwk(String x, String y) {
        try {
            byte[] xb = Base64.getUrlDecoder().decode(x);
            byte[] yb = Base64.getUrlDecoder().decode(y);
            if (xb.length != 32 || yb.length != 32) {
                return Optional.empty();
            }
            ECPoint point = new ECPoint(new BigInteger(1, xb), new BigInteger(1, yb));
            if (!onCurve(point)) {
                return Optional.empty(); // an invalid point could leak the verifier's secrets elsewhere; refuse it here
            }
            KeyFactory factory = KeyFactory.getInstance("EC");
            return Optional.of(new DeviceKey((ECPublicKey) factory.generatePublic(new ECPublicKeySpec(point, P256))));
        } catch (IllegalArgumentException | NullPointerException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    public static Optional<DeviceKey> fromSpki(String base64) {
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            ECPublicKey key = (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return key.getParams().getCurve().equals(P256.getCurve()) ? Optional.of(new DeviceKey(key)) : Optional.empty();
        } catch (IllegalArgumentException | NullPointerException | ClassCastException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    public String spki() {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** Whether {@code signature} (base64url of r||s, 64 bytes) signs {@code text} (UTF-8) with this key. */
    public boolean verifies(String text, String signature) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(signature);
            if (raw.length != 64) {
                return false;
            }
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update(text.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(raw);
        } catch (IllegalArgumentException | NullPointerException | GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean onCurve(ECPoint point) {
        BigInteger p = ((java.security.spec.ECFieldFp) P256.getCurve().getField()).getP();
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.modPow(BigInteger.TWO, p);
        BigInteger right = x.modPow(BigInteger.valueOf(3), p).add(P256.getCurve().getA().multiply(x))
                .add(P256.getCurve().getB()).mod(p);
        return left.equals(right);
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no P-256", e);
        }
    }
}
