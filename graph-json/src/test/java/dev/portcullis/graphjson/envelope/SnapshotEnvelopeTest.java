package dev.portcullis.graphjson.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.jose4j.jwx.HeaderParameterNames;
import org.junit.jupiter.api.Test;

/**
 * The signed snapshot from the attacker's side: only what the trusted key signed, as a snapshot, with
 * that key's one algorithm (ES256 for the P-256 keys made now, RS256 for the RSA keys of earlier
 * releases), opens.
 */
class SnapshotEnvelopeTest {

    private static final byte[] SNAPSHOT = "{\"epoch\":\"e1\",\"version\":7}".getBytes(StandardCharsets.UTF_8);
    private static final Instant SIGNED_AT = Instant.parse("2026-12-06T10:15:30Z");
    private static final SigningKey CONTROL_PLANE = SigningKey.generate();
    private static final SigningKey ATTACKER = SigningKey.generate();
    /** A P-256 key as openssl writes it (genpkey), with its public key as openssl prints it (pkey -pubout). */
    private static final String OPENSSL_KEY = """
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgnu/hi/4Wen2q36KG
            TTY/eMGb+6BV04dyo5EyCW8MA3yhRANCAATYUq6HI8GVxteZ09Z1CoGiChCWYshb
            sHS6vn1GcuAbBK+Uy55HoOvNfsjGxq45U1vO+vTOHtz37IedPjqz//IH
            -----END PRIVATE KEY-----
            """;
    private static final String OPENSSL_PUBLIC_KEY = """
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE2FKuhyPBlcbXmdPWdQqBogoQlmLI
            W7B0ur59RnLgGwSvlMueR6DrzX7IxsauOVNbzvr0zh7c9+yHnT46s//yBw==
            -----END PUBLIC KEY-----
            """;
    private static final TrustedKeys TRUSTED = TrustedKeys.of(List.of(CONTROL_PLANE.publicKey()));

    static SigningKey rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return SigningKey.fromPem(privateKeyPem(generator.generateKeyPair().getPrivate().getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Opened.Reason refusal(byte[] envelope) {
        Opened opened = SnapshotEnvelope.open(envelope, TRUSTED);
        assertThat(opened).isInstanceOf(Opened.Refused.class);
        return ((Opened.Refused) opened).reason();
    }

    /**
     * The envelope is the JWS jose4j itself makes: byte for byte with RS256 (deterministic), and one
     * jose4j verifies on its own with ES256 (each signature is random), for a payload of every length
     * modulo 3 (base64url's padding, which JWS leaves out).
     */
    @Test
    void theEnvelopeIsTheCompactJwsJose4jMakes() throws Exception {
        SigningKey rsa = rsa(2048);
        for (String json : List.of("{}", "{\"a\":1}", "{\"ab\":12}", "{\"version\":7,\"é\":\"ü\"}")) {
            byte[] payload = json.getBytes(StandardCharsets.UTF_8);
            JsonWebSignature theirs = new JsonWebSignature();
            theirs.setPayloadBytes(payload);
            theirs.setAlgorithmHeaderValue(rsa.algorithm());
            theirs.setKeyIdHeaderValue(rsa.keyId());
            theirs.setHeader(HeaderParameterNames.TYPE, SnapshotEnvelope.TYPE);
            theirs.getHeaders().setObjectHeaderValue("iat", SIGNED_AT.getEpochSecond());
            theirs.setKey(rsa.privateKey());
            assertThat(new String(SnapshotEnvelope.seal(payload, rsa, SIGNED_AT), StandardCharsets.US_ASCII))
                    .isEqualTo(theirs.getCompactSerialization());

            JsonWebSignature ours = new JsonWebSignature();
            ours.setCompactSerialization(new String(SnapshotEnvelope.seal(payload, CONTROL_PLANE, SIGNED_AT), StandardCharsets.US_ASCII));
            ours.setKey(CONTROL_PLANE.publicKey());
            assertThat(ours.verifySignature()).isTrue();
            assertThat(ours.getPayloadBytes()).isEqualTo(payload);
        }
    }

    @Test
    void whatTheControlPlaneSignedOpensWithItsPayloadKeyAndSigningTime() {
        byte[] envelope = SnapshotEnvelope.seal(SNAPSHOT, CONTROL_PLANE, SIGNED_AT);

        Opened opened = SnapshotEnvelope.open(envelope, TRUSTED);

        assertThat(opened).isInstanceOf(Opened.Verified.class);
        Opened.Verified verified = (Opened.Verified) opened;
        assertThat(verified.payload()).isEqualTo(SNAPSHOT);
        assertThat(verified.keyId()).isEqualTo(CONTROL_PLANE.keyId());
        assertThat(verified.signedAt()).isEqualTo(SIGNED_AT);
        assertThat(new String(envelope, StandardCharsets.US_ASCII)).doesNotContain("{").contains(".");
    }

    @Test
    void aSnapshotChangedAfterSigningIsRefused() {
        String[] parts = new String(SnapshotEnvelope.seal(SNAPSHOT, CONTROL_PLANE, SIGNED_AT), StandardCharsets.US_ASCII)
                .split("\\.");
        String relaxed = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"epoch\":\"e1\",\"version\":8}".getBytes(StandardCharsets.UTF_8));

        assertThat(refusal((parts[0] + "." + relaxed + "." + parts[2]).getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(Opened.Reason.SIGNATURE);
    }

    @Test
    void aSnapshotSignedWithAnotherKeyIsRefusedWhateverKeyIdItClaims() {
        assertThat(refusal(SnapshotEnvelope.seal(SNAPSHOT, ATTACKER, SIGNED_AT))).isEqualTo(Opened.Reason.UNKNOWN_KEY);

        SigningKey impostor = new SigningKey(ATTACKER.privateKey(), ATTACKER.publicKey(), CONTROL_PLANE.keyId());
        assertThat(refusal(SnapshotEnvelope.seal(SNAPSHOT, impostor, SIGNED_AT))).isEqualTo(Opened.Reason.SIGNATURE);
    }

    @Test
    void plainJsonAnUnsignedJwsAndOtherJwsTypesAreRefusedAsUnsigned() throws Exception {
        assertThat(refusal(SNAPSHOT)).isEqualTo(Opened.Reason.UNSIGNED);
        String none = b64("{\"alg\":\"none\",\"typ\":\"portcullis-snapshot+json\",\"kid\":\"" + CONTROL_PLANE.keyId() + "\"}");
        assertThat(refusal((none + "." + b64(SNAPSHOT) + ".").getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(Opened.Reason.UNSIGNED);

        JsonWebSignature token = jws(CONTROL_PLANE.algorithm(), "JWT");
        token.setKey(CONTROL_PLANE.privateKey());
        assertThat(refusal(token.getCompactSerialization().getBytes(StandardCharsets.US_ASCII)))
                .as("a JWS of another type, even from the right key").isEqualTo(Opened.Reason.UNSIGNED);
        assertThat(refusal("not.a jws".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Opened.Reason.UNSIGNED);

        JsonWebSignature unencoded = jws(CONTROL_PLANE.algorithm(), SnapshotEnvelope.TYPE);
        unencoded.getHeaders().setObjectHeaderValue("b64", false);
        unencoded.setCriticalHeaderNames("b64");
        unencoded.setKey(CONTROL_PLANE.privateKey());
        assertThat(refusal(unencoded.getCompactSerialization().getBytes(StandardCharsets.US_ASCII)))
                .as("an RFC 7797 unencoded payload, even from the right key").isEqualTo(Opened.Reason.UNSIGNED);
    }

    @Test
    void anHmacSignatureKeyedWithThePublicKeyIsRefused() throws Exception {
        // The classic confusion: HS256 with the verifier's public key as the shared secret.
        JsonWebSignature forged = jws(AlgorithmIdentifiers.HMAC_SHA256, SnapshotEnvelope.TYPE);
        forged.setKey(new HmacKey(SnapshotKeys.pem(CONTROL_PLANE.publicKey()).getBytes(StandardCharsets.US_ASCII)));
        forged.setDoKeyValidation(false);

        assertThat(refusal(forged.getCompactSerialization().getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(Opened.Reason.SIGNATURE);
    }

    @Test
    void keysThatCannotBeReadRefuseTheSnapshotForNow() {
        TrustedKeys unreachable = kid -> {
            throw new TrustedKeys.Unavailable("JWK set unreachable");
        };
        Opened opened = SnapshotEnvelope.open(SnapshotEnvelope.seal(SNAPSHOT, CONTROL_PLANE, SIGNED_AT), unreachable);
        assertThat(opened).isEqualTo(new Opened.Refused(Opened.Reason.KEYS_UNAVAILABLE, "JWK set unreachable"));
    }

    @Test
    void publicKeysRoundTripAsPemAndAsAJwkSetUnderTheirThumbprints() {
        String pem = SnapshotKeys.pem(CONTROL_PLANE.publicKey()) + SnapshotKeys.pem(ATTACKER.publicKey());
        assertThat(SnapshotKeys.read(pem.getBytes(StandardCharsets.US_ASCII)))
                .containsExactly(CONTROL_PLANE.publicKey(), ATTACKER.publicKey());

        byte[] jwks = SnapshotKeys.writeJwks(List.of(CONTROL_PLANE.publicKey()));
        assertThat(new String(jwks, StandardCharsets.UTF_8)).contains("\"kid\":\"" + CONTROL_PLANE.keyId() + "\"")
                .contains("\"use\":\"sig\"").contains("\"alg\":\"ES256\"").contains("\"crv\":\"P-256\"")
                .doesNotContain("\"d\"");
        assertThat(SnapshotKeys.read(jwks)).containsExactly(CONTROL_PLANE.publicKey());
        assertThat(CONTROL_PLANE.keyId()).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void keyFilesThatCannotServeAreRefusedSayingWhy() throws Exception {
        assertThatThrownBy(() -> SnapshotKeys.read(CONTROL_PLANE.pem().getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("found 'PRIVATE KEY'");
        assertThatThrownBy(() -> SnapshotKeys.read(SnapshotKeys.pem(weak().getPublic()).getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("1024 bits is too weak");
        assertThatThrownBy(() -> SnapshotKeys.read(SnapshotKeys.pem(p384().getPublic())
                .getBytes(StandardCharsets.US_ASCII))).hasMessageContaining("EC on another curve");
        assertThatThrownBy(() -> SnapshotKeys.read("nothing here".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("no PEM 'PUBLIC KEY' block");
        assertThatThrownBy(() -> SnapshotKeys.read("{\"keys\": []}".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("no ES256 or RS256 signing key");
    }

    @Test
    void theSigningKeyIsAnUnencryptedPkcs8KeyThatRoundTripsAndIsNeverPrinted() {
        SigningKey read = SigningKey.fromPem(CONTROL_PLANE.pem());
        assertThat(read.publicKey()).isEqualTo(CONTROL_PLANE.publicKey());
        assertThat(read.keyId()).isEqualTo(CONTROL_PLANE.keyId());
        assertThat(read.toString()).isEqualTo("SigningKey[kid=" + CONTROL_PLANE.keyId() + ", alg=ES256]");
        SigningKey rsa = rsa(2048);
        assertThat(SigningKey.fromPem(rsa.pem()).publicKey()).isEqualTo(rsa.publicKey());

        assertThatThrownBy(() -> SigningKey.fromPem("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> SigningKey.fromPem(SnapshotKeys.pem(CONTROL_PLANE.publicKey())))
                .hasMessageContaining("found 0");
    }

    @Test
    void aP256KeyWrittenByOpensslSignsWithThePublicKeyOpensslPrints() {
        SigningKey key = SigningKey.fromPem(OPENSSL_KEY);

        assertThat(key.algorithm()).isEqualTo("ES256");
        assertThat(SnapshotKeys.read(OPENSSL_PUBLIC_KEY.getBytes(StandardCharsets.US_ASCII))).containsExactly(key.publicKey());
        assertThat(key.pem()).isEqualToIgnoringNewLines(OPENSSL_KEY.strip()).as("written as openssl writes it");
        TrustedKeys pinned = TrustedKeys.of(SnapshotKeys.read(OPENSSL_PUBLIC_KEY.getBytes(StandardCharsets.US_ASCII)));
        assertThat(SnapshotEnvelope.open(SnapshotEnvelope.seal(SNAPSHOT, key, SIGNED_AT), pinned))
                .isInstanceOf(Opened.Verified.class);
    }

    @Test
    void anEcKeyOffP256OrWithoutItsPublicKeyIsRefusedSayingWhatToDo() throws Exception {
        // The JDK writes an EC key without its public key, and cannot compute it back.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String bare = privateKeyPem(generator.generateKeyPair().getPrivate().getEncoded());
        assertThatThrownBy(() -> SigningKey.fromPem(bare)).hasMessageContaining("does not carry its public key")
                .hasMessageContaining("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256");
        assertThatThrownBy(() -> SigningKey.fromPem(privateKeyPem(p384().getPrivate().getEncoded())))
                .isInstanceOf(IllegalArgumentException.class);
        SigningKey other = SigningKey.generate();
        String mismatched = privateKeyPem(P256.pkcs8((java.security.interfaces.ECPrivateKey) CONTROL_PLANE.privateKey(),
                (java.security.interfaces.ECPublicKey) other.publicKey()));
        assertThatThrownBy(() -> SigningKey.fromPem(mismatched)).hasMessageContaining("not its own");
    }

    @Test
    void rsaKeysOfEarlierReleasesStillSignRs256AndOpen() {
        SigningKey rsa = rsa(2048);
        byte[] envelope = SnapshotEnvelope.seal(SNAPSHOT, rsa, SIGNED_AT);

        assertThat(rsa.algorithm()).isEqualTo("RS256");
        assertThat(SnapshotEnvelope.open(envelope, TrustedKeys.of(List.of(rsa.publicKey(), CONTROL_PLANE.publicKey()))))
                .isInstanceOf(Opened.Verified.class);
        assertThat(SnapshotKeys.read(SnapshotKeys.writeJwks(List.of(rsa.publicKey(), CONTROL_PLANE.publicKey()))))
                .containsExactly(rsa.publicKey(), CONTROL_PLANE.publicKey());
    }

    @Test
    void theKeyDecidesTheAlgorithmNotTheHeader() throws Exception {
        // RS256 claimed under the P-256 key's id, signed with an RSA key: refused before any verification.
        SigningKey rsa = rsa(2048);
        JsonWebSignature claimed = jws(AlgorithmIdentifiers.RSA_USING_SHA256, SnapshotEnvelope.TYPE);
        claimed.setKey(rsa.privateKey());
        Opened opened = SnapshotEnvelope.open(claimed.getCompactSerialization().getBytes(StandardCharsets.US_ASCII), TRUSTED);

        assertThat(opened).isEqualTo(new Opened.Refused(Opened.Reason.SIGNATURE,
                "alg RS256 is not the algorithm of kid " + CONTROL_PLANE.keyId() + " (ES256)"));
        TrustedKeys weakRsa = kid -> {
            try {
                return java.util.Optional.of(weak().getPublic());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertThat(SnapshotEnvelope.open(SnapshotEnvelope.seal(SNAPSHOT, rsa, SIGNED_AT), weakRsa))
                .as("a trusted key too weak to sign with refuses, never throws").isInstanceOf(Opened.Refused.class);
        JsonWebSignature es384 = jws(AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384, SnapshotEnvelope.TYPE);
        es384.setKey(p384().getPrivate());
        assertThat(refusal(es384.getCompactSerialization().getBytes(StandardCharsets.US_ASCII))).isEqualTo(Opened.Reason.SIGNATURE);
    }

    private static String privateKeyPem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n";
    }

    private static KeyPair p384() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        return generator.generateKeyPair();
    }

    private static KeyPair weak() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        return generator.generateKeyPair();
    }

    private static JsonWebSignature jws(String alg, String typ) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayloadBytes(SNAPSHOT);
        jws.setAlgorithmHeaderValue(alg);
        jws.setHeader("typ", typ);
        jws.setKeyIdHeaderValue(CONTROL_PLANE.keyId());
        jws.getHeaders().setObjectHeaderValue("iat", SIGNED_AT.getEpochSecond());
        return jws;
    }

    private static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
