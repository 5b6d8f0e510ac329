package dev.portcullis.benchmarks.peers;

import dev.portcullis.benchmarks.peers.PeerScenario.Outcome;
import dev.portcullis.benchmarks.peers.PeerScenario.Rule;
import dev.portcullis.benchmarks.peers.PeerScenario.SignIn;
import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.ClientAppTypesCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.LocationsCondition;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.evaluation.Evaluator;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.location.CountryNamedLocation;
import dev.portcullis.core.location.IpNamedLocation;
import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.Target;
import dev.portcullis.core.signin.UserIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The scenario in Portcullis' own model: one policy per rule, compiled once by {@link Evaluator#of}. */
public final class PeerPortcullisEngine implements PeerEngine {

    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    private final Evaluator evaluator;
    private final int policyCount;

    public PeerPortcullisEngine(PeerScenario scenario) {
        List<NamedLocation> locations = new ArrayList<>();
        locations.add(new IpNamedLocation(PeerScenario.OFFICE, "Office network",
                scenario.officeRanges().stream().map(IpRange::of).toList(), true));
        for (Map.Entry<String, Set<String>> e : scenario.countryLocations().entrySet()) {
            locations.add(new CountryNamedLocation(e.getKey(), e.getKey(), e.getValue(), false));
        }
        List<ConditionalAccessPolicy> policies = scenario.rules().stream()
                .map(rule -> policy(rule, scenario.breakGlass())).toList();
        this.policyCount = policies.size();
        this.evaluator = Evaluator.of(PolicySet.of(policies, locations));
    }

    static ConditionalAccessPolicy policy(Rule rule, List<String> breakGlass) {
        UsersCondition users = new UsersCondition(
                rule.allUsers() ? Set.of(UsersCondition.ALL) : Set.of(), new LinkedHashSet<>(breakGlass),
                new LinkedHashSet<>(rule.groups()), Set.of(), new LinkedHashSet<>(rule.roles()), Set.of());
        ApplicationsCondition apps = rule.allApps() ? ApplicationsCondition.all()
                : rule.adminPortals() ? ApplicationsCondition.apps(ApplicationsCondition.ADMIN_PORTALS)
                : new ApplicationsCondition(new LinkedHashSet<>(rule.apps()), Set.of(), Set.of());
        Conditions conditions = Conditions.of(users, apps);
        if (rule.legacyOnly()) {
            conditions = conditions.withClientAppTypes(
                    ClientAppTypesCondition.of(ClientAppType.EXCHANGE_ACTIVE_SYNC, ClientAppType.OTHER));
        }
        if (rule.countryLocation() != null) {
            conditions = conditions.withLocations(LocationsCondition.include(rule.countryLocation()));
        }
        if (rule.outsideOffice()) {
            conditions = conditions.withLocations(
                    new LocationsCondition(Set.of(LocationsCondition.ALL), Set.of(LocationsCondition.ALL_TRUSTED)));
        }
        GrantControls grant = switch (rule.grant()) {
            case BLOCK -> GrantControls.block();
            case MFA -> GrantControls.require(GrantOperator.OR, BuiltInControl.MFA);
            case MFA_AND_COMPLIANT_DEVICE ->
                    GrantControls.require(GrantOperator.AND, BuiltInControl.MFA, BuiltInControl.COMPLIANT_DEVICE);
        };
        return new ConditionalAccessPolicy(rule.id(), rule.name(), PolicyState.ENABLED, conditions, grant,
                SessionControls.none());
    }

    /** The sign-in as Keycloak hands it to the evaluator: transitive groups, resolved IP and country. */
    static dev.portcullis.core.signin.SignIn signIn(SignIn s) {
        dev.portcullis.core.signin.SignIn.Builder b = dev.portcullis.core.signin.SignIn.builder(s.user().id(), NOW)
                .user(UserIdentity.member(s.user().id(), Set.copyOf(s.allGroups()), Set.copyOf(s.user().roles())))
                .target(s.adminPortal() ? Target.adminPortal(s.app()) : Target.application(s.app()))
                .clientAppType(clientAppType(s.clientType()))
                .ipAddress(s.ip())
                .country(s.country().isEmpty() ? null : s.country())
                .device(switch (s.device()) {
                    case COMPLIANT -> new DeviceState.Known("device-" + s.index(), true, true, "Company", "AzureAD",
                            Optional.empty());
                    case NOT_COMPLIANT -> new DeviceState.Known("device-" + s.index(), false, true, "Company",
                            "AzureAD", Optional.empty());
                    case UNKNOWN -> DeviceState.UNKNOWN;
                })
                .satisfied(AuthenticationMethod.PASSWORD, NOW);
        if (s.mfaRegistered()) {
            b.registered(AuthenticationMethod.PASSWORD, AuthenticationMethod.TOTP);
        } else {
            b.registered(AuthenticationMethod.PASSWORD);
        }
        if (s.mfaDone()) {
            b.satisfied(AuthenticationMethod.TOTP, NOW);
        }
        return b.build();
    }

    private static ClientAppType clientAppType(PeerScenario.ClientType type) {
        return switch (type) {
            case BROWSER -> ClientAppType.BROWSER;
            case MOBILE_APPS_AND_DESKTOP_CLIENTS -> ClientAppType.MOBILE_APPS_AND_DESKTOP_CLIENTS;
            case EXCHANGE_ACTIVE_SYNC -> ClientAppType.EXCHANGE_ACTIVE_SYNC;
            case OTHER -> ClientAppType.OTHER;
        };
    }

    /** Step-up with a registered method and "register one first" are both "require MFA" here. */
    static Outcome outcome(Decision decision) {
        if (decision instanceof Decision.Allow) {
            return Outcome.ALLOW;
        }
        if (decision instanceof Decision.Block) {
            return Outcome.BLOCK;
        }
        return Outcome.REQUIRE_MFA; // RequireControls or RegistrationRequired
    }

    public Evaluator evaluator() {
        return evaluator;
    }

    @Override
    public String name() {
        return "portcullis";
    }

    @Override
    public int nativeRuleCount() {
        return policyCount;
    }

    @Override
    public Prepared prepare(List<SignIn> signIns) {
        dev.portcullis.core.signin.SignIn[] requests = signIns.stream().map(PeerPortcullisEngine::signIn)
                .toArray(dev.portcullis.core.signin.SignIn[]::new);
        return Prepared.of(requests, request -> outcome(evaluator.decide(request)));
    }
}
