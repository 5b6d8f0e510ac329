package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.AuthenticationFlowsCondition;
import dev.portcullis.core.condition.ClientApplicationsCondition;
import dev.portcullis.core.condition.InsiderRiskCondition;
import dev.portcullis.core.condition.UnevaluatedCondition;
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
import dev.portcullis.core.signin.InsiderRiskLevel;
import dev.portcullis.core.signin.TransferMethod;
import dev.portcullis.core.signin.RiskLevel;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Graph's conditionalAccessPolicy resource (v1.0 and the beta properties exports carry), Graph's
 * conditionalAccessTemplate (its {@code details} read as a new report-only policy), plus Portcullis'
 * {@code conditions.times} extension. Every beta property is decided one by one: enforced where
 * Keycloak has the concept, otherwise kept as written and never enforced, with a warning naming it.
 */
final class PolicyJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper RAW = new ObjectMapper();

    private static final Set<String> POLICY_FIELDS = Set.of("id", "displayName", "state", "conditions",
            "grantControls", "sessionControls", "createdDateTime", "modifiedDateTime", "templateId", "description",
            "partialEnablementStrategy", "deletedDateTime");
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
    private static final Set<String> GRANT_FIELDS = Set.of("operator", "builtInControls", "customAuthenticationFactors",
            "termsOfUse", "authenticationStrength");
    /** Session controls Portcullis keeps as written and does not enforce. */
    private static final List<String> KEPT_SESSION_CONTROLS = List.of("applicationEnforcedRestrictions",
            "cloudAppSecurity", "persistentBrowser", "continuousAccessEvaluation", "disableResilienceDefaults",
            "secureSignInSession", "globalSecureAccessFilteringProfile", "networkAccessSecurity");
    private static final Set<String> FREQUENCY_FIELDS = Set.of("value", "type", "authenticationType",
            "frequencyInterval", "isEnabled");
    private static final Set<String> WINDOW_FIELDS = Set.of("daysOfWeek", "startTime", "endTime", "timeZone");
    private static final String TIME_OF_DAY = "expected a time of day such as 07:30";
    private static final String AGENT_RESOURCES = "AllAgentIdResources";
    private static final String MFA_AND_CHANGE_PASSWORD = "MfaAndChangePassword";

    // Why each part Portcullis keeps but never enforces is not enforced: said in every outcome.
    static final String AGENTS = "agent identities do not sign in through Keycloak: this policy is never enforced";
    static final String GLOBAL_SECURE_ACCESS =
            "Global Secure Access traffic does not pass through Keycloak: this policy is never enforced";
    static final String WORKLOAD_RISK = "workload identity risk has no source in Portcullis: this policy is never enforced";
    static final String ATTRIBUTE_FILTER =
            "filters over custom security attributes are not evaluated: this policy is never enforced";
    static final String AUTHENTICATION_CONTEXT =
            "Keycloak has no authentication contexts: this policy is never enforced";
    static final String DEVICE_STATES =
            "deprecated device states are not evaluated (use devices.deviceFilter): this policy is never enforced";

    private PolicyJson() {}

    static ConditionalAccessPolicy read(JsonReader policy) {
        if (policy.has("details") && !policy.has("conditions")) {
            return template(policy);
        }
        policy.onlyKnownFields(POLICY_FIELDS);
        policy.readOnly("createdDateTime", "modifiedDateTime", "deletedDateTime", "templateId",
                "partialEnablementStrategy");
        String id = policy.string("id").orElse("");
        String displayName = policy.requiredString("displayName");
        PolicyState state = policy.enumValue("state", PolicyState.class).orElse(PolicyState.DISABLED);
        if (!policy.has("state")) {
            policy.problems().error(policy.path("state"), "required: enabled, disabled or enabledForReportingButNotEnforced");
        }
        return body(policy, id, displayName, state);
    }

    /**
     * A conditionalAccessTemplate: the policy sits under {@code details}. It becomes a new policy named
     * after the template, report-only (a template has no state of its own).
     */
    private static ConditionalAccessPolicy template(JsonReader template) {
        template.onlyKnownFields(Set.of("id", "name", "description", "scenarios", "details"));
        String name = template.requiredString("name");
        template.problems().warning("", "a conditionalAccessTemplate: its details are read as a new policy named"
                + " after it, report-only (a template has no state)");
        Optional<JsonReader> details = template.object("details");
        if (details.isEmpty()) {
            template.problems().error(template.path("details"), "required: the template's policy");
            return null;
        }
        details.get().onlyKnownFields(Set.of("conditions", "grantControls", "sessionControls"));
        return body(details.get(), "", name, PolicyState.REPORT_ONLY);
    }

    private static ConditionalAccessPolicy body(JsonReader policy, String id, String displayName, PolicyState state) {
        Optional<JsonReader> conditionsNode = policy.object("conditions");
        if (conditionsNode.isEmpty() && (!policy.has("conditions") || policy.raw("conditions").isArray())) {
            policy.problems().error(policy.path("conditions"), "required: an object with users and applications");
        }
        Conditions conditions = conditionsNode.map(PolicyJson::conditions).orElse(null);
        SessionControls session = policy.object("sessionControls").map(PolicyJson::session)
                .orElse(SessionControls.none());
        Optional<JsonReader> grantNode = policy.object("grantControls");
        GrantControls grant = grantNode.map(PolicyJson::grant).orElse(null);
        if (grant == null && !policy.has("grantControls")) {
            if (session.configured()) {
                grant = GrantControls.none(); // a session-only policy, as Entra allows
            } else {
                policy.problems().error(policy.path("grantControls"),
                        "required: 'block', the controls that grant access, or session controls");
            }
        }
        if (grant != null && grant.controlCount() == 0 && session.signInFrequency().isPresent()) {
            policy.problems().unenforceable(policy.path("sessionControls.signInFrequency"), "without grant controls"
                    + " Entra asks for a fresh sign-in; Portcullis applies sign-in frequency only to the MFA a policy"
                    + " requires: not enforced here");
        }
        if (conditions == null || grant == null) {
            return null;
        }
        return new ConditionalAccessPolicy(id, displayName, state, conditions, grant, session);
    }

    private static Conditions conditions(JsonReader c) {
        c.onlyKnownFields(CONDITION_FIELDS);
        List<UnevaluatedCondition> unevaluated = new ArrayList<>();
        UsersCondition users = c.object("users").map(PolicyJson::users).orElse(null);
        if (users == null) {
            c.problems().error(c.path("users"), "required");
        }
        ApplicationsCondition applications = c.object("applications").map(a -> applications(a, unevaluated))
                .orElse(null);
        if (applications == null) {
            c.problems().error(c.path("applications"), "required");
        }
        for (String agents : List.of("agents", "agentIdRiskLevels", "agentContext")) {
            keep(c, agents, "", AGENTS, unevaluated);
        }
        keep(c, "servicePrincipalRiskLevels", "", WORKLOAD_RISK, unevaluated);
        keep(c, "deviceStates", "", DEVICE_STATES, unevaluated);
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
        Optional<TimeCondition> times = c.object("times").map(PolicyJson::times);
        if (times.isPresent()) {
            conditions = conditions.withTimes(times.get());
        }
        Optional<AuthenticationFlowsCondition> flows = c.object("authenticationFlows").map(PolicyJson::authenticationFlows);
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
        for (UnevaluatedCondition u : unevaluated) {
            conditions = conditions.withUnevaluated(u);
        }
        return conditions;
    }

    /**
     * Keeps a configured part Portcullis never evaluates (the policy then never applies) and says so;
     * in strict mode it is refused.
     *
     * @param parent the path under {@code conditions} of the object holding the field, empty at the top
     */
    private static void keep(JsonReader r, String field, String parent, String reason,
            List<UnevaluatedCondition> unevaluated) {
        if (!r.configured(field)) {
            return;
        }
        r.problems().unenforceable(r.path(field), "never enforced: " + reason.substring(0, reason.indexOf(':'))
                + "; the policy is kept as written (it can stay report-only)");
        unevaluated.add(new UnevaluatedCondition(parent.isEmpty() ? field : parent + "." + field,
                r.rawWithoutAnnotations(field), reason));
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
            List<UnevaluatedCondition> unevaluated) {
        w.onlyKnownFields(CLIENT_APPLICATION_FIELDS);
        for (String agents : List.of("includeAgentIdServicePrincipals", "excludeAgentIdServicePrincipals",
                "agentIdServicePrincipalFilter")) {
            keep(w, agents, "clientApplications", AGENTS, unevaluated);
        }
        keep(w, "servicePrincipalFilter", "clientApplications", ATTRIBUTE_FILTER, unevaluated);
        List<String> include = w.strings("includeServicePrincipals");
        List<String> exclude = w.strings("excludeServicePrincipals");
        if (include.isEmpty() && exclude.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ClientApplicationsCondition(keywords(include, Set.of(ClientApplicationsCondition.ALL_IN_TENANT)),
                ordered(exclude)));
    }

    private static final Set<String> USER_KEYWORDS = Set.of(UsersCondition.ALL, UsersCondition.NONE,
            UsersCondition.GUESTS_OR_EXTERNAL_USERS);
    private static final Set<String> LOCATION_KEYWORDS = Set.of(LocationsCondition.ALL, LocationsCondition.ALL_TRUSTED);

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

    private static ApplicationsCondition applications(JsonReader a, List<UnevaluatedCondition> unevaluated) {
        a.onlyKnownFields(APPLICATION_FIELDS);
        // Graph's name is ...ClassReferences; ...ClassRefs was accepted by earlier versions of Portcullis.
        for (String field : List.of("includeAuthenticationContextClassReferences", "includeAuthenticationContextClassRefs")) {
            keep(a, field, "applications", AUTHENTICATION_CONTEXT, unevaluated);
        }
        keep(a, "applicationFilter", "applications", ATTRIBUTE_FILTER, unevaluated);
        for (String field : List.of("networkAccess", "globalSecureAccess")) {
            keep(a, field, "applications", GLOBAL_SECURE_ACCESS, unevaluated);
        }
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

    private static Optional<DevicesCondition> devices(JsonReader d, List<UnevaluatedCondition> unevaluated) {
        d.onlyKnownFields(Set.of("deviceFilter", "includeDevices", "excludeDevices", "includeDeviceStates",
                "excludeDeviceStates"));
        for (String states : List.of("includeDevices", "excludeDevices", "includeDeviceStates", "excludeDeviceStates")) {
            keep(d, states, "devices", DEVICE_STATES, unevaluated);
        }
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
            LocalTime start = w.required("startTime", LocalTime::parse, TIME_OF_DAY);
            LocalTime end = w.required("endTime", LocalTime::parse, TIME_OF_DAY);
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

    private static GrantControls grant(JsonReader g) {
        g.onlyKnownFields(GRANT_FIELDS);
        GrantOperator operator = g.enumValue("operator", GrantOperator.class).orElse(GrantOperator.OR);
        Set<BuiltInControl> controls;
        List<String> names = g.strings("builtInControls");
        if (names.stream().anyMatch(MFA_AND_CHANGE_PASSWORD::equalsIgnoreCase)) {
            // Entra's templates write this for "MFA, then change the password": both controls, together.
            if (names.size() > 1 && operator == GrantOperator.OR) {
                g.problems().error(g.path("builtInControls"), "'" + MFA_AND_CHANGE_PASSWORD + "' is mfa AND"
                        + " passwordChange: it cannot be one alternative among others (OR)");
            }
            g.problems().warning(g.path("builtInControls"), "'" + MFA_AND_CHANGE_PASSWORD
                    + "' read as mfa and passwordChange, both required (AND)");
            operator = GrantOperator.AND;
            controls = EnumSet.of(BuiltInControl.MFA, BuiltInControl.PASSWORD_CHANGE);
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                Optional<BuiltInControl> other = GraphNamed.parse(BuiltInControl.class, name);
                if (other.isPresent()) {
                    controls.add(other.get());
                } else if (!name.equalsIgnoreCase(MFA_AND_CHANGE_PASSWORD)) {
                    g.problems().error(g.path("builtInControls") + "[" + i + "]",
                            VocabularyReader.unknownValue(name, BuiltInControl.class));
                }
            }
        } else {
            controls = g.enums("builtInControls", BuiltInControl.class);
        }
        for (BuiltInControl control : controls) {
            if (!control.enforceable() && control != BuiltInControl.BLOCK) {
                g.problems().unenforceable(g.path("builtInControls"), "'" + control.graphName()
                        + "' cannot be satisfied in Keycloak: sign-ins that need it are refused (fail secure)");
            }
        }
        // Exports may expand the strength (its combinations, dates, links): only its id names it.
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
        Set<String> known = new java.util.HashSet<>(KEPT_SESSION_CONTROLS);
        known.add("signInFrequency");
        s.onlyKnownFields(known);
        Map<String, String> kept = new LinkedHashMap<>();
        for (String field : KEPT_SESSION_CONTROLS) {
            if (s.configured(field)) {
                boolean gsa = field.equals("globalSecureAccessFilteringProfile") || field.equals("networkAccessSecurity");
                s.problems().unenforceable(s.path(field), gsa
                        ? "Global Secure Access session control: kept as written, not enforced by Portcullis"
                        : "session control kept as written, not enforced by Portcullis");
                kept.put(field, s.rawWithoutAnnotations(field));
            }
        }
        return new SessionControls(frequency(s), kept);
    }

    private static Optional<SignInFrequency> frequency(JsonReader s) {
        Optional<JsonReader> frequency = s.object("signInFrequency");
        if (frequency.isEmpty()) {
            return Optional.empty();
        }
        JsonReader f = frequency.get();
        f.onlyKnownFields(FREQUENCY_FIELDS);
        if (f.bool("isEnabled").map(enabled -> !enabled).orElse(false)) {
            return Optional.empty();
        }
        Optional<String> interval = f.string("frequencyInterval");
        if (interval.isPresent() && interval.get().equalsIgnoreCase("everyTime")) {
            return Optional.of(SignInFrequency.everyTime());
        }
        if (interval.isPresent() && !interval.get().equalsIgnoreCase("timeBased")) {
            f.problems().error(f.path("frequencyInterval"), "unknown value '" + interval.get()
                    + "'; allowed: timeBased, everyTime");
            return Optional.empty();
        }
        Optional<Long> value = f.integer("value");
        Optional<String> type = f.string("type");
        if (value.isEmpty() || value.get() <= 0) {
            f.problems().error(f.path("value"), "a positive number of hours or days is required");
            return Optional.empty();
        }
        Duration duration;
        if (type.isPresent() && type.get().equalsIgnoreCase("hours")) {
            duration = Duration.ofHours(value.get());
        } else if (type.isPresent() && type.get().equalsIgnoreCase("days")) {
            duration = Duration.ofDays(value.get());
        } else {
            f.problems().error(f.path("type"), "required: hours or days");
            return Optional.empty();
        }
        return Optional.of(SignInFrequency.of(duration));
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
        c.authenticationFlows().ifPresent(f -> conditions.putObject("authenticationFlows").put("transferMethods",
                String.join(",", f.transferMethods().stream().map(TransferMethod::graphName).toList())));
        c.insiderRiskLevels().ifPresent(i -> conditions.put("insiderRiskLevels",
                String.join(",", i.levels().stream().map(InsiderRiskLevel::graphName).toList())));
        c.clientApplications().ifPresent(w -> {
            ObjectNode workloads = conditions.putObject("clientApplications");
            strings(workloads, "includeServicePrincipals", w.includeServicePrincipals());
            strings(workloads, "excludeServicePrincipals", w.excludeServicePrincipals());
        });
        for (UnevaluatedCondition kept : c.unevaluated()) {
            // Written back where it was read, exactly as it was written.
            int dot = kept.name().indexOf('.');
            ObjectNode parent = conditions;
            if (dot > 0) {
                String object = kept.name().substring(0, dot);
                parent = conditions.get(object) instanceof ObjectNode existing ? existing : conditions.putObject(object);
            }
            parent.set(kept.name().substring(dot + 1), raw(kept.graphJson()));
        }
        GrantControls g = policy.grantControls();
        if (g.controlCount() == 0) {
            node.putNull("grantControls"); // a session-only policy, as Graph writes one
        }
        ObjectNode grant = g.controlCount() == 0 ? JSON.objectNode() : node.putObject("grantControls");
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
        if (policy.sessionControls().configured()) {
            ObjectNode session = node.putObject("sessionControls");
            policy.sessionControls().notEnforced().forEach((name, json) -> session.set(name, raw(json)));
        } else {
            node.putNull("sessionControls");
        }
        if (frequency.isPresent()) {
            ObjectNode f = ((ObjectNode) node.get("sessionControls")).putObject("signInFrequency");
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
        }
        return node;
    }

    /** A part kept as Graph wrote it; it was read from valid JSON, so it parses. */
    private static JsonNode raw(String json) {
        try {
            return RAW.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a kept part of a policy is not JSON: " + json, e);
        }
    }

    /** Graph's keywords ("All", "AllTrusted", ...) are read in any case, as Graph reads them. */
    private static Set<String> keywords(List<String> values, Set<String> keywords) {
        Set<String> result = new java.util.LinkedHashSet<>();
        for (String value : values) {
            result.add(keywords.stream().filter(k -> k.equalsIgnoreCase(value)).findFirst().orElse(value));
        }
        return result;
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

}
