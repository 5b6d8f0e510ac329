package dev.portcullis.adapters.keycloak.signin;

import dev.portcullis.adapters.keycloak.device.DeviceCertificateVerifier;
import dev.portcullis.adapters.keycloak.geoip.MaxMindIpGeolocation;
import dev.portcullis.adapters.keycloak.snapshot.PolicySource;
import dev.portcullis.core.location.IpAddress;
import dev.portcullis.core.port.out.IpGeolocationPort.IpGeolocation;
import dev.portcullis.core.risk.RiskAssessment;
import dev.portcullis.core.risk.SignInRiskScorer;
import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.snapshot.Facts;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a sign-in's signals come from, besides Keycloak's own models: the IP's country (a MaxMind
 * database), the device (its certificate, and the inventory in the facts), the user's risk as
 * the control plane published it, and the sign-in risk scorer (which also reads the user's
 * {@link SignInHistory}). A source that is not configured answers "unknown", never "fine".
 */
public final class SignalSources implements AutoCloseable {

    private final PolicySource policies;
    private final Optional<MaxMindIpGeolocation> geolocation;
    private final Optional<DeviceCertificateVerifier> deviceVerifier;
    private final SignInRiskScorer riskScorer;

    public SignalSources(PolicySource policies, Optional<MaxMindIpGeolocation> geolocation,
            Optional<DeviceCertificateVerifier> deviceVerifier, SignInRiskScorer riskScorer) {
        this.policies = policies;
        this.geolocation = geolocation;
        this.deviceVerifier = deviceVerifier;
        this.riskScorer = riskScorer;
    }

    public IpGeolocation locate(Optional<IpAddress> address) {
        if (address.isEmpty() || geolocation.isEmpty()) {
            return IpGeolocation.UNKNOWN;
        }
        return geolocation.get().locate(address.get());
    }

    /** The device proven by its certificate chain, as the current inventory knows it. */
    public DeviceState deviceState(X509Certificate[] chain, Instant now) {
        Optional<Facts> facts = policies.facts();
        if (deviceVerifier.isEmpty() || facts.isEmpty()) {
            return DeviceState.UNKNOWN;
        }
        return facts.get().devices().stateOf(deviceVerifier.get().verifiedDeviceId(chain, now), now);
    }

    /** The current state of a device an earlier login proved (a token request re-checks its compliance). */
    public DeviceState deviceState(Optional<String> provenDeviceId, Instant now) {
        return policies.facts().map(f -> f.devices().stateOf(provenDeviceId, now)).orElse(DeviceState.UNKNOWN);
    }

    /** User risk as the control plane published it; a user it does not list carries none, while unknown facts are unknown. */
    public RiskLevel userRisk(String userId) {
        Optional<Facts> facts = policies.facts();
        return facts.map(f -> f.riskyUsers().get(userId)).map(RiskAssessment::level)
                .orElse(facts.isPresent() ? RiskLevel.NONE : RiskLevel.UNKNOWN);
    }

    /**
     * Whether the snapshot lists a temporary access pass for the user that is usable now. A one-time
     * pass another node has just claimed may still be listed: typing it then fails, never the reverse.
     */
    public boolean temporaryAccessPassUsable(String userId, Instant now) {
        return policies.snapshot().map(s -> s.temporaryAccessPasses().get(userId))
                .filter(pass -> pass.isUsable(now)).isPresent();
    }

    public SignInRiskScorer riskScorer() {
        return riskScorer;
    }

    @Override
    public void close() throws Exception {
        if (geolocation.isPresent()) {
            geolocation.get().close();
        }
    }
}
