package dev.portcullis.graphjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.core.evaluation.Decision;
import dev.portcullis.core.evaluation.Evaluation;
import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.location.IpAddress;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GraphNamed;
import dev.portcullis.core.signin.ClientAppType;
import dev.portcullis.core.signin.DevicePlatform;
import dev.portcullis.core.signin.DeviceState;
import dev.portcullis.core.signin.InsiderRiskLevel;
import dev.portcullis.core.signin.RiskLevel;
import dev.portcullis.core.signin.SignIn;
import dev.portcullis.core.signin.Target;
import dev.portcullis.core.signin.TransferMethod;
import dev.portcullis.core.signin.UserIdentity;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Graph's conditional access What-If request ({@code signInIdentity}, {@code signInContext},
 * {@code signInConditions}, {@code appliedPoliciesOnly}) with Portcullis' extensions, and its answer:
 * the per-policy list plus the decision.
 */
public final class WhatIfCodec {

    private static final WhatIfCodec INSTANCE = new WhatIfCodec();

    private WhatIfCodec() {}

    public static WhatIfCodec instance() {
        return INSTANCE;
    }

    /** @param now the time of the sign-in asked about, unless the question names one */
    public Parsed<WhatIf> read(JsonNode json, Instant now) {
        return JsonReader.document(json, ReadMode.LENIENT, JsonReader.AN_OBJECT, r -> read(r, now));
    }

    /** Graph's deviceInfo: every property a device filter reads, extension attributes flat. */
    private static DeviceState.Known deviceInfo(JsonReader d) {
        Set<String> known = new java.util.HashSet<>(Set.of("deviceId", "displayName", "isCompliant", "isManaged",
                "deviceOwnership", "ownership", "trustType", "operatingSystem"));
        known.addAll(DeviceCodec.TEXT_ATTRIBUTES);
        known.addAll(DeviceCodec.LIST_ATTRIBUTES);
        for (int i = 1; i <= 15; i++) {
            known.add("extensionAttribute" + i);
        }
        d.onlyKnownFields(known);
        java.util.Map<String, List<String>> attributes = DeviceCodec.attributes(d);
        d.string("displayName").ifPresent(name -> attributes.put("displayName", List.of(name)));
        for (int i = 1; i <= 15; i++) {
            String name = "extensionAttribute" + i;
            d.string(name).ifPresent(value -> attributes.put(name, List.of(value)));
        }
        Optional<DevicePlatform> operatingSystem = DeviceCodec.operatingSystem(d, attributes);
        return new DeviceState.Known(d.string("deviceId").orElse("what-if-device"),
                d.bool("isCompliant").orElse(false), d.bool("isManaged").orElse(false),
                d.string("deviceOwnership").or(() -> d.string("ownership")).orElse("unknown"),
                d.string("trustType").orElse(""), operatingSystem, attributes);
    }

    private WhatIf read(JsonReader r, Instant now) {
        r.onlyKnownFields(Set.of("signInIdentity", "signInContext", "signInConditions", "appliedPoliciesOnly",
                "policies", "namedLocations", "draftPolicy"));
        Optional<JsonReader> identity = r.object("signInIdentity");
        if (identity.isEmpty()) {
            r.problems().error(r.path("signInIdentity"), "required: {\"userId\": ...}");
        }
        // Graph's servicePrincipalSubject: a workload identity, which Keycloak sees as a client-credentials grant.
        Optional<String> workload = identity.flatMap(i -> i.string("servicePrincipalId"));
        String userId = workload.isPresent() ? "service-account-" + workload.get()
                : identity.map(i -> i.requiredString("userId")).orElse("");
        Set<String> groups = identity.map(i -> new LinkedHashSet<>(i.strings("groupIds"))).orElse(new LinkedHashSet<>());
        Set<String> roles = identity.map(i -> new LinkedHashSet<>(i.strings("roleIds"))).orElse(new LinkedHashSet<>());
        boolean guest = identity.flatMap(i -> i.bool("isGuest")).orElse(false);
        identity.ifPresent(i -> i.onlyKnownFields(Set.of("@odata.type", "userId", "servicePrincipalId", "groupIds",
                "roleIds", "isGuest")));

        Target target = null;
        Optional<JsonReader> context = r.object("signInContext");
        if (context.isEmpty()) {
            r.problems().error(r.path("signInContext"), "required: includeApplications or userAction");
        } else {
            JsonReader c = context.get();
            c.onlyKnownFields(Set.of("includeApplications", "userAction"));
            List<String> apps = c.strings("includeApplications");
            Optional<String> action = c.string("userAction");
            if (action.isPresent()) {
                String urn = action.get().equals("registerSecurityInformation") ? Target.REGISTER_SECURITY_INFO
                        : action.get().equals("registerOrJoinDevices") ? Target.REGISTER_DEVICE : action.get();
                target = new Target.UserAction(urn);
            } else if (apps.size() == 1) {
                target = Target.application(apps.get(0));
            } else {
                c.problems().error(c.path("includeApplications"), "name exactly one application (a client id)");
            }
        }

        SignIn.Builder builder = SignIn.builder(userId.isEmpty() ? "unknown" : userId, now);
        Optional<JsonReader> conditions = r.object("signInConditions");
        if (conditions.isPresent()) {
            JsonReader c = conditions.get();
            c.onlyKnownFields(Set.of("clientAppType", "country", "ipAddress", "devicePlatform", "signInRiskLevel",
                    "userRiskLevel", "deviceInfo", "authenticationMethods", "registeredMethods", "lastMfaDateTime",
                    "dateTime", "authenticationFlow", "insiderRiskLevel"));
            c.object("authenticationFlow").ifPresent(f -> {
                f.onlyKnownFields(Set.of("transferMethod"));
                f.enumValue("transferMethod", TransferMethod.class).ifPresent(builder::transferMethod);
            });
            builder.clientAppType(c.enumValue("clientAppType", ClientAppType.class).orElse(ClientAppType.BROWSER));
            c.string("country").ifPresent(country -> {
                if (!dev.portcullis.core.location.CountryNamedLocation.isCountryCode(country)) {
                    c.problems().error(c.path("country"), "'" + country + "' is not an ISO 3166-1 alpha-2 code");
                }
                builder.country(country);
            });
            c.string("ipAddress").ifPresent(ip -> {
                Optional<IpAddress> parsed = IpAddress.parse(ip);
                if (parsed.isEmpty()) {
                    c.problems().error(c.path("ipAddress"), "'" + ip + "' is not an IPv4 or IPv6 address");
                }
                builder.ipAddress(parsed);
            });
            c.enumValue("devicePlatform", DevicePlatform.class).ifPresent(builder::platform);
            builder.signInRisk(c.enumValue("signInRiskLevel", RiskLevel.class).orElse(RiskLevel.NONE));
            builder.userRisk(c.enumValue("userRiskLevel", RiskLevel.class).orElse(RiskLevel.NONE));
            // Insider risk is read from user risk here, so asking about one is asking about the other.
            c.enumValue("insiderRiskLevel", InsiderRiskLevel.class).ifPresent(i -> builder.userRisk(i.userRisk()));
            c.object("deviceInfo").ifPresent(d -> builder.device(deviceInfo(d)));
            Instant when = c.string("dateTime").map(t -> c.instant("dateTime")).orElse(now);
            builder.time(when == null ? now : when);
            Instant mfaAt = c.has("lastMfaDateTime") ? c.instant("lastMfaDateTime") : null;
            for (AuthenticationMethod method : MethodNames.read(c, "authenticationMethods")) {
                builder.satisfied(method, mfaAt != null && method != AuthenticationMethod.PASSWORD ? mfaAt
                        : (when == null ? now : when));
            }
            Set<AuthenticationMethod> registered = MethodNames.read(c, "registeredMethods");
            if (!registered.isEmpty()) {
                builder.registered(registered.toArray(AuthenticationMethod[]::new));
            }
        } else {
            builder.signInRisk(RiskLevel.NONE).userRisk(RiskLevel.NONE);
        }
        builder.user(new UserIdentity(userId.isEmpty() ? "unknown" : userId, groups, roles, guest));
        workload.ifPresent(builder::workloadIdentity);
        if (target != null) {
            builder.target(target);
        }
        List<ConditionalAccessPolicy> drafts = r.each("policies", PolicyCodec.instance()::read);
        List<ConditionalAccessPolicy> policies = IntStream.range(0, drafts.size()).mapToObj(i -> drafts.get(i).id().isBlank()
                ? drafts.get(i).withId("draft-" + (i + 1)) : drafts.get(i)).toList();
        List<NamedLocation> locations = r.each("namedLocations", NamedLocationCodec.instance()::read);
        Optional<ConditionalAccessPolicy> draftPolicy = r.object("draftPolicy").map(PolicyCodec.instance()::read);
        return new WhatIf(builder.build(), r.bool("appliedPoliciesOnly").orElse(false),
                r.has("policies") ? Optional.of(policies) : Optional.empty(),
                r.has("namedLocations") ? Optional.of(locations) : Optional.empty(), draftPolicy);
    }

    /** The answer: each policy's outcome (only those that apply, if asked), then the decision. */
    public ObjectNode write(Evaluation evaluation, boolean appliedOnly) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode value = node.putArray("value");
        for (PolicyOutcome outcome : evaluation.policyOutcomes()) {
            if (appliedOnly && !outcome.applied()) {
                continue;
            }
            ObjectNode p = value.addObject();
            p.put("id", outcome.policyId());
            p.put("displayName", outcome.displayName());
            p.put("state", outcome.state().graphName());
            p.put("policyApplies", outcome.applied());
            p.put("result", outcome.result().graphName());
            p.put("analysisReasons", String.join("; ", outcome.reasons()));
        }
        ObjectNode decision = node.putObject("decision");
        Decision d = evaluation.decision();
        decision.put("result", d.result());
        ArrayNode reasons = decision.putArray("reasons");
        if (d instanceof Decision.Block block) {
            block.reasons().forEach(r -> reasons.add(r.policyName() + ": " + r.message()));
        }
        if (d instanceof Decision.RequireControls require) {
            ArrayNode strengths = decision.putArray("requiredAuthenticationStrengths");
            require.strengths().forEach(s -> strengths.add(s.displayName()));
            decision.put("passwordChange", !require.passwordChangePolicyIds().isEmpty());
        }
        if (d instanceof Decision.RegistrationRequired registration) {
            ArrayNode strengths = decision.putArray("requiredAuthenticationStrengths");
            registration.registrations().stream().map(r -> r.strength().displayName()).distinct().forEach(strengths::add);
            ArrayNode options = decision.putArray("registrationOptions");
            registration.options().stream().map(GraphNamed::graphName).sorted().forEach(options::add);
        }
        return node;
    }
}
