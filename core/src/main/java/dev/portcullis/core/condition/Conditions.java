package dev.portcullis.core.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The IF part of a policy. Users and applications are always configured (as in Graph); every other
 * condition is optional, and an absent condition matches every sign-in.
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
        Optional<TimeCondition> times) {

    public Conditions {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(applications, "applications");
    }

    public static Conditions of(UsersCondition users, ApplicationsCondition applications) {
        return new Conditions(users, applications, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Conditions withClientAppTypes(ClientAppTypesCondition value) {
        return new Conditions(users, applications, Optional.of(value), locations, platforms, signInRiskLevels,
                userRiskLevels, devices, times);
    }

    public Conditions withLocations(LocationsCondition value) {
        return new Conditions(users, applications, clientAppTypes, Optional.of(value), platforms, signInRiskLevels,
                userRiskLevels, devices, times);
    }

    public Conditions withPlatforms(PlatformsCondition value) {
        return new Conditions(users, applications, clientAppTypes, locations, Optional.of(value), signInRiskLevels,
                userRiskLevels, devices, times);
    }

    public Conditions withSignInRisk(RiskCondition value) {
        return new Conditions(users, applications, clientAppTypes, locations, platforms, Optional.of(value),
                userRiskLevels, devices, times);
    }

    public Conditions withUserRisk(RiskCondition value) {
        return new Conditions(users, applications, clientAppTypes, locations, platforms, signInRiskLevels,
                Optional.of(value), devices, times);
    }

    public Conditions withDevices(DevicesCondition value) {
        return new Conditions(users, applications, clientAppTypes, locations, platforms, signInRiskLevels,
                userRiskLevels, Optional.of(value), times);
    }

    public Conditions withTimes(TimeCondition value) {
        return new Conditions(users, applications, clientAppTypes, locations, platforms, signInRiskLevels,
                userRiskLevels, devices, Optional.of(value));
    }

    /** The configured conditions in evaluation order: cheapest and most selective first. */
    public List<Condition> configured() {
        List<Condition> list = new ArrayList<>(9);
        list.add(users);
        list.add(applications);
        clientAppTypes.ifPresent(list::add);
        platforms.ifPresent(list::add);
        locations.ifPresent(list::add);
        devices.ifPresent(list::add);
        signInRiskLevels.ifPresent(list::add);
        userRiskLevels.ifPresent(list::add);
        times.ifPresent(list::add);
        return List.copyOf(list);
    }
}
