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
import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.risk.RiskRules;
import dev.portcullis.core.risk.SignInRiskScorer;
import dev.portcullis.graphjson.GraphJson;
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

    public static final String ID = "default";
    private static final Logger LOG = Logger.getLogger(DefaultPortcullisProviderFactory.class);

    private Config.Scope config;
    private PortcullisEngine engine;

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
        GraphJson json = new GraphJson();
        Optional<URI> controlPlane = option("controlPlaneUrl").map(URI::create);
        Optional<Path> snapshotFile = option("snapshotFile").map(Path::of);
        Path cacheDir = option("cacheDir").map(Path::of).orElseGet(() ->
                Path.of(System.getProperty("kc.home.dir", "."), "data", "portcullis"));
        SnapshotStore store = new SnapshotStore(json, Optional.of(cacheDir.resolve("last-known-good-snapshot.json")));
        BearerToken token = token();
        Optional<URI> snapshotUrl = controlPlane.map(u -> u.resolve("/v1.0/identity/conditionalAccess/snapshot"));
        Duration timeout = Duration.ofMillis(config.getLong("requestTimeoutMillis", 3000L));
        Optional<SnapshotPuller> puller = snapshotUrl.isPresent() || snapshotFile.isPresent()
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
                token, json::writeSignInRecords, config.getInt("signInQueueCapacity", 10_000), timeout,
                Duration.ofMillis(config.getInt("signInBatchLingerMillis", 1_000))));
        List<IpRange> listed = new ArrayList<>();
        for (String cidr : option("riskListedRanges").map(s -> s.split(",")).orElse(new String[0])) {
            if (!cidr.isBlank()) {
                listed.add(IpRange.of(cidr.trim()));
            }
        }
        engine = new PortcullisEngine(store, puller, failSecure, adminPortals, geo, devices, shipper,
                new SignInRiskScorer(RiskRules.defaults().withListedRanges(listed)));
        puller.ifPresent(p -> {
            p.refresh(); // a node starts enforcing the current policies, not the default
            p.start(Duration.ofMillis(config.getLong("refreshIntervalMillis", 1000L)));
        });
        LOG.infof("event=portcullis_started snapshot_version=%s control_plane=%s snapshot_file=%s fail_secure=%s",
                engine.snapshotVersion().map(String::valueOf).orElse("none"), controlPlane.orElse(null),
                snapshotFile.orElse(null), failSecure);
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
        return info;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("control-plane-url").type("string")
                .helpText("Base URL of the Portcullis control plane; snapshots are pulled from it and sign-in records"
                        + " posted to it.").add()
                .property().name("snapshot-file").type("string")
                .helpText("A policy snapshot file (Graph JSON) to enforce, re-read when it changes; for standalone use.")
                .add()
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
