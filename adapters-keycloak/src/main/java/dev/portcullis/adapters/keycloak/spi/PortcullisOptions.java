package dev.portcullis.adapters.keycloak.spi;

import dev.portcullis.adapters.keycloak.snapshot.PolicySource.FailSecureDefault;
import dev.portcullis.core.location.IpRange;
import dev.portcullis.adapters.keycloak.controlplane.ControlPlaneEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Portcullis' server options ({@code --spi-portcullis--default--<key>}), typed. Each key is spelled
 * once, in {@link Option}: the same entry reads the value from Keycloak's {@code Config.Scope} and
 * describes it in the server info ({@code getConfigMetadata}).
 */
record PortcullisOptions(Optional<ControlPlaneEndpoints> controlPlane, Optional<Path> snapshotFile,
        Optional<String> snapshotPublicKeyFile, Optional<String> snapshotJwksUrl, Path cacheDir,
        Duration refreshInterval, Duration snapshotWait, Duration requestTimeout, FailSecureDefault failSecureDefault,
        Set<String> adminPortalClients, Optional<Path> geoipDatabase, Optional<String> deviceCaFile,
        Optional<String> tokenUrl, Optional<String> clientId, Optional<String> clientSecret,
        List<IpRange> riskListedRanges, int signInQueueCapacity, Duration signInBatchLinger) {

    /**
     * One option as an operator writes it (kebab-case), with its type, default and help. Keycloak's
     * scope is asked by the camel-case form of the key, as Keycloak's own providers ask it.
     */
    record Option(String key, String type, String defaultValue, String help, List<String> choices, boolean secret) {

        static Option text(String key, String help) {
            return new Option(key, "string", null, help, List.of(), false);
        }

        static Option number(String key, int defaultValue, String help) {
            return new Option(key, "int", Integer.toString(defaultValue), help, List.of(), false);
        }

        /** The key as the scope is asked: {@code control-plane-url} is {@code controlPlaneUrl}. */
        String scopeKey() {
            StringBuilder camel = new StringBuilder();
            for (String part : key.split("-")) {
                camel.append(camel.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
            }
            return camel.toString();
        }

        /** The value set (trimmed, never blank), else the default. */
        Optional<String> in(Config.Scope scope) {
            return Optional.ofNullable(scope.get(scopeKey())).map(String::trim).filter(s -> !s.isEmpty())
                    .or(() -> Optional.ofNullable(defaultValue));
        }

        long longIn(Config.Scope scope) {
            return Long.parseLong(in(scope).orElseThrow());
        }
    }

    static final Option CONTROL_PLANE_URL = Option.text("control-plane-url",
            "Base URL of the Portcullis control plane; snapshots are pulled from it and sign-in records posted to it."
                    + " Its replicas may be listed, separated by commas: the next one is used when the current one is down.");
    static final Option SNAPSHOT_FILE = Option.text("snapshot-file",
            "A signed policy snapshot file (as the control plane serves it) to enforce, re-read when it changes; for"
                    + " standalone use.");
    static final Option SNAPSHOT_PUBLIC_KEY_FILE = Option.text("snapshot-public-key-file",
            "The control plane's snapshot public key(s), pinned: PEM 'PUBLIC KEY' blocks or a JWK set; re-read when the"
                    + " file changes. Only snapshots signed with one of them are enforced. Preferred over"
                    + " snapshot-jwks-url.");
    static final Option SNAPSHOT_JWKS_URL = Option.text("snapshot-jwks-url",
            "An https URL of the JWK set snapshots are signed with (the control plane's"
                    + " /v1.0/identity/conditionalAccess/snapshot/keys), instead of a pinned key file. Without either,"
                    + " the node pulls nothing and enforces the fail-secure default.");
    static final Option CACHE_DIR = Option.text("cache-dir",
            "Where the last-known-good snapshot is kept (default: data/portcullis).");
    static final Option REFRESH_INTERVAL_MILLIS = Option.number("refresh-interval-millis", 1000,
            "How often to ask the control plane for a newer snapshot (a 304 when nothing changed), when it does not"
                    + " hold the request (see snapshot-wait-seconds) or after a failure.");
    static final Option SNAPSHOT_WAIT_SECONDS = Option.number("snapshot-wait-seconds", 25,
            "How long the control plane may hold a snapshot request until a policy changes (Prefer: wait, RFC 7240):"
                    + " changes arrive in about 0.1 s. Keep it below the idle timeout of any proxy in between; 0 polls"
                    + " every refresh interval instead.");
    static final Option REQUEST_TIMEOUT_MILLIS = Option.number("request-timeout-millis", 3000,
            "Timeout of every call to the control plane; logins never wait for them.");
    static final Option FAIL_SECURE_DEFAULT = new Option("fail-secure-default", "string", "require-mfa",
            "What to enforce while no snapshot was ever loaded.", List.of("require-mfa", "block"), false);
    static final Option ADMIN_PORTAL_CLIENTS = new Option("admin-portal-clients", "string",
            "security-admin-console,admin-cli", "Client ids that form the admin portals group (MicrosoftAdminPortals).",
            List.of(), false);
    static final Option GEOIP_DATABASE = Option.text("geoip-database",
            "MaxMind DB file (GeoLite2/GeoIP2 Country or City); re-read when it changes.");
    static final Option DEVICE_CA_FILE = Option.text("device-ca-file",
            "PEM file of the CA certificates that issue device certificates.");
    static final Option TOKEN_URL = Option.text("token-url",
            "Token endpoint for the client-credentials grant used to call the control plane.");
    static final Option CLIENT_ID = Option.text("client-id", "Client id for the control plane token.");
    static final Option CLIENT_SECRET = new Option("client-secret", "password", null,
            "Client secret for the control plane token.", List.of(), true);
    static final Option RISK_LISTED_RANGES = Option.text("risk-listed-ranges",
            "Comma-separated CIDR ranges (anonymising proxies, known-bad) that make a sign-in high risk.");
    static final Option SIGN_IN_QUEUE_CAPACITY = Option.number("sign-in-queue-capacity", 10_000,
            "Sign-in records waiting to be shipped; beyond it records are dropped and counted.");
    static final Option SIGN_IN_BATCH_LINGER_MILLIS = Option.number("sign-in-batch-linger-millis", 1_000,
            "How long a sign-in record waits for others to share one request to the control plane.");

    /** In the order the server info lists them. */
    static final List<Option> ALL = List.of(CONTROL_PLANE_URL, SNAPSHOT_FILE, SNAPSHOT_PUBLIC_KEY_FILE, SNAPSHOT_JWKS_URL,
            CACHE_DIR, REFRESH_INTERVAL_MILLIS, SNAPSHOT_WAIT_SECONDS, REQUEST_TIMEOUT_MILLIS, FAIL_SECURE_DEFAULT,
            ADMIN_PORTAL_CLIENTS, GEOIP_DATABASE, DEVICE_CA_FILE, TOKEN_URL, CLIENT_ID, CLIENT_SECRET, RISK_LISTED_RANGES,
            SIGN_IN_QUEUE_CAPACITY, SIGN_IN_BATCH_LINGER_MILLIS);

    static PortcullisOptions read(Config.Scope scope) {
        return new PortcullisOptions(
                CONTROL_PLANE_URL.in(scope).map(ControlPlaneEndpoints::parse),
                SNAPSHOT_FILE.in(scope).map(Path::of),
                SNAPSHOT_PUBLIC_KEY_FILE.in(scope),
                SNAPSHOT_JWKS_URL.in(scope),
                CACHE_DIR.in(scope).map(Path::of).orElseGet(() ->
                        Path.of(System.getProperty("kc.home.dir", "."), "data", "portcullis")),
                Duration.ofMillis(REFRESH_INTERVAL_MILLIS.longIn(scope)),
                Duration.ofSeconds(SNAPSHOT_WAIT_SECONDS.longIn(scope)),
                Duration.ofMillis(REQUEST_TIMEOUT_MILLIS.longIn(scope)),
                FailSecureDefault.valueOf(FAIL_SECURE_DEFAULT.in(scope).orElseThrow()
                        .toUpperCase(Locale.ROOT).replace('-', '_')),
                Arrays.stream(ADMIN_PORTAL_CLIENTS.in(scope).orElseThrow().split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet()),
                GEOIP_DATABASE.in(scope).map(Path::of),
                DEVICE_CA_FILE.in(scope),
                TOKEN_URL.in(scope),
                CLIENT_ID.in(scope),
                CLIENT_SECRET.in(scope),
                RISK_LISTED_RANGES.in(scope).stream().flatMap(s -> Arrays.stream(s.split(",")))
                        .filter(cidr -> !cidr.isBlank()).map(cidr -> IpRange.of(cidr.trim())).toList(),
                (int) SIGN_IN_QUEUE_CAPACITY.longIn(scope),
                Duration.ofMillis(SIGN_IN_BATCH_LINGER_MILLIS.longIn(scope)));
    }

    /** What {@code getConfigMetadata} lists: every option, from the same entries that read them. */
    static List<ProviderConfigProperty> metadata() {
        ProviderConfigurationBuilder builder = ProviderConfigurationBuilder.create();
        for (Option option : ALL) {
            ProviderConfigurationBuilder.ProviderConfigPropertyBuilder property = builder.property()
                    .name(option.key()).type(option.type()).helpText(option.help());
            if (option.defaultValue() != null) {
                property.defaultValue("int".equals(option.type()) ? Integer.valueOf(option.defaultValue())
                        : option.defaultValue());
            }
            if (!option.choices().isEmpty()) {
                property.options(option.choices());
            }
            if (option.secret()) {
                property.secret(true);
            }
            property.add();
        }
        return builder.build();
    }
}
