package dev.portcullis.adapters.keycloak.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DeviceKeyTest {

    @Test
    void anAnswerSignedByThePhoneVerifiesAndAnyChangeToItDoesNot() throws Exception {
        TestPhone phone = new TestPhone();
        DeviceKey key = DeviceKey.fromJwk(phone.x(), phone.y()).orElseThrow();
        Instant at = Instant.ofEpochSecond(1_800_000_000L);
        Statement.Answer approve = new Statement.Answer("c1", "n1", "42", Statement.Decision.APPROVE, at);
        String signature = phone.sign(approve.text());

        assertThat(key.verifies(approve.text(), signature)).isTrue();
        assertThat(key.verifies(new Statement.Answer("c1", "n1", "43", Statement.Decision.APPROVE, at).text(), signature))
                .as("another number").isFalse();
        assertThat(key.verifies(new Statement.Answer("c2", "n1", "42", Statement.Decision.APPROVE, at).text(), signature))
                .as("another challenge").isFalse();
        assertThat(key.verifies(new Statement.Answer("c1", "n1", "42", Statement.Decision.DENY, at).text(), signature))
                .as("another decision").isFalse();
        assertThat(key.verifies(new Statement.Poll("c1", "n1", at).text(), phone.sign(new Statement.Poll("u", "d", at).text())))
                .isFalse();
    }

    @Test
    void anotherPhonesSignatureOrGarbageNeverVerifies() throws Exception {
        TestPhone phone = new TestPhone();
        TestPhone other = new TestPhone();
        DeviceKey key = DeviceKey.fromJwk(phone.x(), phone.y()).orElseThrow();
        String text = new Statement.Enrol("TOKEN", "device-1").text();
        assertThat(key.verifies(text, other.sign(text))).isFalse();
        assertThat(key.verifies(text, "not base64 !")).isFalse();
        assertThat(key.verifies(text, Base64.getUrlEncoder().encodeToString(new byte[64]))).isFalse();
        assertThat(key.verifies(text, null)).isFalse();
    }

    @Test
    void aPointOffTheCurveOrAWrongLengthIsRefused() throws Exception {
        TestPhone phone = new TestPhone();
        byte[] y = Base64.getUrlDecoder().decode(phone.y());
        y[31] ^= 1;
        assertThat(DeviceKey.fromJwk(phone.x(), Base64.getUrlEncoder().withoutPadding().encodeToString(y))).isEmpty();
        assertThat(DeviceKey.fromJwk(phone.x(), Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Arrays.copyOf(y, 31)))).isEmpty();
        assertThat(DeviceKey.fromJwk(null, phone.y())).isEmpty();
    }

    @Test
    void theStoredFormReadsBackAsTheSameKey() throws Exception {
        TestPhone phone = new TestPhone();
        DeviceKey key = DeviceKey.fromJwk(phone.x(), phone.y()).orElseThrow();
        DeviceKey read = DeviceKey.fromSpki(key.spki()).orElseThrow();
        String text = new Statement.Poll("u", "d", Instant.EPOCH).text();
        assertThat(read.verifies(text, phone.sign(text))).isTrue();
        assertThat(DeviceKey.fromSpki("AAAA")).isEmpty();
    }
}
