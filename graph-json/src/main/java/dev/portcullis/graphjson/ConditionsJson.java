package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.AuthenticationFlowsCondition;
import dev.portcullis.core.condition.ClientAppTypesCondition;
import dev.portcullis.core.condition.ClientApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.DeviceFilter;
import dev.portcullis.core.condition.DevicesCondition;
import dev.portcullis.core.condition.InsiderRiskCondition;
import dev.portcullis.core.condition.LocationsCondition;
import dev.portcullis.core.condition.PlatformsCondition;
import dev.portcullis.core.condition.RiskCondition;
import dev.portcullis.core.condition.TimeCondition;
import dev.portcullis.core.condition.UnevaluatedCondition;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.InsiderRiskLevel;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.TransferMethod;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A policy's {@code conditions}: who signs in (users, groups, roles, guests, workload identities),
 * to what, from where, on which platform and device, at what risk, when ({@link TimeConditionJson}),
 * and by which flow. Each beta property is decided one by one: enforced where Keycloak has the
 * concept, otherwise kept as written and never enforced ({@link UnevaluatedParts}).
 */
final class ConditionsJson {

    private static final Set<String> CONDITION_FIELDS = Set.of("users", "applications", "clientAppTypes", "locations",
            "platforms", "signInRiskLevels", "userRiskLevels", "devices", "times", "clientApplications",
            "servicePrincipalRiskLevels", "insiderRiskLevels", "authenticationFlows", "deviceStates", "agents",
            "agentIdRiskLevels", "agentContext");
    private static final Set<String> USER_FIELDS = Set.of("includeUsers", "excludeUsers", "includeGroups",
            "excludeGroups", "includeRoles", "excludeRoles", "includeGuestsOrExternalUsers",
            "excludeGuestsOrExternalUsers");
    private static final Set<String> APPLICATION_FIELDS = Set.of("includeApplications", "excludeApplications",
            "includeUserActions", "includeAuthenticationContextClassReferences",
            "includeAuthenticationContextClassRefs", "applicationFilter", "networkAccess", "globalSecureAccess");
    private static final Set<String> CLIENT_APPLICATION_FIELDS = Set.of("includeServicePrincipals",
            "excludeServicePrincipals", "servicePrincipalFilter", "includeAgentIdServicePrincipals",
            "excludeAgentIdServicePrincipals", "agentIdServicePrincipalFilter");
    private static final String AGENT_RESOURCES = "AllAgentIdResources";
    private static final Set<String> USER_KEYWORDS = Set.of(UsersCondition.ALL, UsersCondition.NONE,
            UsersCondition.GUESTS_OR_EXTERNAL_USERS);
    private static final Set<String> LOCATION_KEYWORDS = Set.of(LocationsCondition.ALL, LocationsCondition.ALL_TRUSTED);

    private ConditionsJson() {}

    static Conditions read(JsonReader c) {
        c.onlyKnownFields(CONDITION_FIELDS);
        UnevaluatedParts unevaluated = new UnevaluatedParts();
        UsersCondition users = c.object("users").map(ConditionsJson::users).orElse(null);
        if (users == null) {
            c.problems().error(c.path("users"), "required");
        }
        ApplicationsCondition applications = c.object("applications").map(a -> applications(a, unevaluated))
                .orElse(null);
        if (applications == null) {
            c.problems().error(c.path("applications"), "required");
        }
        unevaluated.keep(c, List.of("agents", "agentIdRiskLevels", "agentContext"), "", UnevaluatedParts.AGENTS);
        unevaluated.keep(c, "servicePrincipalRiskLevels", "", UnevaluatedParts.WORKLOAD_RISK);
        unevaluated.keep(c, "deviceStates", "", UnevaluatedParts.DEVICE_STATES);
        Optional<ClientApplicationsCondition> workloads = c.object("clientApplications")
                .flatMap(w -> clientApplications(w, unevaluated));
        if (users == null || applications == null) {
            return null;
        }
        Conditions conditions = Conditions.of(users, applications);
        Set<ClientAppType> types = c.enums("clientAppTypes", ClientAppType.class);
        if (!types.isEmpty() && !types.equals(Set.of(ClientAppType.ALL))) {
            conditions = conditions.withClientAppTypes(new ClientAppTypesCondition(types));
        }
        Optional<LocationsCondition> locations = c.object("locations").map(l -> {
            l.onlyKnownFields(Set.of("includeLocations", "excludeLocations"));
            return new LocationsCondition(keywords(l.strings("includeLocations"), LOCATION_KEYWORDS),
                    keywords(l.strings("excludeLocations"), LOCATION_KEYWORDS));
        });
        if (locations.isPresent()) {
            conditions = conditions.withLocations(locations.get());
        }
        Optional<PlatformsCondition> platforms = c.object("platforms").map(p -> {
            p.onlyKnownFields(Set.of("includePlatforms", "excludePlatforms"));
            return new PlatformsCondition(p.enums("includePlatforms", DevicePlatform.class),
                    p.enums("excludePlatforms", DevicePlatform.class));
        });
        if (platforms.isPresent()) {
            conditions = conditions.withPlatforms(platforms.get());
        }
        Set<RiskLevel> signInRisk = c.enums("signInRiskLevels", RiskLevel.class);
        if (!signInRisk.isEmpty()) {
            conditions = conditions.withSignInRisk(new RiskCondition(RiskCondition.Kind.SIGN_IN, signInRisk));
        }
        Set<RiskLevel> userRisk = c.enums("userRiskLevels", RiskLevel.class);
        if (!userRisk.isEmpty()) {
            conditions = conditions.withUserRisk(new RiskCondition(RiskCondition.Kind.USER, userRisk));
        }
        Optional<DevicesCondition> devices = c.object("devices").flatMap(d -> devices(d, unevaluated));
        if (devices.isPresent()) {
            conditions = conditions.withDevices(devices.get());
        }
        Optional<TimeCondition> times = c.object("times").map(TimeConditionJson::read);
        if (times.isPresent()) {
            conditions = conditions.withTimes(times.get());
        }
        Optional<AuthenticationFlowsCondition> flows = c.object("authenticationFlows")
                .map(ConditionsJson::authenticationFlows);
        if (flows.isPresent()) {
            conditions = conditions.withAuthenticationFlows(flows.get());
        }
        Set<InsiderRiskLevel> insider = c.enumFlags("insiderRiskLevels", InsiderRiskLevel.class);
        if (!insider.isEmpty()) {
            c.problems().warning(c.path("insiderRiskLevels"), "read from Portcullis' user risk: minor is low,"
                    + " moderate is medium, elevated is high");
            conditions = conditions.withInsiderRisk(new InsiderRiskCondition(insider));
        }
        if (workloads.isPresent()) {
            conditions = conditions.withClientApplications(workloads.get());
        }
        for (UnevaluatedCondition u : unevaluated.kept()) {
            conditions = conditions.withUnevaluated(u);
        }
        return conditions;
    }

    private static AuthenticationFlowsCondition authenticationFlows(JsonReader f) {
        f.onlyKnownFields(Set.of("transferMethods"));
        Set<TransferMethod> methods = f.enumFlags("transferMethods", TransferMethod.class);
        if (methods.contains(TransferMethod.AUTHENTICATION_TRANSFER)) {
            f.problems().warning(f.path("transferMethods"), "Keycloak has no authentication transfer: no sign-in"
                    + " uses it, so that part matches none (deviceCodeFlow is Keycloak's device authorization grant)");
        }
        return new AuthenticationFlowsCondition(methods);
    }

    /** Workload identities: clients using the client-credentials grant; agent identities never sign in here. */
    private static Optional<ClientApplicationsCondition> clientApplications(JsonReader w,
            UnevaluatedParts unevaluated) {
        w.onlyKnownFields(CLIENT_APPLICATION_FIELDS);
        unevaluated.keep(w, List.of("includeAgentIdServicePrincipals", "excludeAgentIdServicePrincipals",
                "agentIdServicePrincipalFilter"), "clientApplications", UnevaluatedParts.AGENTS);
        unevaluated.keep(w, "servicePrincipalFilter", "clientApplications", UnevaluatedParts.ATTRIBUTE_FILTER);
        List<String> include = w.strings("includeServicePrincipals");
        List<String> exclude = w.strings("excludeServicePrincipals");
        if (include.isEmpty() && exclude.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ClientApplicationsCondition(keywords(include, Set.of(ClientApplicationsCondition.ALL_IN_TENANT)),
                ordered(exclude)));
    }

    private static UsersCondition users(JsonReader u) {
        u.onlyKnownFields(USER_FIELDS);
        List<String> includeUsers = new ArrayList<>(keywords(u.strings("includeUsers"), USER_KEYWORDS));
        if (u.configured("includeGuestsOrExternalUsers")) {
            // Finer guest kinds are not modelled: including all guests is the broader, safer reading.
            if (!includeUsers.contains(UsersCondition.GUESTS_OR_EXTERNAL_USERS)) {
                includeUsers.add(UsersCondition.GUESTS_OR_EXTERNAL_USERS);
            }
            u.problems().unenforceable(u.path("includeGuestsOrExternalUsers"),
                    "guest kinds are not distinguished: every guest or external user is included");
        }
        if (u.configured("excludeGuestsOrExternalUsers")) {
            u.problems().unenforceable(u.path("excludeGuestsOrExternalUsers"),
                    "guest kinds are not distinguished: this exclusion is not applied (fail secure)");
        }
        return new UsersCondition(ordered(includeUsers), keywords(u.strings("excludeUsers"), USER_KEYWORDS),
                ordered(u.strings("includeGroups")), ordered(u.strings("excludeGroups")),
                ordered(u.strings("includeRoles")), ordered(u.strings("excludeRoles")));
    }

    private static ApplicationsCondition applications(JsonReader a, UnevaluatedParts unevaluated) {
        a.onlyKnownFields(APPLICATION_FIELDS);
        // Graph's name is ...ClassReferences; ...ClassRefs was accepted by earlier versions of Portcullis.
        unevaluated.keep(a, List.of("includeAuthenticationContextClassReferences", "includeAuthenticationContextClassRefs"),
                "applications", UnevaluatedParts.AUTHENTICATION_CONTEXT);
        unevaluated.keep(a, "applicationFilter", "applications", UnevaluatedParts.ATTRIBUTE_FILTER);
        unevaluated.keep(a, List.of("networkAccess", "globalSecureAccess"), "applications",
                UnevaluatedParts.GLOBAL_SECURE_ACCESS);
        List<String> include = a.strings("includeApplications");
        if (include.contains("Office365")) {
            a.problems().unenforceable(a.path("includeApplications"),
                    "'Office365' names no Keycloak client: use client ids");
        }
        if (include.contains(AGENT_RESOURCES)) {
            a.problems().unenforceable(a.path("includeApplications"),
                    "'" + AGENT_RESOURCES + "': agent resources do not exist in Keycloak, so it includes no client");
        }
        return new ApplicationsCondition(ordered(include), ordered(a.strings("excludeApplications")),
                ordered(a.strings("includeUserActions")));
    }

    private static Optional<DevicesCondition> devices(JsonReader d, UnevaluatedParts unevaluated) {
        d.onlyKnownFields(Set.of("deviceFilter", "includeDevices", "excludeDevices", "includeDeviceStates",
                "excludeDeviceStates"));
        unevaluated.keep(d, List.of("includeDevices", "excludeDevices", "includeDeviceStates", "excludeDeviceStates"),
                "devices", UnevaluatedParts.DEVICE_STATES);
        Optional<JsonReader> filter = d.object("deviceFilter");
        if (filter.isEmpty()) {
            return Optional.empty();
        }
        JsonReader f = filter.get();
        f.onlyKnownFields(Set.of("mode", "rule"));
        Optional<String> mode = f.string("mode");
        String rule = f.requiredString("rule");
        DevicesCondition.Mode parsedMode = null;
        if (mode.isEmpty()) {
            f.problems().error(f.path("mode"), "required: include or exclude");
        } else if (mode.get().equalsIgnoreCase("include")) {
            parsedMode = DevicesCondition.Mode.INCLUDE;
        } else if (mode.get().equalsIgnoreCase("exclude")) {
            parsedMode = DevicesCondition.Mode.EXCLUDE;
        } else {
            f.problems().error(f.path("mode"), "unknown value '" + mode.get() + "'; allowed: include, exclude");
        }
        DeviceFilter.Parsed parsed = DeviceFilter.parse(rule);
        if (parsed instanceof DeviceFilter.Parsed.Invalid invalid) {
            f.problems().error(f.path("rule"), invalid.message());
            return Optional.empty();
        }
        if (parsedMode == null) {
            return Optional.empty();
        }
        return Optional.of(new DevicesCondition(parsedMode, rule, ((DeviceFilter.Parsed.Ok) parsed).filter()));
    }

    static void write(ObjectNode conditions, Conditions c) {
        ObjectNode users = conditions.putObject("users");
        JsonArrays.strings(users, "includeUsers", c.users().includeUsers());
        JsonArrays.strings(users, "excludeUsers", c.users().excludeUsers());
        JsonArrays.strings(users, "includeGroups", c.users().includeGroups());
        JsonArrays.strings(users, "excludeGroups", c.users().excludeGroups());
        JsonArrays.strings(users, "includeRoles", c.users().includeRoles());
        JsonArrays.strings(users, "excludeRoles", c.users().excludeRoles());
        ObjectNode apps = conditions.putObject("applications");
        JsonArrays.strings(apps, "includeApplications", c.applications().includeApplications());
        JsonArrays.strings(apps, "excludeApplications", c.applications().excludeApplications());
        JsonArrays.strings(apps, "includeUserActions", c.applications().includeUserActions());
        JsonArrays.names(conditions, "clientAppTypes",
                c.clientAppTypes().map(ClientAppTypesCondition::clientAppTypes).orElse(Set.of(ClientAppType.ALL)));
        if (c.locations().isPresent()) {
            ObjectNode locations = conditions.putObject("locations");
            JsonArrays.strings(locations, "includeLocations", c.locations().get().includeLocations());
            JsonArrays.strings(locations, "excludeLocations", c.locations().get().excludeLocations());
        } else {
            conditions.putNull("locations");
        }
        if (c.platforms().isPresent()) {
            ObjectNode platforms = conditions.putObject("platforms");
            JsonArrays.names(platforms, "includePlatforms", c.platforms().get().includePlatforms());
            JsonArrays.names(platforms, "excludePlatforms", c.platforms().get().excludePlatforms());
        } else {
            conditions.putNull("platforms");
        }
        JsonArrays.names(conditions, "signInRiskLevels", c.signInRiskLevels().map(RiskCondition::levels).orElse(Set.of()));
        JsonArrays.names(conditions, "userRiskLevels", c.userRiskLevels().map(RiskCondition::levels).orElse(Set.of()));
        if (c.devices().isPresent()) {
            ObjectNode filter = conditions.putObject("devices").putObject("deviceFilter");
            filter.put("mode", c.devices().get().mode().graphName());
            filter.put("rule", c.devices().get().rule());
        } else {
            conditions.putNull("devices");
        }
        c.times().ifPresent(t -> TimeConditionJson.write(conditions, t));
        c.authenticationFlows().ifPresent(f -> conditions.putObject("authenticationFlows").put("transferMethods",
                String.join(",", f.transferMethods().stream().map(TransferMethod::graphName).toList())));
        c.insiderRiskLevels().ifPresent(i -> conditions.put("insiderRiskLevels",
                String.join(",", i.levels().stream().map(InsiderRiskLevel::graphName).toList())));
        c.clientApplications().ifPresent(w -> {
            ObjectNode workloads = conditions.putObject("clientApplications");
            JsonArrays.strings(workloads, "includeServicePrincipals", w.includeServicePrincipals());
            JsonArrays.strings(workloads, "excludeServicePrincipals", w.excludeServicePrincipals());
        });
        UnevaluatedParts.writeBack(conditions, c.unevaluated());
    }

    /** Graph's keywords ("All", "AllTrusted", ...) are read in any case, as Graph reads them. */
    private static Set<String> keywords(List<String> values, Set<String> keywords) {
        Set<String> result = new LinkedHashSet<>();
        for (String value : values) {
            result.add(keywords.stream().filter(k -> k.equalsIgnoreCase(value)).findFirst().orElse(value));
        }
        return result;
    }

    private static Set<String> ordered(List<String> values) {
        return new LinkedHashSet<>(values);
    }
}
