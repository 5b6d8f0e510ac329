package dev.portcullis.graphjson.envelope;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * The public keys snapshots are verified with, as files and on the wire: PEM ({@code PUBLIC KEY}
 * blocks, one or more) and JWK sets (RFC 7517). A key's id is its RFC 7638 thumbprint, so the
 * control plane and a node name a key alike without agreeing on anything. RSA only, 2048 bits or
 * more: snapshots are signed RS256.
 */
public final class SnapshotKeys {

    public static final int MIN_RSA_BITS = 2048;
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private SnapshotKeys() {}

    /** The key's id: its RFC 7638 JWK thumbprint (SHA-256, base64url). */
    public static String keyId(PublicKey key) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(key).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
        } catch (JoseException e) {
            throw new IllegalArgumentException("not a key a snapshot can be signed with: " + e.getMessage(), e);
        }
    }

    /**
     * The trusted keys in a file's content: a JWK set (JSON) or PEM {@code PUBLIC KEY} blocks.
     *
     * @throws IllegalArgumentException naming what is wrong, when the content holds no usable key
     */
    public static List<RSAPublicKey> read(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8).strip();
        return text.startsWith("{") ? readJwks(text) : readPem(text);
    }

    /** Every {@code PUBLIC KEY} block (X.509 SubjectPublicKeyInfo); any other block is refused, a private key above all. */
    public static List<RSAPublicKey> readPem(String pem) {
        List<RSAPublicKey> keys = new ArrayList<>();
        for (Block block : blocks(pem)) {
            if (!block.type().equals("PUBLIC KEY")) {
                throw new IllegalArgumentException("expected PEM 'PUBLIC KEY' blocks, found '" + block.type()
                        + "' (a node needs only the control plane's public key)");
            }
            try {
                keys.add(rsa(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(block.der()))));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("a PUBLIC KEY block is not an RSA public key: " + e.getMessage(), e);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no PEM 'PUBLIC KEY' block found");
        }
        return List.copyOf(keys);
    }

    /** The RSA signing keys of a JWK set; keys for other uses or algorithms are skipped. */
    public static List<RSAPublicKey> readJwks(String json) {
        List<RSAPublicKey> keys = new ArrayList<>();
        try {
            for (JsonWebKey jwk : new JsonWebKeySet(json).getJsonWebKeys()) {
                boolean signing = jwk.getUse() == null || "sig".equals(jwk.getUse());
                boolean rs256 = jwk.getAlgorithm() == null || AlgorithmIdentifiers.RSA_USING_SHA256.equals(jwk.getAlgorithm());
                if (signing && rs256 && jwk instanceof PublicJsonWebKey publicJwk && publicJwk.getPublicKey() instanceof RSAPublicKey) {
                    keys.add(rsa(publicJwk.getPublicKey()));
                }
            }
        } catch (JoseException e) {
            throw new IllegalArgumentException("not a JWK set: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the JWK set holds no RSA signing key");
        }
        return List.copyOf(keys);
    }

    /** A JWK set of these public keys, each with its id, {@code use: sig} and {@code alg: RS256}; never a private part. */
    public static byte[] writeJwks(Collection<? extends PublicKey> keys) {
        List<JsonWebKey> jwks = new ArrayList<>();
        for (PublicKey key : keys) {
            try {
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(rsa(key));
                jwk.setKeyId(keyId(key));
                jwk.setUse("sig");
                jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
                jwks.add(jwk);
            } catch (JoseException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return new JsonWebKeySet(jwks).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).getBytes(StandardCharsets.UTF_8);
    }

    /** PEM of a public key ({@code PUBLIC KEY}) or private key ({@code PRIVATE KEY}, PKCS#8), as files hold them. */
    public static String pem(Key key) {
        String type = key instanceof PublicKey ? "PUBLIC KEY" : key instanceof PrivateKey ? "PRIVATE KEY" : null;
        if (type == null) {
            throw new IllegalArgumentException("not an asymmetric key");
        }
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END " + type + "-----\n";
    }

    /** One PEM block: its type and its DER bytes. */
    record Block(String type, byte[] der) {}

    static List<Block> blocks(String pem) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = PEM.matcher(pem);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the PEM block '" + m.group(1) + "' is not base64", e);
            }
        }
        return blocks;
    }

    static RSAPublicKey rsa(Key key) {
        if (!(key instanceof RSAPublicKey rsa)) {
            throw new IllegalArgumentException("expected an RSA key (snapshots are signed RS256), got " + key.getAlgorithm());
        }
        requireStrength(rsa);
        return rsa;
    }

    static void requireStrength(RSAKey key) {
        BigInteger modulus = key.getModulus();
        if (modulus.bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException("an RSA key of " + modulus.bitLength() + " bits is too weak: at least "
                    + MIN_RSA_BITS);
        }
    }
}
