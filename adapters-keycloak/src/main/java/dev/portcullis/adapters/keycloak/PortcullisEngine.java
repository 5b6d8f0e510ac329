package dev.portcullis.adapters.keycloak;

import dev.portcullis.adapters.keycloak.device.DeviceCertificateVerifier;
import dev.portcullis.adapters.keycloak.geoip.MaxMindIpGeolocation;
import dev.portcullis.adapters.keycloak.shipping.SignInShipper;
import dev.portcullis.adapters.keycloak.snapshot.SnapshotPuller;
import dev.portcullis.adapters.keycloak.snapshot.SnapshotStore;
import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.evaluation.Evaluation;
import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.location.IpAddress;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.port.out.IpGeolocationPort.IpGeolocation;
import dev.portcullis.core.risk.RiskAssessment;
import dev.portcullis.core.risk.SignInRiskScorer;
import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signinlog.SignInRecord;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Everything a Keycloak node shares between logins: the active snapshot and its puller, the
 * fail-secure default, the signal sources and the sign-in shipper. Plain Java (no Keycloak types),
 * created by the provider factory in {@code postInit} and closed with it.
 */
public final class PortcullisEngine implements AutoCloseable {

    /** What to do before any snapshot was ever loaded. */
    public enum FailSecureDefault {
        REQUIRE_MFA,
        BLOCK
    }

    static final String FAIL_SECURE_POLICY_ID = "portcullis-fail-secure-default";

    private final SnapshotStore store;
    private final Optional<SnapshotPuller> puller;
    private final Evaluator failSecure;
    private final Set<String> adminPortalClients;
    private final Optional<MaxMindIpGeolocation> geolocation;
    private final Optional<DeviceCertificateVerifier> deviceVerifier;
    private final Optional<SignInShipper> shipper;
    private final SignInRiskScorer riskScorer;
    private final Optional<String> nodeClient;

    /**
     * @param nodeClient {@code realm/clientId} of the client this node fetches its policies with, if
     *     that realm is on this server: never evaluated as a workload identity
     */
    public PortcullisEngine(SnapshotStore store, Optional<SnapshotPuller> puller, FailSecureDefault failSecureDefault,
            Set<String> adminPortalClients, Optional<MaxMindIpGeolocation> geolocation,
            Optional<DeviceCertificateVerifier> deviceVerifier, Optional<SignInShipper> shipper,
            SignInRiskScorer riskScorer, Optional<String> nodeClient) {
        this.store = store;
        this.puller = puller;
        this.failSecure = Evaluator.of(failSecurePolicies(failSecureDefault));
        this.adminPortalClients = Set.copyOf(adminPortalClients);
        this.geolocation = geolocation;
        this.deviceVerifier = deviceVerifier;
        this.shipper = shipper;
        this.riskScorer = riskScorer;
        this.nodeClient = nodeClient;
    }

    /** Until a snapshot arrives, one policy for everyone: require MFA, or block. */
    static PolicySet failSecurePolicies(FailSecureDefault mode) {
        GrantControls grant = mode == FailSecureDefault.BLOCK
                ? GrantControls.block()
                : GrantControls.require(GrantOperator.OR, BuiltInControl.MFA);
        ConditionalAccessPolicy policy = new ConditionalAccessPolicy(FAIL_SECURE_POLICY_ID,
                "Portcullis fail-secure default (no policy snapshot loaded yet)", PolicyState.ENABLED,
                Conditions.of(UsersCondition.all(), ApplicationsCondition.all()), grant, SessionControls.none());
        return PolicySet.of(List.of(policy), List.of());
    }

    public Evaluation evaluate(SignIn signIn) {
        return store.active().map(SnapshotStore.Active::evaluator).orElse(failSecure).evaluate(signIn);
    }

    /** The version enforced, empty while the fail-secure default is in force. */
    public Optional<Long> snapshotVersion() {
        return store.active().map(a -> a.snapshot().version());
    }

    /** The client this node fetches its policies with: a workload policy never cuts a node off from them. */
    public boolean isNodeClient(String realm, String clientId) {
        return nodeClient.filter((realm + "/" + clientId)::equals).isPresent();
    }

    public boolean isAdminPortal(String clientId) {
        return adminPortalClients.contains(clientId);
    }

    public IpGeolocation locate(Optional<IpAddress> address) {
        if (address.isEmpty() || geolocation.isEmpty()) {
            return IpGeolocation.UNKNOWN;
        }
        return geolocation.get().locate(address.get());
    }

    /** The device proven by its certificate chain, as the current inventory knows it. */
    public DeviceState deviceState(X509Certificate[] chain, Instant now) {
        if (deviceVerifier.isEmpty() || store.active().isEmpty()) {
            return DeviceState.UNKNOWN;
        }
        return store.active().get().snapshot().devices().stateOf(deviceVerifier.get().verifiedDeviceId(chain, now), now);
    }

    /** The current state of a device an earlier login proved (a token request re-checks its compliance). */
    public DeviceState deviceState(Optional<String> provenDeviceId, Instant now) {
        return store.active().map(a -> a.snapshot().devices().stateOf(provenDeviceId, now)).orElse(DeviceState.UNKNOWN);
    }

    /** User risk as the control plane published it; a user it does not list carries none. */
    public RiskLevel userRisk(String userId) {
        return store.active()
                .map(a -> a.snapshot().riskyUsers().get(userId))
                .map(RiskAssessment::level)
                .orElse(store.active().isPresent() ? RiskLevel.NONE : RiskLevel.UNKNOWN);
    }

    public SignInRiskScorer riskScorer() {
        return riskScorer;
    }

    /** Hands a sign-in record to the shipper, which builds it off the login thread. */
    public void record(Supplier<SignInRecord> record) {
        shipper.ifPresent(s -> s.ship(record));
    }

    /** Pulls now (tests and start-up); normally the puller's own schedule does this. */
    public void refreshNow() {
        puller.ifPresent(SnapshotPuller::refresh);
    }

    @Override
    public void close() throws Exception {
        puller.ifPresent(SnapshotPuller::close);
        shipper.ifPresent(SignInShipper::close);
        if (geolocation.isPresent()) {
            geolocation.get().close();
        }
    }
}
