package dev.portcullis.adapters.persistence;

import dev.portcullis.core.alert.HighRiskAlert;
import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.device.Device;
import dev.portcullis.core.location.IpNamedLocation;
import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.port.out.DocumentStores;
import dev.portcullis.core.risk.RiskyUser;
import dev.portcullis.core.securitydefaults.SecurityDefaults;
import dev.portcullis.core.tap.PassVerifier;
import dev.portcullis.core.tap.TemporaryAccessPass;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A document of every kind, as the services would write it: what the contract keeps and reads back. */
final class StoredSamples {

    /** Makes a document of one kind with a given id, for that kind's store. */
    record Sample<T>(DocumentStore<T> store, Function<String, T> make) {}

    private StoredSamples() {}

    static List<Sample<?>> everyKind(DocumentStores stores) {
        Instant at = Instant.parse("2026-12-01T08:00:00Z");
        return List.of(
                new Sample<>(stores.policies(), id -> policy(id, "Require MFA")),
                new Sample<>(stores.namedLocations(), id -> office(id, List.of(IpRange.of("10.20.0.0/16")))),
                new Sample<>(stores.strengths(), id -> new AuthenticationStrength(id, "Strong", "",
                        AuthenticationStrength.MFA.allowedCombinations(), false)),
                new Sample<>(stores.devices(), id -> device(id, true)),
                new Sample<>(stores.alerts(), id -> new HighRiskAlert(id, at, "signin-" + id, "alice", "finance-app",
                        Optional.of("203.0.113.7"), Optional.of("NL"), List.of("unfamiliarLocation"),
                        List.of("blocked by policy"), Optional.empty())),
                new Sample<>(stores.riskyUsers(), RiskyUser::none),
                new Sample<>(stores.securityDefaults(), id -> new SecurityDefaults(true)),
                new Sample<>(stores.temporaryAccessPasses(), id -> new TemporaryAccessPass("tap-" + id, id, at, at, 60,
                        true, Optional.of(new PassVerifier("c2FsdA==", "aGFzaA==")))));
    }

    static ConditionalAccessPolicy policy(String id, String displayName) {
        return new ConditionalAccessPolicy(id, displayName, PolicyState.REPORT_ONLY,
                Conditions.of(UsersCondition.all(), ApplicationsCondition.all()),
                GrantControls.require(GrantOperator.OR, BuiltInControl.MFA), SessionControls.none());
    }

    static Device device(String id, boolean compliant) {
        return new Device(id, "Laptop", Optional.of("alice"), Optional.empty(), compliant, true, "AzureAd", "Company",
                Instant.parse("2026-12-01T08:00:00Z"));
    }

    static NamedLocation office(String id, List<IpRange> ranges) {
        return new IpNamedLocation(id, "Office", ranges, true);
    }
}
