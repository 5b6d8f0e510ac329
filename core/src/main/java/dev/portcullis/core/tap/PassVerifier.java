package dev.portcullis.core.tap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * What is kept of a temporary access pass: a random salt and the SHA-256 of salt and pass. The pass
 * itself is random and long enough that a fast hash cannot be searched, so no slow one is needed;
 * the salt keeps two equal passes from having equal hashes.
 *
 * @param salt Base64
 * @param hash Base64 of SHA-256(salt bytes, pass as UTF-8)
 */
public record PassVerifier(String salt, String hash) {

    private static final int SALT_BYTES = 16;

    public PassVerifier {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(hash, "hash");
    }

    /** The verifier of a pass, with a fresh salt. */
    public static PassVerifier of(String pass, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PassVerifier(Base64.getEncoder().encodeToString(salt),
                Base64.getEncoder().encodeToString(digest(salt, pass)));
    }

    /** Whether a typed pass is this one; compares in constant time. */
    public boolean matches(String typed) {
        if (typed == null) {
            return false;
        }
        try {
            byte[] expected = Base64.getDecoder().decode(hash);
            return MessageDigest.isEqual(expected, digest(Base64.getDecoder().decode(salt), typed));
        } catch (IllegalArgumentException damaged) {
            return false; // a damaged verifier accepts nothing
        }
    }

    private static byte[] digest(byte[] salt, String pass) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(pass.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
