package dev.portcullis.core.port.out;

import dev.portcullis.core.alert.HighRiskAlert;
import dev.portcullis.core.device.Device;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.risk.RiskyUser;
import dev.portcullis.core.securitydefaults.SecurityDefaults;
import dev.portcullis.core.tap.TemporaryAccessPass;

/**
 * The store of every kind of document, typed: what the wiring hands each service the few it uses of.
 * Built only by a document store adapter, which makes each kind's store itself (never null), so the
 * record checks nothing.
 */
public record DocumentStores(DocumentStore<ConditionalAccessPolicy> policies,
        DocumentStore<NamedLocation> namedLocations, DocumentStore<AuthenticationStrength> strengths,
        DocumentStore<Device> devices, DocumentStore<HighRiskAlert> alerts, DocumentStore<RiskyUser> riskyUsers,
        DocumentStore<SecurityDefaults> securityDefaults,
        DocumentStore<TemporaryAccessPass> temporaryAccessPasses) {

    /** The store of a kind, when only the kind is known (an import's listing of what is taken). */
    public DocumentStore<?> of(DocumentKind kind) {
        return switch (kind) {
            case POLICY -> policies;
            case NAMED_LOCATION -> namedLocations;
            case AUTHENTICATION_STRENGTH -> strengths;
            case DEVICE -> devices;
            case ALERT -> alerts;
            case RISKY_USER -> riskyUsers;
            case SECURITY_DEFAULTS -> securityDefaults;
            case TEMPORARY_ACCESS_PASS -> temporaryAccessPasses;
        };
    }
}
