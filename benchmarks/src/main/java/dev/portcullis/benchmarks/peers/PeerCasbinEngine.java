package dev.portcullis.benchmarks.peers;

import com.googlecode.aviator.runtime.function.FunctionUtils;
import com.googlecode.aviator.runtime.type.AviatorBoolean;
import com.googlecode.aviator.runtime.type.AviatorObject;
import dev.portcullis.benchmarks.peers.PeerScenario.Outcome;
import dev.portcullis.benchmarks.peers.PeerScenario.Rule;
import dev.portcullis.benchmarks.peers.PeerScenario.SignIn;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.casbin.jcasbin.main.EnforceResult;
import org.casbin.jcasbin.main.SyncedEnforcer;
import org.casbin.jcasbin.model.Model;
import org.casbin.jcasbin.util.function.CustomFunction;

/**
 * The scenario as a jCasbin model: one policy row per (subject, app) pair of a rule, matched
 * against the request's attributes. Casbin answers yes or no, so each row carries its control
 * ({@code block}, {@code compliant}: blocks a device not known to be compliant, {@code mfa}: asks
 * for MFA not yet done) and the matcher only matches a row whose control is not met. Rows are
 * ordered blocks first, and with the effect {@code some(where (p.eft == allow))} jCasbin stops at
 * the first matching row and returns it ({@code enforceEx}): no match is allow, a {@code block} or
 * {@code compliant} row is block, an {@code mfa} row is require MFA. One call per decision.
 *
 * <p>Directory facts are Casbin's role links: {@code g} user to group, group to parent group,
 * user to role, break-glass user to {@code breakglass}; {@code g2} admin-portal app to
 * {@code AdminPortals}; {@code g3} client app type to {@code legacy}; {@code g4} country to a
 * country named location. What the model cannot say by itself: an IP range list (the office
 * network) — the built-in {@code ipMatch} accepts only an IPv4 request address, so the matcher
 * calls a custom function, {@code ipIn}, once per office range, and the ranges are written into the
 * matcher; and a rule over several groups or apps, which becomes one row per group and app.
 */
public final class PeerCasbinEngine implements PeerEngine {

    static final String BREAK_GLASS = "breakglass";
    static final String ADMIN_PORTALS = "AdminPortals";
    static final String LEGACY = "legacy";
    static final String OUTSIDE_OFFICE = "outsideOffice";

    private final SyncedEnforcer enforcer;
    private final int rows;

    public PeerCasbinEngine(PeerScenario scenario) {
        Model model = Model.newModelFromString(modelText(scenario));
        enforcer = new SyncedEnforcer(model);
        enforcer.enableLog(false);
        enforcer.addFunction("ipIn", new IpInFunction());
        List<List<String>> blockRows = new ArrayList<>();
        List<List<String>> mfaRows = new ArrayList<>();
        for (Rule rule : scenario.rules()) {
            switch (rule.grant()) {
                case BLOCK -> blockRows.addAll(rows(rule, "block"));
                case MFA -> mfaRows.addAll(rows(rule, "mfa"));
                case MFA_AND_COMPLIANT_DEVICE -> {
                    blockRows.addAll(rows(rule, "compliant"));
                    mfaRows.addAll(rows(rule, "mfa"));
                }
                default -> throw new IllegalStateException(rule.grant().name());
            }
        }
        List<List<String>> all = new ArrayList<>(blockRows);
        all.addAll(mfaRows);
        enforcer.addPolicies(all);
        this.rows = all.size();
        List<List<String>> g = new ArrayList<>();
        scenario.users().forEach(u -> {
            u.groups().forEach(group -> g.add(List.of(u.id(), group)));
            u.roles().forEach(role -> g.add(List.of(u.id(), role)));
        });
        scenario.parentGroup().forEach((child, parent) -> g.add(List.of(child, parent)));
        scenario.breakGlass().forEach(u -> g.add(List.of(u, BREAK_GLASS)));
        enforcer.addNamedGroupingPolicies("g", g);
        enforcer.addNamedGroupingPolicies("g2", scenario.adminPortalApps().stream()
                .map(app -> List.of(app, ADMIN_PORTALS)).collect(Collectors.toList()));
        enforcer.addNamedGroupingPolicies("g3", List.of(
                List.of(PeerScenario.ClientType.EXCHANGE_ACTIVE_SYNC.graphName(), LEGACY),
                List.of(PeerScenario.ClientType.OTHER.graphName(), LEGACY)));
        List<List<String>> g4 = new ArrayList<>();
        scenario.countryLocations().forEach((location, countries) ->
                countries.forEach(c -> g4.add(List.of(c, location))));
        enforcer.addNamedGroupingPolicies("g4", g4);
    }

    /** The model.conf, with the office ranges written into the matcher. */
    public static String modelText(PeerScenario scenario) {
        String office = scenario.officeRanges().stream().map(r -> "ipIn(r.ip, \"" + r + "\")")
                .collect(Collectors.joining(" || "));
        return String.join("\n",
                "[request_definition]",
                "r = sub, app, ctype, country, ip, device, mfa",
                "",
                "[policy_definition]",
                "p = sub, excl, app, ctype, loc, ctl",
                "",
                "[role_definition]",
                "g = _, _",
                "g2 = _, _",
                "g3 = _, _",
                "g4 = _, _",
                "",
                "[policy_effect]",
                "e = some(where (p.eft == allow))",
                "",
                "[matchers]",
                "m = (p.app == \"*\" || r.app == p.app || (p.app == \"" + ADMIN_PORTALS + "\" && g2(r.app, p.app)))"
                        + " && (p.ctype == \"*\" || g3(r.ctype, p.ctype))"
                        + " && (p.ctl == \"block\" || (p.ctl == \"mfa\" && r.mfa == \"no\")"
                        + " || (p.ctl == \"compliant\" && r.device != \"compliant\"))"
                        + " && (p.sub == \"*\" || g(r.sub, p.sub)) && !g(r.sub, p.excl)"
                        + " && (p.loc == \"*\" || (p.loc == \"" + OUTSIDE_OFFICE + "\" && !(" + office + "))"
                        + " || g4(r.country, p.loc))",
                "");
    }

    private static List<List<String>> rows(Rule rule, String control) {
        List<String> subjects = new ArrayList<>();
        if (rule.allUsers()) {
            subjects.add("*");
        }
        subjects.addAll(rule.groups());
        subjects.addAll(rule.roles());
        List<String> apps = rule.allApps() ? List.of("*")
                : rule.adminPortals() ? List.of(ADMIN_PORTALS)
                : rule.apps();
        String ctype = rule.legacyOnly() ? LEGACY : "*";
        String loc = rule.countryLocation() != null ? rule.countryLocation()
                : rule.outsideOffice() ? OUTSIDE_OFFICE
                : "*";
        List<List<String>> rows = new ArrayList<>();
        for (String subject : subjects) {
            for (String app : apps) {
                rows.add(List.of(subject, BREAK_GLASS, app, ctype, loc, control));
            }
        }
        return rows;
    }

    @Override
    public String name() {
        return "jcasbin";
    }

    @Override
    public int nativeRuleCount() {
        return rows;
    }

    static Object[] request(SignIn s) {
        return new Object[] {
            s.user().id(), s.app(), s.clientType().graphName(), s.country(), s.ip(),
            s.device() == PeerScenario.Device.COMPLIANT ? "compliant" : "notCompliant",
            s.mfaDone() ? "yes" : "no"
        };
    }

    Outcome decide(Object[] request) {
        EnforceResult result = enforcer.enforceEx(request);
        if (!result.isAllow()) {
            return Outcome.ALLOW; // no row matched: nothing stops the sign-in
        }
        List<String> row = result.getExplain();
        return "mfa".equals(row.get(row.size() - 1)) ? Outcome.REQUIRE_MFA : Outcome.BLOCK;
    }

    @Override
    public Prepared prepare(List<SignIn> signIns) {
        Object[][] requests = signIns.stream().map(PeerCasbinEngine::request).toArray(Object[][]::new);
        return Prepared.of(requests, this::decide);
    }

    /**
     * {@code ipIn(ip, cidr)}: IPv4 and IPv6, with the same IP library jCasbin's {@code ipMatch}
     * uses; ranges are parsed once and kept, the request address is parsed per call.
     */
    static final class IpInFunction extends CustomFunction {
        private final Map<String, IPAddress> ranges = new ConcurrentHashMap<>();

        @Override
        public AviatorObject call(Map<String, Object> env, AviatorObject arg1, AviatorObject arg2) {
            String ip = FunctionUtils.getStringValue(arg1, env);
            String cidr = FunctionUtils.getStringValue(arg2, env);
            IPAddress range = ranges.computeIfAbsent(cidr, c -> new IPAddressString(c).getAddress().toPrefixBlock());
            IPAddress address = new IPAddressString(ip).getAddress();
            return AviatorBoolean.valueOf(address != null && range.contains(address));
        }

        @Override
        public String getName() {
            return "ipIn";
        }
    }
}
