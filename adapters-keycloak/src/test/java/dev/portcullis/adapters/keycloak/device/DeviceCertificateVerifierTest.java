package dev.portcullis.adapters.keycloak.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.device.Device;
import dev.portcullis.core.device.DeviceInventory;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.DeviceState;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which device is signing in, proven by certificate, never by a claim. */
class DeviceCertificateVerifierTest {

    private static TestPki corporateCa;
    private static TestPki otherCa;
    private static DeviceCertificateVerifier verifier;
    private static final Instant NOW = Instant.now();
    private static final DeviceInventory INVENTORY = new DeviceInventory(List.of(
            device("dev-compliant", true, NOW.minus(Duration.ofHours(2))),
            device("dev-noncompliant", false, NOW.minus(Duration.ofHours(2))),
            device("dev-stale", true, NOW.minus(Duration.ofDays(45)))), Duration.ofDays(30));

    private static Device device(String id, boolean compliant, Instant lastCheckIn) {
        return new Device(id, "Laptop " + id, Optional.of("accountant"), Optional.of(DevicePlatform.WINDOWS), compliant,
                true, "AzureAD", "Company", lastCheckIn);
    }

    @BeforeAll
    static void pki() throws Exception {
        corporateCa = new TestPki("Corporate Device CA");
        otherCa = new TestPki("Someone Else's CA");
        verifier = new DeviceCertificateVerifier(List.of(corporateCa.caCertificate()));
    }

    private static DeviceState stateFor(X509Certificate... chain) {
        return INVENTORY.stateOf(verifier.verifiedDeviceId(chain, NOW), NOW);
    }

    @Test
    void aCompliantCorporateLaptopIsKnownAndCompliant() throws Exception {
        DeviceState state = stateFor(corporateCa.device("dev-compliant"));
        assertThat(state).isInstanceOf(DeviceState.Known.class);
        assertThat(state.isCompliant()).isTrue();
        assertThat(((DeviceState.Known) state).managed()).isTrue();
        // A client that also sends the CA certificate proves the same, no more.
        assertThat(stateFor(corporateCa.device("dev-compliant"), corporateCa.caCertificate()).isCompliant()).isTrue();
    }

    @Test
    void aNonCompliantDeviceIsKnownButNotCompliant() throws Exception {
        DeviceState state = stateFor(corporateCa.device("dev-noncompliant"));
        assertThat(state).isInstanceOf(DeviceState.Known.class);
        assertThat(state.isCompliant()).isFalse();
    }

    @Test
    void aDeviceTheMdmHasNotVouchedForRecentlyIsNotCompliant() throws Exception {
        assertThat(stateFor(corporateCa.device("dev-stale")).isCompliant()).isFalse();
    }

    @Test
    void aValidCertificateForADeviceNotInTheInventoryIsUnknown() throws Exception {
        assertThat(stateFor(corporateCa.device("dev-never-enrolled"))).isEqualTo(DeviceState.UNKNOWN);
    }

    @Test
    void noCertificateMeansAnUnknownDevice() {
        assertThat(stateFor()).isEqualTo(DeviceState.UNKNOWN);
        assertThat(INVENTORY.stateOf(verifier.verifiedDeviceId(null, NOW), NOW)).isEqualTo(DeviceState.UNKNOWN);
    }

    @Test
    void forgedClaimsProveNothing() throws Exception {
        // The compliant device's id, but issued by someone else's CA.
        assertThat(stateFor(otherCa.device("dev-compliant"))).isEqualTo(DeviceState.UNKNOWN);
        // Someone else's CA certificate presented as if it were an anchor.
        assertThat(stateFor(otherCa.device("dev-compliant"), otherCa.caCertificate())).isEqualTo(DeviceState.UNKNOWN);
        // The CA certificate alone.
        assertThat(stateFor(corporateCa.caCertificate())).isEqualTo(DeviceState.UNKNOWN);
    }

    @Test
    void expiredOrServerOnlyCertificatesAreRefused() throws Exception {
        X509Certificate expired = corporateCa.device("dev-compliant", NOW.minus(Duration.ofDays(400)),
                NOW.minus(Duration.ofDays(35)), KeyPurposeId.id_kp_clientAuth);
        X509Certificate serverOnly = corporateCa.device("dev-compliant", NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)), KeyPurposeId.id_kp_serverAuth);
        assertThat(stateFor(expired)).isEqualTo(DeviceState.UNKNOWN);
        assertThat(stateFor(serverOnly)).isEqualTo(DeviceState.UNKNOWN);
    }
}
