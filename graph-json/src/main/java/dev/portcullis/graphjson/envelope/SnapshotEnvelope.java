package dev.portcullis.graphjson.envelope;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jws.JsonWebSignatureAlgorithm;
import org.jose4j.jwx.HeaderParameterNames;
import org.jose4j.lang.JoseException;

/**
 * The policy snapshot as it travels and rests: its JSON as the payload of a JWS (RFC 7515, compact
 * serialization, media type {@code application/jose}), signed by the control plane: ES256 with a
 * P-256 key, RS256 with an RSA key. The protected header names the key ({@code kid}, its thumbprint), the type, and when it was signed
 * ({@code iat}); the snapshot inside carries its epoch and version, so both are signed too. A node
 * opens an envelope only with a key it trusts; anything else is refused with a reason.
 */
public final class SnapshotEnvelope {

    public static final String MEDIA_TYPE = "application/jose";
    /** The {@code typ} header: a JWS signed by the same key for another purpose is not a snapshot. */
    static final String TYPE = "portcullis-snapshot+json";
    private static final String SIGNED_AT = "iat";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private SnapshotEnvelope() {}

    /**
     * Signs a snapshot's JSON with the control plane's key. jose4j makes the header and the signature;
     * the JDK's encoder writes the payload and the signature in base64url, as jose4j's own took a tenth
     * of the control plane's CPU while nodes followed a stream of device changes (JFR).
     */
    public static byte[] seal(byte[] snapshotJson, SigningKey key, Instant signedAt) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(key.algorithm());
        jws.setKeyIdHeaderValue(key.keyId());
        jws.setHeader(HeaderParameterNames.TYPE, TYPE);
        jws.getHeaders().setObjectHeaderValue(SIGNED_AT, signedAt.getEpochSecond());
        try {
            JsonWebSignatureAlgorithm algorithm = jws.getAlgorithm();
            algorithm.validateSigningKey(key.privateKey());
            String signingInput = jws.getHeaders().getEncodedHeader() + "." + BASE64URL.encodeToString(snapshotJson);
            byte[] signature = algorithm.sign(algorithm.prepareForSign(key.privateKey(), new ProviderContext()),
                    signingInput.getBytes(StandardCharsets.US_ASCII));
            return (signingInput + "." + BASE64URL.encodeToString(signature)).getBytes(StandardCharsets.US_ASCII);
        } catch (JoseException e) {
            throw new IllegalStateException("signing the snapshot failed: " + e.getMessage(), e);
        }
    }

    /**
     * The payload if a trusted key signed it as a snapshot, with the one algorithm that key signs
     * with; otherwise why not. Never throws.
     */
    public static Opened open(byte[] envelope, TrustedKeys trusted) {
        String text = new String(envelope, StandardCharsets.US_ASCII).strip();
        if (!compact(text)) {
            return refused(Opened.Reason.UNSIGNED, text.startsWith("{") ? "plain JSON, not a signed snapshot"
                    : "not a JWS in compact serialization");
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, AlgorithmIdentifiers.RSA_USING_SHA256));
        try {
            jws.setCompactSerialization(text);
        } catch (JoseException e) {
            return refused(Opened.Reason.UNSIGNED, "not a JWS: " + e.getMessage());
        }
        String alg = jws.getAlgorithmHeaderValue();
        if (alg == null || AlgorithmIdentifiers.NONE.equals(alg) || jws.getEncodedSignature().isEmpty()) {
            return refused(Opened.Reason.UNSIGNED, "alg " + alg + " without a signature");
        }
        if (!AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256.equals(alg) && !AlgorithmIdentifiers.RSA_USING_SHA256.equals(alg)) {
            return refused(Opened.Reason.SIGNATURE, "alg " + alg + " is not accepted (ES256 or RS256 only)");
        }
        if (!TYPE.equals(jws.getHeader(HeaderParameterNames.TYPE))) {
            return refused(Opened.Reason.UNSIGNED, "typ " + jws.getHeader(HeaderParameterNames.TYPE) + " is not " + TYPE);
        }
        if (jws.getHeaders().getObjectHeaderValue(HeaderParameterNames.CRITICAL) != null) {
            // Portcullis signs with none; an extension (an unencoded payload, RFC 7797) is not a snapshot of ours.
            return refused(Opened.Reason.UNSIGNED, "crit headers are not accepted");
        }
        String keyId = jws.getKeyIdHeaderValue();
        if (keyId == null) {
            return refused(Opened.Reason.UNKNOWN_KEY, "no kid: the signing key is not named");
        }
        Optional<PublicKey> key;
        try {
            key = trusted.find(keyId);
        } catch (TrustedKeys.Unavailable e) {
            return refused(Opened.Reason.KEYS_UNAVAILABLE, e.getMessage());
        }
        if (key.isEmpty()) {
            return refused(Opened.Reason.UNKNOWN_KEY, "kid " + keyId + " is not a trusted key");
        }
        // The key decides the algorithm, never the header: an RSA key verifies RS256 only, a P-256 key ES256 only.
        String keysAlgorithm;
        try {
            keysAlgorithm = SnapshotKeys.algorithm(key.get());
        } catch (IllegalArgumentException e) {
            // A trusted key no snapshot can be signed with (handed in by code, not read from a file or a JWK set).
            return refused(Opened.Reason.SIGNATURE, "kid " + keyId + " is not a signing key: " + e.getMessage());
        }
        if (!keysAlgorithm.equals(alg)) {
            return refused(Opened.Reason.SIGNATURE, "alg " + alg + " is not the algorithm of kid " + keyId + " (" + keysAlgorithm + ")");
        }
        jws.setKey(key.get());
        try {
            if (!jws.verifySignature()) {
                return refused(Opened.Reason.SIGNATURE, "the signature does not verify with kid " + keyId);
            }
            Object signedAt = jws.getHeaders().getObjectHeaderValue(SIGNED_AT);
            if (!(signedAt instanceof Number seconds)) {
                return refused(Opened.Reason.SIGNATURE, "no iat: when it was signed is not said");
            }
            // The payload just verified, decoded once, by the JDK's decoder (about a third of jose4j's time on 150 KB).
            byte[] payload = Base64.getUrlDecoder().decode(jws.getEncodedPayload());
            return new Opened.Verified(payload, keyId, Instant.ofEpochSecond(seconds.longValue()));
        } catch (JoseException | IllegalArgumentException e) {
            return refused(Opened.Reason.SIGNATURE, e.getMessage());
        }
    }

    /** Three base64url parts joined by dots, the first not empty: a scan, as a regular expression costs more than the signature. */
    private static boolean compact(String text) {
        int dots = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (++dots > 2 || i == 0) {
                    return false;
                }
            } else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return dots == 2;
    }

    private static Opened refused(Opened.Reason reason, String detail) {
        return new Opened.Refused(reason, detail);
    }
}
