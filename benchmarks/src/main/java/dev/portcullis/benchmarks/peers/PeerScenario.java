package dev.portcullis.benchmarks.peers;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One engine-neutral description of the seed rollout, scaled by adding groups and apps, and the
 * sign-ins to decide. Each engine encodes this same description in its own language; the
 * correctness gate checks that every engine gives the same answer for every sign-in.
 *
 * <p>The six seed policies: block legacy authentication for everyone; MFA for the pilot groups;
 * MFA for high-risk apps for everyone; compliant device and MFA for the admin portals for
 * administrators; a geo-block of a set of countries; MFA outside the office network for some apps.
 * Break-glass accounts are excluded from every policy. Growth beyond six cycles through next-wave
 * groups, further high-risk apps, apps that need the office network or MFA, apps restricted to
 * some countries, and a group on a single app.
 */
public final class PeerScenario {

    /** The policy counts the benchmark compares at. */
    public static final List<Integer> SIZES = List.of(20, 195, 2000);
    /** Fixed, so every engine, the test and every JMH fork see the same policies and sign-ins. */
    public static final long SEED = 20_261_124L;
    public static final int SIGN_INS = 4000;

    public static final String OFFICE = "office";
    public static final String BLOCKED_COUNTRIES = "blocked-countries";
    public static final String RESTRICTED_COUNTRIES = "restricted-countries";
    public static final List<String> ADMIN_ROLES = List.of("realm-admin", "manage-users");

    /** The three answers every engine must give alike (registration and step-up are both MFA here). */
    public enum Outcome { ALLOW, BLOCK, REQUIRE_MFA }

    public enum Grant { BLOCK, MFA, MFA_AND_COMPLIANT_DEVICE }

    /** Client app types as Graph names them; the last two are legacy authentication. */
    public enum ClientType {
        BROWSER("browser"),
        MOBILE_APPS_AND_DESKTOP_CLIENTS("mobileAppsAndDesktopClients"),
        EXCHANGE_ACTIVE_SYNC("exchangeActiveSync"),
        OTHER("other");

        private final String graphName;

        ClientType(String graphName) {
            this.graphName = graphName;
        }

        public String graphName() {
            return graphName;
        }

        public boolean legacy() {
            return this == EXCHANGE_ACTIVE_SYNC || this == OTHER;
        }
    }

    public enum Device { COMPLIANT, NOT_COMPLIANT, UNKNOWN }

    /**
     * One policy. Users: all, or any of {@code groups} (transitively), or any of {@code roles};
     * break-glass accounts are always excluded. Apps: all, the admin portals, or the listed ones.
     *
     * @param countryLocation a country named location the sign-in must come from, or null
     * @param outsideOffice the policy applies only outside the trusted office network
     */
    public record Rule(
            String id,
            String name,
            boolean allUsers,
            List<String> groups,
            List<String> roles,
            boolean allApps,
            boolean adminPortals,
            List<String> apps,
            boolean legacyOnly,
            String countryLocation,
            boolean outsideOffice,
            Grant grant) {

        public Rule {
            groups = List.copyOf(groups);
            roles = List.copyOf(roles);
            apps = List.copyOf(apps);
        }
    }

    /** A user of the directory, with direct group memberships (groups may have a parent group). */
    public record User(String id, List<String> groups, List<String> roles) {}

    /**
     * One sign-in. {@code allGroups} is the transitive membership, as Keycloak resolves it.
     *
     * @param country ISO code, empty when the IP maps to no country
     */
    public record SignIn(
            int index,
            User user,
            List<String> allGroups,
            String app,
            boolean adminPortal,
            ClientType clientType,
            String ip,
            String country,
            Device device,
            boolean mfaDone,
            boolean mfaRegistered) {}

    private final int size;
    private final List<Rule> rules;
    private final List<User> users;
    private final List<String> breakGlass;
    private final Map<String, String> parentGroup;
    private final List<String> groups;
    private final List<String> apps;
    private final List<String> adminPortalApps;
    private final List<String> officeRanges;
    private final Map<String, Set<String>> countryLocations;
    private final List<SignIn> signIns;
    private final ReferenceReading reference;

    private PeerScenario(int size, long seed, int signInCount) {
        Random random = new Random(seed * 31 + size);
        this.size = size;
        this.adminPortalApps = List.of("admin-console", "admin-cli", "portcullis-api");
        this.officeRanges = List.of("203.0.113.0/24", "198.51.100.0/25", "2001:db8:10::/48");
        this.countryLocations = new LinkedHashMap<>();
        countryLocations.put(BLOCKED_COUNTRIES, new LinkedHashSet<>(List.of("KP", "IR", "SY", "CU")));
        countryLocations.put(RESTRICTED_COUNTRIES, new LinkedHashSet<>(List.of("RU", "CN", "BY", "VE")));
        this.breakGlass = List.of("break-glass-1", "break-glass-2");
        ScenarioGenerator generator = new ScenarioGenerator(adminPortalApps, officeRanges, countryLocations, breakGlass);
        this.rules = generator.rules(size, random);
        generator.unnamedGroupsAndApps(random);
        this.users = generator.users(random);
        this.signIns = generator.signIns(random, signInCount, users);
        this.parentGroup = generator.parentGroup;
        this.groups = generator.groups;
        this.apps = generator.apps;
        this.reference = new ReferenceReading(rules, breakGlass, countryLocations, officeRanges);
    }

    public static PeerScenario of(int size) {
        return new PeerScenario(size, SEED, SIGN_INS);
    }

    public static PeerScenario of(int size, long seed, int signIns) {
        return new PeerScenario(size, seed, signIns);
    }

    public int size() {
        return size;
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<User> users() {
        return users;
    }

    public List<String> breakGlass() {
        return breakGlass;
    }

    /** Child group to parent group (departments have none). */
    public Map<String, String> parentGroup() {
        return parentGroup;
    }

    public List<String> groups() {
        return groups;
    }

    public List<String> apps() {
        return apps;
    }

    public List<String> adminPortalApps() {
        return adminPortalApps;
    }

    /** The trusted office network (one named location of several ranges). */
    public List<String> officeRanges() {
        return officeRanges;
    }

    public Map<String, Set<String>> countryLocations() {
        return countryLocations;
    }

    public List<SignIn> signIns() {
        return signIns;
    }

    /** How many sign-ins end in each outcome by the reference reading. */
    public Map<Outcome, Integer> outcomeCounts() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (SignIn s : signIns) {
            counts.merge(expected(s), 1, Integer::sum);
        }
        return counts;
    }

    /** The description read literally, as a fourth opinion ({@link ReferenceReading}). */
    public Outcome expected(SignIn s) {
        return reference.expected(s);
    }
}
