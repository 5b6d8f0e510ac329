package dev.portcullis.graphjson;

import dev.portcullis.core.alert.HighRiskAlert;
import dev.portcullis.core.device.Device;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.risk.RiskyUser;
import dev.portcullis.core.securitydefaults.SecurityDefaults;
import dev.portcullis.core.tap.TemporaryAccessPass;

/** The stored encoding of every kind of document. */
public record DocumentCodecs(DocumentCodec<ConditionalAccessPolicy> policies,
        DocumentCodec<NamedLocation> namedLocations, DocumentCodec<AuthenticationStrength> strengths,
        DocumentCodec<Device> devices, DocumentCodec<RiskyUser> riskyUsers, DocumentCodec<HighRiskAlert> alerts,
        DocumentCodec<SecurityDefaults> securityDefaults, DocumentCodec<TemporaryAccessPass> temporaryAccessPasses) {

    /**
     * A document named only by its kind (an audit entry's before and after) as stored text.
     *
     * @throws ClassCastException when the value is not of the kind: a programming error
     */
    public String encode(DocumentKind kind, Object value) {
        return switch (kind) {
            case POLICY -> policies.encode((ConditionalAccessPolicy) value);
            case NAMED_LOCATION -> namedLocations.encode((NamedLocation) value);
            case AUTHENTICATION_STRENGTH -> strengths.encode((AuthenticationStrength) value);
            case DEVICE -> devices.encode((Device) value);
            case ALERT -> alerts.encode((HighRiskAlert) value);
            case RISKY_USER -> riskyUsers.encode((RiskyUser) value);
            case SECURITY_DEFAULTS -> securityDefaults.encode((SecurityDefaults) value);
            case TEMPORARY_ACCESS_PASS -> temporaryAccessPasses.encode((TemporaryAccessPass) value);
        };
    }
}
