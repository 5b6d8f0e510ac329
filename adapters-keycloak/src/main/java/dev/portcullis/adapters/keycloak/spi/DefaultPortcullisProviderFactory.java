package dev.portcullis.adapters.keycloak.spi;

import dev.portcullis.adapters.keycloak.device.DeviceCertificateVerifier;
import dev.portcullis.adapters.keycloak.geoip.MaxMindIpGeolocation;
import dev.portcullis.adapters.keycloak.shipping.BearerToken;
import dev.portcullis.adapters.keycloak.shipping.ClientCredentialsToken;
import dev.portcullis.adapters.keycloak.shipping.SignInRecorder;
import dev.portcullis.adapters.keycloak.shipping.SignInShipper;
import dev.portcullis.adapters.keycloak.signin.KnownClients;
import dev.portcullis.adapters.keycloak.signin.SignalSources;
import dev.portcullis.adapters.keycloak.snapshot.PolicySource;
import dev.portcullis.adapters.keycloak.snapshot.FactStore;
import dev.portcullis.adapters.keycloak.snapshot.SnapshotPuller;
import dev.portcullis.adapters.keycloak.snapshot.SnapshotStore;
import dev.portcullis.adapters.keycloak.snapshot.SnapshotTrust;
import dev.portcullis.core.risk.RiskRules;
import dev.portcullis.core.risk.SignInRiskScorer;
import dev.portcullis.graphjson.SignInRecordCodec;
import dev.portcullis.graphjson.FactFeedCodec;
import dev.portcullis.graphjson.SnapshotCodec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Reads Portcullis' server options ({@link PortcullisOptions}), builds the node's shared
 * collaborators (policy source, signal sources, sign-in shipper) once in {@code postInit} and
 * closes them with the server. No static state: everything lives in this factory instance.
 */
public final class DefaultPortcullisProviderFactory implements PortcullisProviderFactory, ServerInfoAwareProviderFactory {

    private static final Pattern TOKEN_URL_REALM = Pattern.compile("/realms/([^/]+)/protocol/");

    public static final String ID = "default";
    private static final Logger LOG = Logger.getLogger(DefaultPortcullisProviderFactory.class);

    static final String LAST_KNOWN_GOOD = "last-known-good-snapshot.jws";
    /** The facts' copy: the signed listing and the signed changes applied since, a line each. */
    static final String LAST_KNOWN_FACTS = "last-known-good-facts.jws";

    private PortcullisOptions options;
    private SharedNode node;
    private Optional<SignInShipper> shipper = Optional.empty();
    private SnapshotStore store;
    private FactStore facts;
    private SnapshotTrust trust;
    private SnapshotMetrics metrics;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
        this.options = PortcullisOptions.read(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        Duration timeout = options.requestTimeout();
        trust = trust(timeout);
        store = new SnapshotStore(SnapshotCodec.instance(), trust, Optional.of(options.cacheDir().resolve(LAST_KNOWN_GOOD)));
        facts = new FactStore(FactFeedCodec.instance(), trust, Optional.of(options.cacheDir().resolve(LAST_KNOWN_FACTS)));
        metrics = SnapshotMetrics.register(store, facts);
        BearerToken token = token();
        boolean source = options.controlPlane().isPresent() || options.snapshotFile().isPresent();
        if (source && trust instanceof SnapshotTrust.None none) {
            // Fail secure: with nothing to verify against, every snapshot would be refused; say so once, loudly.
            LOG.errorf("event=snapshot_trust_missing reason=\"%s\" effect=not_pulling_fail_secure_default"
                    + " fix=\"set snapshot-public-key-file (preferred) or snapshot-jwks-url\"", none.why());
        }
        Optional<SnapshotPuller> puller = source && !(trust instanceof SnapshotTrust.None)
                ? Optional.of(new SnapshotPuller(store, Optional.of(facts), options.controlPlane(), options.snapshotFile(),
                        token, timeout, options.snapshotWait()))
                : Optional.empty();
        PolicySource policies = new PolicySource(store, facts, puller, options.failSecureDefault());
        Optional<MaxMindIpGeolocation> geo = options.geoipDatabase().map(MaxMindIpGeolocation::watching);
        Optional<DeviceCertificateVerifier> devices = options.deviceCaFile().map(path -> {
            try {
                return DeviceCertificateVerifier.fromPem(Path.of(path));
            } catch (Exception e) {
                LOG.warnf("event=device_ca_unreadable path=%s error=%s effect=devices_unknown", path, e);
                return null;
            }
        });
        shipper = options.controlPlane().map(replicas -> new SignInShipper(replicas, token, SignInRecordCodec.instance()::bytes, options.signInQueueCapacity(), timeout,
                options.signInBatchLinger()));
        SignalSources signals = new SignalSources(policies, geo, devices,
                new SignInRiskScorer(RiskRules.defaults().withListedRanges(options.riskListedRanges())));
        node = new SharedNode(policies, signals, new KnownClients(options.adminPortalClients(), nodeClient()),
                shipper.<SignInRecorder>map(s -> s).orElse(SignInRecorder.NONE));
        puller.ifPresent(p -> {
            p.refresh(); // a node starts enforcing the current policies, not the default
            p.start(options.refreshInterval());
        });
        LOG.infof("event=portcullis_started snapshot_version=%s control_plane=%s snapshot_file=%s snapshot_trust=\"%s\""
                + " fail_secure=%s", policies.snapshotVersion().map(String::valueOf).orElse("none"),
                options.controlPlane().orElse(null), options.snapshotFile().orElse(null), trust.describe(),
                options.failSecureDefault());
    }

    /** The keys snapshots must be signed with: a pinned public key file, or a JWK set URL over TLS; never both. */
    private SnapshotTrust trust(Duration timeout) {
        Optional<String> keyFile = options.snapshotPublicKeyFile();
        Optional<String> jwksUrl = options.snapshotJwksUrl();
        if (keyFile.isPresent() && jwksUrl.isPresent()) {
            return new SnapshotTrust.None("both snapshot-public-key-file and snapshot-jwks-url are set: choose one");
        }
        if (keyFile.isPresent()) {
            return new SnapshotTrust.PinnedFile(Path.of(keyFile.get()));
        }
        if (jwksUrl.isPresent()) {
            try {
                return new SnapshotTrust.JwksUrl(URI.create(jwksUrl.get()), timeout, Clock.systemUTC());
            } catch (IllegalArgumentException e) {
                return new SnapshotTrust.None("snapshot-jwks-url " + jwksUrl.get() + " refused: " + e.getMessage());
            }
        }
        return new SnapshotTrust.None("no snapshot-public-key-file or snapshot-jwks-url");
    }

    /** {@code realm/clientId} of the node's own client, read from the token URL's path. */
    private Optional<String> nodeClient() {
        Optional<String> realm = options.tokenUrl().map(TOKEN_URL_REALM::matcher).filter(Matcher::find).map(m -> m.group(1));
        return realm.flatMap(r -> options.clientId().map(id -> r + "/" + id));
    }

    private BearerToken token() {
        Optional<String> tokenUrl = options.tokenUrl();
        Optional<String> clientId = options.clientId();
        Optional<String> secret = options.clientSecret();
        if (tokenUrl.isPresent() && clientId.isPresent() && secret.isPresent()) {
            return new ClientCredentialsToken(URI.create(tokenUrl.get()), clientId.get(), secret.get(), Clock.systemUTC());
        }
        return Optional::empty;
    }

    @Override
    public PortcullisProvider create(KeycloakSession session) {
        return node;
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
        if (node != null) {
            try {
                node.policies().close();
                shipper.ifPresent(SignInShipper::close);
                node.signals().close();
            } catch (Exception e) {
                LOG.warnf("event=portcullis_close_failed error=%s", e.toString());
            }
        }
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("snapshotVersion", node == null ? "not started"
                : node.policies().snapshotVersion().map(String::valueOf).orElse("none (fail-secure default)"));
        if (store == null) {
            return info;
        }
        store.active().ifPresent(active -> {
            info.put("snapshotEpoch", active.snapshot().epoch());
            info.put("snapshotSignedBy", active.keyId() + " at " + active.signedAt());
        });
        info.put("snapshotTrust", trust.describe());
        facts.facts().ifPresent(f -> info.put("factsSequence", Long.toString(f.sequence())));
        info.put("factsRefused", Long.toString(facts.refused()));
        for (SnapshotStore.Refusal reason : SnapshotStore.Refusal.values()) {
            info.put("snapshotsRefused." + reason.tag(), Long.toString(store.refused(reason)));
        }
        return info;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return PortcullisOptions.metadata();
    }

    /** For tests: what every session's provider is. */
    PortcullisProvider shared() {
        return node;
    }
}
