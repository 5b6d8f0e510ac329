package dev.portcullis.core.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The IF part of a policy. Users and applications are always configured (as in Graph); every other
 * condition is optional, and an absent condition matches every sign-in. A policy that targets
 * workload identities ({@code clientApplications}) is not about users: its users condition is not
 * evaluated (Graph sets it to {@code None}). Parts Portcullis never evaluates are kept in
 * {@code unevaluated}, and a policy with any of them never applies.
 */
public record Conditions(
        UsersCondition users,
        ApplicationsCondition applications,
        Optional<ClientAppTypesCondition> clientAppTypes,
        Optional<LocationsCondition> locations,
        Optional<PlatformsCondition> platforms,
        Optional<RiskCondition> signInRiskLevels,
        Optional<RiskCondition> userRiskLevels,
        Optional<DevicesCondition> devices,
        Optional<TimeCondition> times,
        Optional<AuthenticationFlowsCondition> authenticationFlows,
        Optional<ClientApplicationsCondition> clientApplications,
        Optional<InsiderRiskCondition> insiderRiskLevels,
        List<UnevaluatedCondition> unevaluated) {

    public Conditions {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(applications, "applications");
        unevaluated = List.copyOf(unevaluated);
    }

    /** The nine conditions of Graph v1.0 and {@code times}; the beta ones start absent. */
    public Conditions(UsersCondition users, ApplicationsCondition applications,
            Optional<ClientAppTypesCondition> clientAppTypes, Optional<LocationsCondition> locations,
            Optional<PlatformsCondition> platforms, Optional<RiskCondition> signInRiskLevels,
            Optional<RiskCondition> userRiskLevels, Optional<DevicesCondition> devices, Optional<TimeCondition> times) {
        this(users, applications, clientAppTypes, locations, platforms, signInRiskLevels, userRiskLevels, devices, times,
                Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    public static Conditions of(UsersCondition users, ApplicationsCondition applications) {
        return new Conditions(users, applications, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Conditions withClientAppTypes(ClientAppTypesCondition value) {
        return new Conditions(users, applications, Optional.of(value), locations, platforms, signInRiskLevels,
                userRiskLevels, devices, times, authenticationFlows, clientApplications, insiderRiskLevels, unevaluated);
    }

    public Conditions withLocations(LocationsCondition value) {
        return new Conditions(users, applications, clientAppTypes, Optional.of(value), platforms, signInRiskLevels,
                userRiskLevels, devices, times, authenticationFlows, clientApplications, insiderRiskLevels, unevaluated);
    }

    public Conditions withPlatforms(PlatformsCondition value) {
        return new Conditions(users, applications, clientAppTypes, locations, Optional.of(value), signInRiskLevels,
                userRiskLevels, devices, times, authenticationFlows, clientApplications, insiderRiskLevels, unevaluated);
    }

    public Conditions withSignInRisk(RiskCondition value) {
        return new Conditions(users, applications, clientAppTypes, locations, platforms, Optional.of(value),
                userRiskLevels, devices, times, authenticationFlows, clientApplications, insiderRiskLevels, unevaluated);
    }

    public Conditions withUserRisk(RiskCondition value) {
        return new Conditions(users, applications, clientAppTypes, locations, platforms, signInRiskLevels,
                Optional.of(value), devices, times, authenticationFlows, clientApplications, insiderRiskLevels,
                unevaluated);
    }

    public Conditions withDevices(DevicesCondition value) {
        return new Conditions(users, applications, clientAppTypes, locations, platforms, signInRiskLevels,
                userRiskLevels, Optional.of(value), times, authenticationFlows, clientApplications, insiderRiskLevels,
                unevaluated);
    }

    public Conditions withTimes(TimeCondition value) {
        return new Conditions(users, applications, clientAppTypes, locations, platforms, signInRiskLevels,
                userRiskLevels, devices, Optional.of(value), authenticationFlows, clientApplications, insiderRiskLevels,
                unevaluated);
    }

    public Conditions withAuthenticationFlows(AuthenticationFlowsCondition value) {
        return new Conditions(users, applications, clientAppTypes, locations, platforms, signInRiskLevels,
                userRiskLevels, devices, times, Optional.of(value), clientApplications, insiderRiskLevels, unevaluated);
    }

    public Conditions withClientApplications(ClientApplicationsCondition value) {
        return new Conditions(users, applications, clientAppTypes, locations, platforms, signInRiskLevels,
                userRiskLevels, devices, times, authenticationFlows, Optional.of(value), insiderRiskLevels, unevaluated);
    }

    public Conditions withInsiderRisk(InsiderRiskCondition value) {
        return new Conditions(users, applications, clientAppTypes, locations, platforms, signInRiskLevels,
                userRiskLevels, devices, times, authenticationFlows, clientApplications, Optional.of(value), unevaluated);
    }

    public Conditions withUsers(UsersCondition value) {
        return new Conditions(value, applications, clientAppTypes, locations, platforms, signInRiskLevels,
                userRiskLevels, devices, times, authenticationFlows, clientApplications, insiderRiskLevels, unevaluated);
    }

    public Conditions withApplications(ApplicationsCondition value) {
        return new Conditions(users, value, clientAppTypes, locations, platforms, signInRiskLevels,
                userRiskLevels, devices, times, authenticationFlows, clientApplications, insiderRiskLevels, unevaluated);
    }

    public Conditions withUnevaluated(UnevaluatedCondition value) {
        List<UnevaluatedCondition> more = new ArrayList<>(unevaluated);
        more.add(value);
        return new Conditions(users, applications, clientAppTypes, locations, platforms, signInRiskLevels,
                userRiskLevels, devices, times, authenticationFlows, clientApplications, insiderRiskLevels, more);
    }

    /** Whether Portcullis evaluates everything this policy says; if not, the policy never applies. */
    public boolean fullyEvaluated() {
        return unevaluated.isEmpty();
    }

    /**
     * The configured conditions in evaluation order: what is never evaluated first (its reason is the
     * one to give), then the cheapest and most selective.
     */
    public List<Condition> configured() {
        List<Condition> list = new ArrayList<>(12);
        list.addAll(unevaluated);
        if (clientApplications.isPresent()) {
            list.add(clientApplications.get()); // the subject is a workload identity, not a user
        } else {
            list.add(users);
        }
        list.add(applications);
        clientAppTypes.ifPresent(list::add);
        authenticationFlows.ifPresent(list::add);
        platforms.ifPresent(list::add);
        locations.ifPresent(list::add);
        devices.ifPresent(list::add);
        signInRiskLevels.ifPresent(list::add);
        userRiskLevels.ifPresent(list::add);
        insiderRiskLevels.ifPresent(list::add);
        times.ifPresent(list::add);
        return List.copyOf(list);
    }
}
