package dev.portcullis.graphjson.envelope;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
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
 * control plane and a node name a key alike without agreeing on anything. Two kinds, each bound to
 * one algorithm so that a signature's header cannot choose how a key is used: EC on P-256 signs ES256,
 * RSA of 2048 bits or more signs RS256.
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
     * The one algorithm this key verifies: {@code ES256} for P-256, {@code RS256} for RSA.
     *
     * @throws IllegalArgumentException for any other key, or an RSA key under 2048 bits
     */
    public static String algorithm(PublicKey key) {
        if (key instanceof ECPublicKey ec && P256.isP256(ec)) {
            return AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
        }
        if (key instanceof RSAPublicKey rsa) {
            requireStrength(rsa);
            return AlgorithmIdentifiers.RSA_USING_SHA256;
        }
        throw new IllegalArgumentException("expected an EC P-256 (ES256) or an RSA (RS256) key, got "
                + (key instanceof ECPublicKey ? "EC on another curve" : key.getAlgorithm()));
    }

    /**
     * The trusted keys in a file's content: a JWK set (JSON) or PEM {@code PUBLIC KEY} blocks.
     *
     * @throws IllegalArgumentException naming what is wrong, when the content holds no usable key
     */
    public static List<PublicKey> read(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8).strip();
        return text.startsWith("{") ? readJwks(text) : readPem(text);
    }

    /** Every {@code PUBLIC KEY} block (X.509 SubjectPublicKeyInfo); any other block is refused, a private key above all. */
    public static List<PublicKey> readPem(String pem) {
        List<PublicKey> keys = new ArrayList<>();
        for (Block block : blocks(pem)) {
            if (!block.type().equals("PUBLIC KEY")) {
                throw new IllegalArgumentException("expected PEM 'PUBLIC KEY' blocks, found '" + block.type()
                        + "' (a node needs only the control plane's public key)");
            }
            PublicKey key = publicKey(block.der());
            algorithm(key);
            keys.add(key);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no PEM 'PUBLIC KEY' block found");
        }
        return List.copyOf(keys);
    }

    /**
     * The signing keys of a JWK set that snapshots can be signed with (EC P-256 for ES256, RSA for
     * RS256); keys for other uses, algorithms or curves are skipped.
     */
    public static List<PublicKey> readJwks(String json) {
        List<PublicKey> keys = new ArrayList<>();
        try {
            for (JsonWebKey jwk : new JsonWebKeySet(json).getJsonWebKeys()) {
                boolean signing = jwk.getUse() == null || "sig".equals(jwk.getUse());
                if (signing && jwk instanceof PublicJsonWebKey publicJwk && usable(publicJwk.getPublicKey(), jwk.getAlgorithm())) {
                    keys.add(publicJwk.getPublicKey());
                }
            }
        } catch (JoseException e) {
            throw new IllegalArgumentException("not a JWK set: " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the JWK set holds no ES256 or RS256 signing key");
        }
        return List.copyOf(keys);
    }

    /** A JWK set of these public keys, each with its id, {@code use: sig} and its {@code alg}; never a private part. */
    public static byte[] writeJwks(Collection<? extends PublicKey> keys) {
        List<JsonWebKey> jwks = new ArrayList<>();
        for (PublicKey key : keys) {
            try {
                String algorithm = algorithm(key);
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
                jwk.setKeyId(keyId(key));
                jwk.setUse("sig");
                jwk.setAlgorithm(algorithm);
                jwks.add(jwk);
            } catch (JoseException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return new JsonWebKeySet(jwks).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).getBytes(StandardCharsets.UTF_8);
    }

    /** PEM of a public key ({@code PUBLIC KEY}, X.509), as files hold them; a private key's is {@link SigningKey#pem()}. */
    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
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

    /** A key a snapshot can be signed with, under the algorithm the JWK names (or any, when it names none). */
    private static boolean usable(PublicKey key, String algorithm) {
        try {
            return algorithm == null || algorithm(key).equals(algorithm);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static PublicKey publicKey(byte[] der) {
        return decode(factory -> factory.generatePublic(new X509EncodedKeySpec(der)),
                "a PUBLIC KEY block is neither an EC nor an RSA public key");
    }

    /** Reads a key with one algorithm's factory; refuses a key of another algorithm. */
    @FunctionalInterface
    interface KeyReader<K> {
        K read(KeyFactory factory) throws GeneralSecurityException;
    }

    /** The key as the first of EC and RSA reads it, or {@code neither} as the reason it cannot be used. */
    static <K> K decode(KeyReader<K> reader, String neither) {
        for (String algorithm : List.of("EC", "RSA")) {
            try {
                return reader.read(KeyFactory.getInstance(algorithm));
            } catch (InvalidKeySpecException tryTheNext) {
                // not a key of this algorithm
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(algorithm + " is always available in the JDK", e);
            }
        }
        throw new IllegalArgumentException(neither);
    }

    static void requireStrength(RSAKey key) {
        BigInteger modulus = key.getModulus();
        if (modulus.bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException("an RSA key of " + modulus.bitLength() + " bits is too weak: at least "
                    + MIN_RSA_BITS);
        }
    }
}
