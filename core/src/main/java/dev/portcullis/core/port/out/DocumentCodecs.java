package dev.portcullis.core.port.out;

import dev.portcullis.core.alert.HighRiskAlert;
import dev.portcullis.core.device.Device;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.risk.RiskyUser;

/** The stored encoding of every kind of document the services read or write. */
public record DocumentCodecs(DocumentCodec<ConditionalAccessPolicy> policies,
        DocumentCodec<NamedLocation> namedLocations, DocumentCodec<AuthenticationStrength> strengths,
        DocumentCodec<Device> devices, DocumentCodec<RiskyUser> riskyUsers, DocumentCodec<HighRiskAlert> alerts) {}
