package dev.portcullis.adapters.keycloak.spi;

import dev.portcullis.adapters.keycloak.shipping.BearerToken;
import dev.portcullis.adapters.keycloak.PortcullisEngine;
import dev.portcullis.adapters.keycloak.PortcullisEngine.FailSecureDefault;
import dev.portcullis.adapters.keycloak.device.DeviceCertificateVerifier;
import dev.portcullis.adapters.keycloak.geoip.MaxMindIpGeolocation;
import dev.portcullis.adapters.keycloak.shipping.ClientCredentialsToken;
import dev.portcullis.adapters.keycloak.shipping.SignInShipper;
import dev.portcullis.adapters.keycloak.snapshot.SnapshotPuller;
import dev.portcullis.adapters.keycloak.snapshot.SnapshotStore;
import dev.portcullis.adapters.keycloak.snapshot.SnapshotTrust;
import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.risk.RiskRules;
import dev.portcullis.core.risk.SignInRiskScorer;
import dev.portcullis.graphjson.SignInRecordCodec;
import dev.portcullis.graphjson.SnapshotCodec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Reads Portcullis' server options ({@code --spi-portcullis--default--<option>}), builds the
 * node's {@link PortcullisEngine} once in {@code postInit} and closes it with the server. No static
 * state: everything lives in this factory instance.
 */
public final class DefaultPortcullisProviderFactory implements PortcullisProviderFactory, ServerInfoAwareProviderFactory {

    private static final Pattern TOKEN_URL_REALM = Pattern.compile("/realms/([^/]+)/protocol/");

    public static final String ID = "default";
    private static final Logger LOG = Logger.getLogger(DefaultPortcullisProviderFactory.class);

    static final String LAST_KNOWN_GOOD = "last-known-good-snapshot.jws";

    private Config.Scope config;
    private PortcullisEngine engine;
    private SnapshotStore store;
    private SnapshotTrust trust;
    private SnapshotMetrics metrics;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
        this.config = config;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        Optional<URI> controlPlane = option("controlPlaneUrl").map(URI::create);
        Optional<Path> snapshotFile = option("snapshotFile").map(Path::of);
        Path cacheDir = option("cacheDir").map(Path::of).orElseGet(() ->
                Path.of(System.getProperty("kc.home.dir", "."), "data", "portcullis"));
        Duration timeout = Duration.ofMillis(config.getLong("requestTimeoutMillis", 3000L));
        trust = trust(timeout);
        store = new SnapshotStore(SnapshotCodec.instance(), trust, Optional.of(cacheDir.resolve(LAST_KNOWN_GOOD)));
        metrics = SnapshotMetrics.register(store);
        BearerToken token = token();
        Optional<URI> snapshotUrl = controlPlane.map(u -> u.resolve("/v1.0/identity/conditionalAccess/snapshot"));
        boolean source = snapshotUrl.isPresent() || snapshotFile.isPresent();
        if (source && trust instanceof SnapshotTrust.None none) {
            // Fail secure: with nothing to verify against, every snapshot would be refused; say so once, loudly.
            LOG.errorf("event=snapshot_trust_missing reason=\"%s\" effect=not_pulling_fail_secure_default"
                    + " fix=\"set snapshot-public-key-file (preferred) or snapshot-jwks-url\"", none.why());
        }
        Optional<SnapshotPuller> puller = source && !(trust instanceof SnapshotTrust.None)
                ? Optional.of(new SnapshotPuller(store, snapshotUrl, snapshotFile, token, timeout,
                        Duration.ofSeconds(config.getLong("snapshotWaitSeconds", 25L))))
                : Optional.empty();
        FailSecureDefault failSecure = FailSecureDefault.valueOf(
                config.get("failSecureDefault", "require-mfa").toUpperCase(Locale.ROOT).replace('-', '_'));
        Set<String> adminPortals = Arrays.stream(config.get("adminPortalClients", "security-admin-console,admin-cli")
                .split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        Optional<MaxMindIpGeolocation> geo = option("geoipDatabase").map(Path::of).map(MaxMindIpGeolocation::watching);
        Optional<DeviceCertificateVerifier> devices = option("deviceCaFile").map(path -> {
            try {
                return DeviceCertificateVerifier.fromPem(Path.of(path));
            } catch (Exception e) {
                LOG.warnf("event=device_ca_unreadable path=%s error=%s effect=devices_unknown", path, e);
                return null;
            }
        });
        Optional<SignInShipper> shipper = controlPlane.map(u -> new SignInShipper(u.resolve("/v1.0/auditLogs/signIns"),
                token, SignInRecordCodec.instance()::bytes, config.getInt("signInQueueCapacity", 10_000), timeout,
                Duration.ofMillis(config.getInt("signInBatchLingerMillis", 1_000))));
        List<IpRange> listed = new ArrayList<>();
        for (String cidr : option("riskListedRanges").map(s -> s.split(",")).orElse(new String[0])) {
            if (!cidr.isBlank()) {
                listed.add(IpRange.of(cidr.trim()));
            }
        }
        engine = new PortcullisEngine(store, puller, failSecure, adminPortals, geo, devices, shipper,
                new SignInRiskScorer(RiskRules.defaults().withListedRanges(listed)), nodeClient());
        puller.ifPresent(p -> {
            p.refresh(); // a node starts enforcing the current policies, not the default
            p.start(Duration.ofMillis(config.getLong("refreshIntervalMillis", 1000L)));
        });
        LOG.infof("event=portcullis_started snapshot_version=%s control_plane=%s snapshot_file=%s snapshot_trust=\"%s\""
                + " fail_secure=%s", engine.snapshotVersion().map(String::valueOf).orElse("none"), controlPlane.orElse(null),
                snapshotFile.orElse(null), trust.describe(), failSecure);
    }

    /** The keys snapshots must be signed with: a pinned public key file, or a JWK set URL over TLS; never both. */
    private SnapshotTrust trust(Duration timeout) {
        Optional<String> keyFile = option("snapshotPublicKeyFile");
        Optional<String> jwksUrl = option("snapshotJwksUrl");
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
        Optional<String> realm = option("tokenUrl").map(TOKEN_URL_REALM::matcher).filter(Matcher::find).map(m -> m.group(1));
        return realm.flatMap(r -> option("clientId").map(id -> r + "/" + id));
    }

    private BearerToken token() {
        Optional<String> tokenUrl = option("tokenUrl");
        Optional<String> clientId = option("clientId");
        Optional<String> secret = option("clientSecret");
        if (tokenUrl.isPresent() && clientId.isPresent() && secret.isPresent()) {
            return new ClientCredentialsToken(URI.create(tokenUrl.get()), clientId.get(), secret.get(), Clock.systemUTC());
        }
        return Optional::empty;
    }

    private Optional<String> option(String name) {
        return Optional.ofNullable(config.get(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    @Override
    public PortcullisProvider create(KeycloakSession session) {
        PortcullisEngine shared = engine;
        return () -> shared;
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
        if (engine != null) {
            try {
                engine.close();
            } catch (Exception e) {
                LOG.warnf("event=portcullis_close_failed error=%s", e.toString());
            }
        }
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("snapshotVersion", engine == null ? "not started"
                : engine.snapshotVersion().map(String::valueOf).orElse("none (fail-secure default)"));
        if (store == null) {
            return info;
        }
        store.active().ifPresent(active -> {
            info.put("snapshotEpoch", active.snapshot().epoch());
            info.put("snapshotSignedBy", active.keyId() + " at " + active.signedAt());
        });
        info.put("snapshotTrust", trust.describe());
        for (SnapshotStore.Refusal reason : SnapshotStore.Refusal.values()) {
            info.put("snapshotsRefused." + reason.tag(), Long.toString(store.refused(reason)));
        }
        return info;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("control-plane-url").type("string")
                .helpText("Base URL of the Portcullis control plane; snapshots are pulled from it and sign-in records"
                        + " posted to it.").add()
                .property().name("snapshot-file").type("string")
                .helpText("A signed policy snapshot file (as the control plane serves it) to enforce, re-read when it"
                        + " changes; for standalone use.")
                .add()
                .property().name("snapshot-public-key-file").type("string")
                .helpText("The control plane's snapshot public key(s), pinned: PEM 'PUBLIC KEY' blocks or a JWK set;"
                        + " re-read when the file changes. Only snapshots signed with one of them are enforced."
                        + " Preferred over snapshot-jwks-url.").add()
                .property().name("snapshot-jwks-url").type("string")
                .helpText("An https URL of the JWK set snapshots are signed with (the control plane's"
                        + " /v1.0/identity/conditionalAccess/snapshot/keys), instead of a pinned key file. Without either,"
                        + " the node pulls nothing and enforces the fail-secure default.").add()
                .property().name("cache-dir").type("string")
                .helpText("Where the last-known-good snapshot is kept (default: data/portcullis).").add()
                .property().name("refresh-interval-millis").type("int").defaultValue(1000)
                .helpText("How often to ask the control plane for a newer snapshot (a 304 when nothing changed), when it"
                        + " does not hold the request (see snapshot-wait-seconds) or after a failure.").add()
                .property().name("snapshot-wait-seconds").type("int").defaultValue(25)
                .helpText("How long the control plane may hold a snapshot request until a policy changes (Prefer: wait,"
                        + " RFC 7240): changes arrive in about 0.1 s. Keep it below the idle timeout of any proxy in"
                        + " between; 0 polls every refresh interval instead.").add()
                .property().name("request-timeout-millis").type("int").defaultValue(3000)
                .helpText("Timeout of every call to the control plane; logins never wait for them.").add()
                .property().name("fail-secure-default").type("string").defaultValue("require-mfa")
                .options("require-mfa", "block")
                .helpText("What to enforce while no snapshot was ever loaded.").add()
                .property().name("admin-portal-clients").type("string").defaultValue("security-admin-console,admin-cli")
                .helpText("Client ids that form the admin portals group (MicrosoftAdminPortals).").add()
                .property().name("geoip-database").type("string")
                .helpText("MaxMind DB file (GeoLite2/GeoIP2 Country or City); re-read when it changes.").add()
                .property().name("device-ca-file").type("string")
                .helpText("PEM file of the CA certificates that issue device certificates.").add()
                .property().name("token-url").type("string")
                .helpText("Token endpoint for the client-credentials grant used to call the control plane.").add()
                .property().name("client-id").type("string").helpText("Client id for the control plane token.").add()
                .property().name("client-secret").type("password").secret(true)
                .helpText("Client secret for the control plane token.").add()
                .property().name("risk-listed-ranges").type("string")
                .helpText("Comma-separated CIDR ranges (anonymising proxies, known-bad) that make a sign-in high risk.")
                .add()
                .property().name("sign-in-queue-capacity").type("int").defaultValue(10000)
                .helpText("Sign-in records waiting to be shipped; beyond it records are dropped and counted.").add()
                .property().name("sign-in-batch-linger-millis").type("int").defaultValue(1000)
                .helpText("How long a sign-in record waits for others to share one request to the control plane.").add()
                .build();
    }

    /** For tests and operational info. */
    public PortcullisEngine engine() {
        return engine;
    }
}
