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
import org.junit.jupiter.api.Test;

/** The signed snapshot from the attacker's side: only what the trusted key signed, as a snapshot, RS256, opens. */
class SnapshotEnvelopeTest {

    private static final byte[] SNAPSHOT = "{\"epoch\":\"e1\",\"version\":7}".getBytes(StandardCharsets.UTF_8);
    private static final Instant SIGNED_AT = Instant.parse("2026-12-06T10:15:30Z");
    private static final SigningKey CONTROL_PLANE = rsa(2048);
    private static final SigningKey ATTACKER = rsa(2048);
    private static final TrustedKeys TRUSTED = TrustedKeys.of(List.of(CONTROL_PLANE.publicKey()));

    static SigningKey rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return SigningKey.fromPem(SnapshotKeys.pem(generator.generateKeyPair().getPrivate()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Opened.Reason refusal(byte[] envelope) {
        Opened opened = SnapshotEnvelope.open(envelope, TRUSTED);
        assertThat(opened).isInstanceOf(Opened.Refused.class);
        return ((Opened.Refused) opened).reason();
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

        JsonWebSignature token = jws(AlgorithmIdentifiers.RSA_USING_SHA256, "JWT");
        token.setKey(CONTROL_PLANE.privateKey());
        assertThat(refusal(token.getCompactSerialization().getBytes(StandardCharsets.US_ASCII)))
                .as("a JWS of another type, even from the right key").isEqualTo(Opened.Reason.UNSIGNED);
        assertThat(refusal("not.a jws".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Opened.Reason.UNSIGNED);

        JsonWebSignature unencoded = jws(AlgorithmIdentifiers.RSA_USING_SHA256, SnapshotEnvelope.TYPE);
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
                .contains("\"use\":\"sig\"").contains("\"alg\":\"RS256\"").doesNotContain("\"d\"");
        assertThat(SnapshotKeys.read(jwks)).containsExactly(CONTROL_PLANE.publicKey());
        assertThat(CONTROL_PLANE.keyId()).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void keyFilesThatCannotServeAreRefusedSayingWhy() throws Exception {
        assertThatThrownBy(() -> SnapshotKeys.read(SnapshotKeys.pem(CONTROL_PLANE.privateKey()).getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("found 'PRIVATE KEY'");
        assertThatThrownBy(() -> SnapshotKeys.read(SnapshotKeys.pem(weak().getPublic()).getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("1024 bits is too weak");
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        assertThatThrownBy(() -> SnapshotKeys.read(SnapshotKeys.pem(ec.generateKeyPair().getPublic())
                .getBytes(StandardCharsets.US_ASCII))).hasMessageContaining("not an RSA public key");
        assertThatThrownBy(() -> SnapshotKeys.read("nothing here".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("no PEM 'PUBLIC KEY' block");
        assertThatThrownBy(() -> SnapshotKeys.read("{\"keys\": []}".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("no RSA signing key");
    }

    @Test
    void theSigningKeyIsAnUnencryptedPkcs8RsaKeyAndIsNeverPrinted() {
        SigningKey read = SigningKey.fromPem(SnapshotKeys.pem(CONTROL_PLANE.privateKey()));
        assertThat(read.publicKey()).isEqualTo(CONTROL_PLANE.publicKey());
        assertThat(read.keyId()).isEqualTo(CONTROL_PLANE.keyId());
        assertThat(read.toString()).isEqualTo("SigningKey[kid=" + CONTROL_PLANE.keyId() + "]");

        assertThatThrownBy(() -> SigningKey.fromPem("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> SigningKey.fromPem(SnapshotKeys.pem(CONTROL_PLANE.publicKey())))
                .hasMessageContaining("found 0");
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
