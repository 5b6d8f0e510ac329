package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.ClientAppTypesCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.DeviceFilter;
import dev.portcullis.core.condition.DevicesCondition;
import dev.portcullis.core.condition.LocationsCondition;
import dev.portcullis.core.condition.PlatformsCondition;
import dev.portcullis.core.condition.RiskCondition;
import dev.portcullis.core.condition.TimeCondition;
import dev.portcullis.core.condition.TimeWindow;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.policy.BuiltInControl;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.GrantOperator;
import dev.portcullis.core.policy.GraphNamed;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import dev.portcullis.core.policy.SignInFrequency;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.RiskLevel;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Graph's conditionalAccessPolicy resource, plus Portcullis' {@code conditions.times} extension. */
final class PolicyJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static final Set<String> POLICY_FIELDS = Set.of("id", "displayName", "state", "conditions",
            "grantControls", "sessionControls", "createdDateTime", "modifiedDateTime", "templateId", "description",
            "partialEnablementStrategy", "deletedDateTime");
    private static final Set<String> CONDITION_FIELDS = Set.of("users", "applications", "clientAppTypes", "locations",
            "platforms", "signInRiskLevels", "userRiskLevels", "devices", "times", "clientApplications",
            "servicePrincipalRiskLevels", "insiderRiskLevels", "authenticationFlows", "deviceStates");
    private static final Set<String> USER_FIELDS = Set.of("includeUsers", "excludeUsers", "includeGroups",
            "excludeGroups", "includeRoles", "excludeRoles", "includeGuestsOrExternalUsers",
            "excludeGuestsOrExternalUsers");
    private static final Set<String> APPLICATION_FIELDS = Set.of("includeApplications", "excludeApplications",
            "includeUserActions", "includeAuthenticationContextClassReferences",
            "includeAuthenticationContextClassRefs", "applicationFilter");
    private static final Set<String> GRANT_FIELDS = Set.of("operator", "builtInControls", "customAuthenticationFactors",
            "termsOfUse", "authenticationStrength", "authenticationStrength@odata.context");
    private static final Set<String> SESSION_FIELDS = Set.of("signInFrequency", "applicationEnforcedRestrictions",
            "cloudAppSecurity", "persistentBrowser", "continuousAccessEvaluation", "disableResilienceDefaults",
            "secureSignInSession", "globalSecureAccessFilteringProfile");
    private static final Set<String> FREQUENCY_FIELDS = Set.of("value", "type", "authenticationType",
            "frequencyInterval", "isEnabled");
    private static final Set<String> WINDOW_FIELDS = Set.of("daysOfWeek", "startTime", "endTime", "timeZone");

    private PolicyJson() {}

    static ConditionalAccessPolicy read(JsonReader policy) {
        policy.onlyKnownFields(POLICY_FIELDS);
        String id = policy.string("id").orElse("");
        String displayName = policy.requiredString("displayName");
        PolicyState state = policy.enumValue("state", PolicyState.class).orElse(PolicyState.DISABLED);
        if (!policy.has("state")) {
            policy.problems().error(policy.path("state"), "required: enabled, disabled or enabledForReportingButNotEnforced");
        }
        Optional<JsonReader> conditionsNode = policy.object("conditions");
        if (conditionsNode.isEmpty() && !policy.has("conditions")) {
            policy.problems().error(policy.path("conditions"), "required");
        }
        Conditions conditions = conditionsNode.map(PolicyJson::conditions).orElse(null);
        Optional<JsonReader> grantNode = policy.object("grantControls");
        if (grantNode.isEmpty() && !policy.has("grantControls")) {
            policy.problems().error(policy.path("grantControls"), "required: 'block' or the controls that grant access");
        }
        GrantControls grant = grantNode.map(PolicyJson::grant).orElse(null);
        SessionControls session = policy.object("sessionControls").map(PolicyJson::session)
                .orElse(SessionControls.none());
        if (conditions == null || grant == null) {
            return null;
        }
        return new ConditionalAccessPolicy(id, displayName, state, conditions, grant, session);
    }

    private static Conditions conditions(JsonReader c) {
        c.onlyKnownFields(CONDITION_FIELDS);
        UsersCondition users = c.object("users").map(PolicyJson::users).orElse(null);
        if (users == null) {
            c.problems().error(c.path("users"), "required");
        }
        ApplicationsCondition applications = c.object("applications").map(PolicyJson::applications).orElse(null);
        if (applications == null) {
            c.problems().error(c.path("applications"), "required");
        }
        for (String unsupported : List.of("clientApplications", "insiderRiskLevels", "authenticationFlows",
                "deviceStates")) {
            if (c.has(unsupported) && !isEmptyValue(c.raw(unsupported))) {
                c.problems().unenforceable(c.path(unsupported),
                        "not evaluated by Portcullis: the policy applies as if this condition matched (fail secure)");
            }
        }
        if (!c.strings("servicePrincipalRiskLevels").isEmpty()) {
            c.problems().unenforceable(c.path("servicePrincipalRiskLevels"),
                    "workload identities do not sign in through Keycloak: the policy applies as if this matched");
        }
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
            return new LocationsCondition(ordered(l.strings("includeLocations")), ordered(l.strings("excludeLocations")));
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
        Optional<DevicesCondition> devices = c.object("devices").flatMap(PolicyJson::devices);
        if (devices.isPresent()) {
            conditions = conditions.withDevices(devices.get());
        }
        Optional<TimeCondition> times = c.object("times").map(PolicyJson::times);
        if (times.isPresent()) {
            conditions = conditions.withTimes(times.get());
        }
        return conditions;
    }

    private static UsersCondition users(JsonReader u) {
        u.onlyKnownFields(USER_FIELDS);
        List<String> includeUsers = u.strings("includeUsers");
        if (u.has("includeGuestsOrExternalUsers")) {
            // Finer guest kinds are not modelled: including all guests is the broader, safer reading.
            includeUsers = new ArrayList<>(includeUsers);
            if (!includeUsers.contains(UsersCondition.GUESTS_OR_EXTERNAL_USERS)) {
                includeUsers.add(UsersCondition.GUESTS_OR_EXTERNAL_USERS);
            }
            u.problems().unenforceable(u.path("includeGuestsOrExternalUsers"),
                    "guest kinds are not distinguished: every guest or external user is included");
        }
        if (u.has("excludeGuestsOrExternalUsers")) {
            u.problems().unenforceable(u.path("excludeGuestsOrExternalUsers"),
                    "guest kinds are not distinguished: this exclusion is not applied (fail secure)");
        }
        return new UsersCondition(ordered(includeUsers), ordered(u.strings("excludeUsers")),
                ordered(u.strings("includeGroups")), ordered(u.strings("excludeGroups")),
                ordered(u.strings("includeRoles")), ordered(u.strings("excludeRoles")));
    }

    private static ApplicationsCondition applications(JsonReader a) {
        a.onlyKnownFields(APPLICATION_FIELDS);
        // Graph's name is ...ClassReferences; ...ClassRefs was accepted by earlier versions of Portcullis.
        for (String field : List.of("includeAuthenticationContextClassReferences", "includeAuthenticationContextClassRefs")) {
            if (!a.strings(field).isEmpty()) {
                a.problems().unenforceable(a.path(field),
                        "authentication contexts are not supported yet: the policy does not target them");
            }
        }
        if (a.has("applicationFilter")) {
            a.problems().unenforceable(a.path("applicationFilter"),
                    "application filters are not evaluated: the policy applies as if the filter matched (fail secure)");
        }
        List<String> include = a.strings("includeApplications");
        if (include.contains("Office365")) {
            a.problems().unenforceable(a.path("includeApplications"),
                    "'Office365' names no Keycloak client: use client ids");
        }
        return new ApplicationsCondition(ordered(include), ordered(a.strings("excludeApplications")),
                ordered(a.strings("includeUserActions")));
    }

    private static Optional<DevicesCondition> devices(JsonReader d) {
        d.onlyKnownFields(Set.of("deviceFilter", "includeDevices", "excludeDevices", "includeDeviceStates",
                "excludeDeviceStates"));
        Optional<JsonReader> filter = d.object("deviceFilter");
        if (filter.isEmpty()) {
            if (d.has("includeDevices") || d.has("includeDeviceStates")) {
                d.problems().unenforceable(d.path("includeDevices"),
                        "deprecated device states are not evaluated: use deviceFilter");
            }
            return Optional.empty();
        }
        JsonReader f = filter.get();
        f.onlyKnownFields(Set.of("mode", "rule"));
        Optional<String> mode = f.string("mode");
        String rule = f.requiredString("rule");
        DevicesCondition.Mode parsedMode = null;
        if (mode.isEmpty()) {
            f.problems().error(f.path("mode"), "required: include or exclude");
        } else if (mode.get().equals("include")) {
            parsedMode = DevicesCondition.Mode.INCLUDE;
        } else if (mode.get().equals("exclude")) {
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

    private static TimeCondition times(JsonReader t) {
        t.onlyKnownFields(Set.of("includeWindows", "excludeWindows"));
        return new TimeCondition(windows(t.objects("includeWindows")), windows(t.objects("excludeWindows")));
    }

    private static List<TimeWindow> windows(List<JsonReader> readers) {
        List<TimeWindow> windows = new ArrayList<>();
        for (JsonReader w : readers) {
            w.onlyKnownFields(WINDOW_FIELDS);
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            List<String> dayNames = w.strings("daysOfWeek");
            for (int i = 0; i < dayNames.size(); i++) {
                try {
                    days.add(DayOfWeek.valueOf(dayNames.get(i).toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    w.problems().error(w.path("daysOfWeek") + "[" + i + "]",
                            "unknown day '" + dayNames.get(i) + "'; use monday ... sunday");
                }
            }
            if (dayNames.isEmpty()) {
                w.problems().error(w.path("daysOfWeek"), "list at least one day");
            }
            LocalTime start = time(w, "startTime");
            LocalTime end = time(w, "endTime");
            ZoneId zone = null;
            String zoneName = w.requiredString("timeZone");
            try {
                zone = ZoneId.of(zoneName);
            } catch (DateTimeException e) {
                if (!zoneName.isEmpty()) {
                    w.problems().error(w.path("timeZone"), "unknown time zone '" + zoneName + "'; use an IANA name such as Europe/Berlin");
                }
            }
            if (!days.isEmpty() && start != null && end != null && zone != null) {
                windows.add(new TimeWindow(days, start, end, zone));
            }
        }
        return windows;
    }

    private static LocalTime time(JsonReader w, String field) {
        String text = w.requiredString(field);
        try {
            return text.isEmpty() ? null : LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            w.problems().error(w.path(field), "expected a time of day such as 07:30");
            return null;
        }
    }

    private static GrantControls grant(JsonReader g) {
        g.onlyKnownFields(GRANT_FIELDS);
        GrantOperator operator = g.enumValue("operator", GrantOperator.class).orElse(GrantOperator.OR);
        Set<BuiltInControl> controls = g.enums("builtInControls", BuiltInControl.class);
        for (BuiltInControl control : controls) {
            if (!control.enforceable() && control != BuiltInControl.BLOCK) {
                g.problems().unenforceable(g.path("builtInControls"), "'" + control.graphName()
                        + "' cannot be satisfied in Keycloak: sign-ins that need it are refused (fail secure)");
            }
        }
        Optional<String> strength = g.object("authenticationStrength").map(s -> s.requiredString("id"));
        List<String> custom = g.strings("customAuthenticationFactors");
        List<String> terms = g.strings("termsOfUse");
        if (!custom.isEmpty()) {
            g.problems().unenforceable(g.path("customAuthenticationFactors"),
                    "custom controls cannot be satisfied: sign-ins that need them are refused (fail secure)");
        }
        if (!terms.isEmpty()) {
            g.problems().unenforceable(g.path("termsOfUse"),
                    "terms of use cannot be accepted in Keycloak: sign-ins that need them are refused (fail secure)");
        }
        return new GrantControls(operator, controls, strength.filter(s -> !s.isEmpty()), Set.copyOf(custom),
                Set.copyOf(terms));
    }

    private static SessionControls session(JsonReader s) {
        s.onlyKnownFields(SESSION_FIELDS);
        for (String field : SESSION_FIELDS) {
            if (!field.equals("signInFrequency") && s.has(field) && !isEmptyValue(s.raw(field))) {
                s.problems().unenforceable(s.path(field), "session control not enforced by Portcullis");
            }
        }
        Optional<JsonReader> frequency = s.object("signInFrequency");
        if (frequency.isEmpty()) {
            return SessionControls.none();
        }
        JsonReader f = frequency.get();
        f.onlyKnownFields(FREQUENCY_FIELDS);
        if (f.bool("isEnabled").map(enabled -> !enabled).orElse(false)) {
            return SessionControls.none();
        }
        Optional<String> interval = f.string("frequencyInterval");
        if (interval.isPresent() && interval.get().equals("everyTime")) {
            return SessionControls.signInFrequency(SignInFrequency.everyTime());
        }
        if (interval.isPresent() && !interval.get().equals("timeBased")) {
            f.problems().error(f.path("frequencyInterval"), "unknown value '" + interval.get()
                    + "'; allowed: timeBased, everyTime");
            return SessionControls.none();
        }
        Optional<Long> value = f.integer("value");
        Optional<String> type = f.string("type");
        if (value.isEmpty() || value.get() <= 0) {
            f.problems().error(f.path("value"), "a positive number of hours or days is required");
            return SessionControls.none();
        }
        Duration duration;
        if (type.isPresent() && type.get().equals("hours")) {
            duration = Duration.ofHours(value.get());
        } else if (type.isPresent() && type.get().equals("days")) {
            duration = Duration.ofDays(value.get());
        } else {
            f.problems().error(f.path("type"), "required: hours or days");
            return SessionControls.none();
        }
        return SessionControls.signInFrequency(SignInFrequency.of(duration));
    }

    static ObjectNode write(ConditionalAccessPolicy policy) {
        ObjectNode node = JSON.objectNode();
        node.put("id", policy.id());
        node.put("displayName", policy.displayName());
        node.put("state", policy.state().graphName());
        Conditions c = policy.conditions();
        ObjectNode conditions = node.putObject("conditions");
        ObjectNode users = conditions.putObject("users");
        strings(users, "includeUsers", c.users().includeUsers());
        strings(users, "excludeUsers", c.users().excludeUsers());
        strings(users, "includeGroups", c.users().includeGroups());
        strings(users, "excludeGroups", c.users().excludeGroups());
        strings(users, "includeRoles", c.users().includeRoles());
        strings(users, "excludeRoles", c.users().excludeRoles());
        ObjectNode apps = conditions.putObject("applications");
        strings(apps, "includeApplications", c.applications().includeApplications());
        strings(apps, "excludeApplications", c.applications().excludeApplications());
        strings(apps, "includeUserActions", c.applications().includeUserActions());
        names(conditions, "clientAppTypes",
                c.clientAppTypes().map(ClientAppTypesCondition::clientAppTypes).orElse(Set.of(ClientAppType.ALL)));
        if (c.locations().isPresent()) {
            ObjectNode locations = conditions.putObject("locations");
            strings(locations, "includeLocations", c.locations().get().includeLocations());
            strings(locations, "excludeLocations", c.locations().get().excludeLocations());
        } else {
            conditions.putNull("locations");
        }
        if (c.platforms().isPresent()) {
            ObjectNode platforms = conditions.putObject("platforms");
            names(platforms, "includePlatforms", c.platforms().get().includePlatforms());
            names(platforms, "excludePlatforms", c.platforms().get().excludePlatforms());
        } else {
            conditions.putNull("platforms");
        }
        names(conditions, "signInRiskLevels", c.signInRiskLevels().map(RiskCondition::levels).orElse(Set.of()));
        names(conditions, "userRiskLevels", c.userRiskLevels().map(RiskCondition::levels).orElse(Set.of()));
        if (c.devices().isPresent()) {
            ObjectNode filter = conditions.putObject("devices").putObject("deviceFilter");
            filter.put("mode", c.devices().get().mode().graphName());
            filter.put("rule", c.devices().get().rule());
        } else {
            conditions.putNull("devices");
        }
        c.times().ifPresent(t -> {
            ObjectNode times = conditions.putObject("times");
            writeWindows(times.putArray("includeWindows"), t.includeWindows());
            writeWindows(times.putArray("excludeWindows"), t.excludeWindows());
        });
        GrantControls g = policy.grantControls();
        ObjectNode grant = node.putObject("grantControls");
        grant.put("operator", g.operator().graphName());
        ArrayNode builtIn = grant.putArray("builtInControls");
        for (BuiltInControl control : BuiltInControl.values()) {
            if (g.builtInControls().contains(control)) {
                builtIn.add(control.graphName());
            }
        }
        strings(grant, "customAuthenticationFactors", sorted(g.customAuthenticationFactors()));
        strings(grant, "termsOfUse", sorted(g.termsOfUse()));
        if (g.authenticationStrengthId().isPresent()) {
            grant.putObject("authenticationStrength").put("id", g.authenticationStrengthId().get());
        } else {
            grant.putNull("authenticationStrength");
        }
        Optional<SignInFrequency> frequency = policy.sessionControls().signInFrequency();
        if (frequency.isPresent()) {
            ObjectNode f = node.putObject("sessionControls").putObject("signInFrequency");
            f.put("isEnabled", true);
            f.put("authenticationType", "primaryAndSecondaryAuthentication");
            if (frequency.get().isEveryTime()) {
                f.put("frequencyInterval", "everyTime");
                f.putNull("value");
                f.putNull("type");
            } else {
                Duration age = frequency.get().maxAge().get();
                f.put("frequencyInterval", "timeBased");
                boolean days = age.toHours() % 24 == 0;
                f.put("value", days ? age.toDays() : age.toHours());
                f.put("type", days ? "days" : "hours");
            }
        } else {
            node.putNull("sessionControls");
        }
        return node;
    }

    private static void writeWindows(ArrayNode array, List<TimeWindow> windows) {
        for (TimeWindow window : windows) {
            ObjectNode w = array.addObject();
            ArrayNode days = w.putArray("daysOfWeek");
            for (DayOfWeek day : DayOfWeek.values()) {
                if (window.days().contains(day)) {
                    days.add(day.name().toLowerCase(Locale.ROOT));
                }
            }
            w.put("startTime", window.start().toString());
            w.put("endTime", window.end().toString());
            w.put("timeZone", window.timeZone().getId());
        }
    }

    private static void strings(ObjectNode node, String field, Collection<String> values) {
        ArrayNode array = node.putArray(field);
        values.forEach(array::add);
    }

    private static void names(ObjectNode node, String field, Collection<? extends GraphNamed> values) {
        ArrayNode array = node.putArray(field);
        values.forEach(v -> array.add(v.graphName()));
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static Set<String> ordered(List<String> values) {
        return new java.util.LinkedHashSet<>(values);
    }

    private static boolean isEmptyValue(JsonNode node) {
        return node == null || node.isNull() || (node.isContainerNode() && node.isEmpty());
    }
}
