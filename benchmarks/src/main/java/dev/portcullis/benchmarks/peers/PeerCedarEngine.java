package dev.portcullis.benchmarks.peers;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.AuthorizationSuccessResponse;
import com.cedarpolicy.model.Context;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.exception.CacheException;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.IpAddress;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import dev.portcullis.benchmarks.peers.PeerScenario.Outcome;
import dev.portcullis.benchmarks.peers.PeerScenario.Rule;
import dev.portcullis.benchmarks.peers.PeerScenario.SignIn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scenario in the Cedar policy language, through cedar-java. Conditional access "allows unless a
 * policy says otherwise", so the set is one {@code permit} for the {@code signIn} action plus one
 * {@code forbid} per way a policy can stop a sign-in: {@code block:<id>} for a block (and for the
 * compliant-device half of the admin-portal policy), {@code mfa:<id>} for an MFA control not yet met
 * ({@code when { !context.mfa }}). One authorization call answers the question: Allow is allow; a
 * Deny whose determining policies (Cedar's diagnostics reasons: every satisfied forbid) include a
 * {@code block:} policy is block; any other Deny is require MFA. The set is parsed once and kept in
 * the native library with {@link PolicySet#cache()}, as cedar-java recommends for speed.
 */
public final class PeerCedarEngine implements PeerEngine {

    private static final EntityTypeName USER = EntityTypeName.parse("User").orElseThrow();
    private static final EntityTypeName GROUP = EntityTypeName.parse("Group").orElseThrow();
    private static final EntityTypeName ROLE = EntityTypeName.parse("Role").orElseThrow();
    private static final EntityTypeName APPLICATION = EntityTypeName.parse("Application").orElseThrow();
    private static final EntityTypeName APP_GROUP = EntityTypeName.parse("AppGroup").orElseThrow();
    private static final EntityTypeName ACTION = EntityTypeName.parse("Action").orElseThrow();
    private static final String ADMIN_PORTALS = "AdminPortals";

    private final PeerScenario scenario;
    private final PolicySet policySet;
    private final BasicAuthorizationEngine engine = new BasicAuthorizationEngine();
    private final EntityUID signInAction = ACTION.of("signIn");

    public PeerCedarEngine(PeerScenario scenario) {
        this.scenario = scenario;
        Set<Policy> policies = new LinkedHashSet<>();
        policies.add(new Policy("permit (principal, action == Action::\"signIn\", resource);", "allow-by-default"));
        for (Rule rule : scenario.rules()) {
            for (Map.Entry<String, String> e : policyTexts(rule, scenario).entrySet()) {
                policies.add(new Policy(e.getValue(), e.getKey()));
            }
        }
        this.policySet = new PolicySet(policies);
        try {
            policySet.cache();
        } catch (CacheException e) {
            throw new IllegalStateException("cedar-java could not cache the policy set", e);
        }
    }

    /** The Cedar text of the whole set, for reading and for BENCHMARKS.md. */
    public static String policyText(PeerScenario scenario) {
        StringBuilder sb = new StringBuilder("permit (principal, action == Action::\"signIn\", resource);\n");
        for (Rule rule : scenario.rules()) {
            policyTexts(rule, scenario).forEach((id, text) -> sb.append("// ").append(id).append('\n')
                    .append(text).append('\n'));
        }
        return sb.toString();
    }

    /** Policy id to Cedar text: one forbid, or two for the compliant-device-and-MFA policy. */
    static Map<String, String> policyTexts(Rule rule, PeerScenario scenario) {
        List<String> when = new ArrayList<>();
        if (!rule.allUsers()) {
            List<String> principals = new ArrayList<>();
            rule.groups().forEach(g -> principals.add(uid("Group", g)));
            rule.roles().forEach(r -> principals.add(uid("Role", r)));
            when.add("principal in [" + String.join(", ", principals) + "]");
        }
        if (rule.adminPortals()) {
            when.add("resource in " + uid("AppGroup", ADMIN_PORTALS));
        } else if (!rule.allApps()) {
            when.add("resource in [" + rule.apps().stream().map(a -> uid("Application", a))
                    .collect(Collectors.joining(", ")) + "]");
        }
        if (rule.legacyOnly()) {
            when.add("[\"exchangeActiveSync\", \"other\"].contains(context.clientAppType)");
        }
        if (rule.countryLocation() != null) {
            when.add("context has country && [" + scenario.countryLocations().get(rule.countryLocation()).stream()
                    .map(c -> "\"" + c + "\"").collect(Collectors.joining(", ")) + "].contains(context.country)");
        }
        if (rule.outsideOffice()) {
            when.add("!(" + scenario.officeRanges().stream()
                    .map(r -> "context.ip.isInRange(ip(\"" + r + "\"))").collect(Collectors.joining(" || ")) + ")");
        }
        String unless = " unless { principal in [" + scenario.breakGlass().stream().map(u -> uid("User", u))
                .collect(Collectors.joining(", ")) + "] };";
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        switch (rule.grant()) {
            case BLOCK -> texts.put("block:" + rule.id(), forbid(rule, when, null) + unless);
            case MFA -> texts.put("mfa:" + rule.id(), forbid(rule, when, "!context.mfa") + unless);
            case MFA_AND_COMPLIANT_DEVICE -> {
                texts.put("block:" + rule.id() + ":device", forbid(rule, when, "!context.deviceCompliant") + unless);
                texts.put("mfa:" + rule.id(), forbid(rule, when, "!context.mfa") + unless);
            }
            default -> throw new IllegalStateException(rule.grant().name());
        }
        return texts;
    }

    private static String forbid(Rule rule, List<String> when, String control) {
        List<String> all = new ArrayList<>(when);
        if (control != null) {
            all.add(control);
        }
        String head = "@name(\"" + rule.name() + "\")\nforbid (principal, action == Action::\"signIn\", resource)";
        return all.isEmpty() ? head : head + "\nwhen { " + String.join(" && ", all) + " }";
    }

    private static String uid(String type, String id) {
        return type + "::\"" + id + "\"";
    }

    @Override
    public String name() {
        return "cedar";
    }

    @Override
    public int nativeRuleCount() {
        return policySet.getNumPolicies();
    }

    /** A request and the entities it needs: the user with its groups and roles, the app. */
    record CedarRequest(AuthorizationRequest request, Set<Entity> entities) {}

    CedarRequest request(SignIn s) {
        Set<Entity> entities = new LinkedHashSet<>();
        Set<EntityUID> userParents = new LinkedHashSet<>();
        for (String group : s.user().groups()) {
            userParents.add(GROUP.of(group));
        }
        for (String group : s.allGroups()) {
            String parent = scenario.parentGroup().get(group);
            entities.add(new Entity(GROUP.of(group), parent == null ? Set.of() : Set.of(GROUP.of(parent))));
        }
        for (String role : s.user().roles()) {
            userParents.add(ROLE.of(role));
            entities.add(new Entity(ROLE.of(role)));
        }
        EntityUID user = USER.of(s.user().id());
        entities.add(new Entity(user, userParents));
        EntityUID app = APPLICATION.of(s.app());
        if (s.adminPortal()) {
            entities.add(new Entity(app, Set.of(APP_GROUP.of(ADMIN_PORTALS))));
            entities.add(new Entity(APP_GROUP.of(ADMIN_PORTALS)));
        } else {
            entities.add(new Entity(app));
        }
        Map<String, Value> context = new HashMap<>();
        context.put("clientAppType", new PrimString(s.clientType().graphName()));
        context.put("ip", new IpAddress(s.ip()));
        if (!s.country().isEmpty()) {
            context.put("country", new PrimString(s.country()));
        }
        context.put("deviceCompliant", new PrimBool(s.device() == PeerScenario.Device.COMPLIANT));
        context.put("mfa", new PrimBool(s.mfaDone()));
        return new CedarRequest(new AuthorizationRequest(user, signInAction, app, new Context(context)), entities);
    }

    Outcome decide(CedarRequest request) {
        AuthorizationResponse response;
        try {
            response = engine.isAuthorized(request.request(), policySet, request.entities());
        } catch (AuthException e) {
            throw new IllegalStateException("cedar refused the request", e);
        }
        AuthorizationSuccessResponse success = response.success
                .orElseThrow(() -> new IllegalStateException("cedar failed: " + response));
        if (!success.getErrors().isEmpty()) {
            throw new IllegalStateException("cedar policy errors: " + success.getErrors());
        }
        if (success.isAllowed()) {
            return Outcome.ALLOW;
        }
        for (String policyId : success.getReason()) {
            if (policyId.startsWith("block:")) {
                return Outcome.BLOCK;
            }
        }
        return Outcome.REQUIRE_MFA;
    }

    @Override
    public Prepared prepare(List<SignIn> signIns) {
        CedarRequest[] requests = signIns.stream().map(this::request).toArray(CedarRequest[]::new);
        return Prepared.of(requests, this::decide);
    }
}
