package dev.portcullis.benchmarks.peers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
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

    private PeerScenario(int size, long seed, int signInCount) {
        Random random = new Random(seed * 31 + size);
        this.size = size;
        this.parentGroup = new LinkedHashMap<>();
        this.groups = new ArrayList<>();
        this.apps = new ArrayList<>();
        this.adminPortalApps = List.of("admin-console", "admin-cli", "portcullis-api");
        this.officeRanges = List.of("203.0.113.0/24", "198.51.100.0/25", "2001:db8:10::/48");
        this.countryLocations = new LinkedHashMap<>();
        countryLocations.put(BLOCKED_COUNTRIES, new LinkedHashSet<>(List.of("KP", "IR", "SY", "CU")));
        countryLocations.put(RESTRICTED_COUNTRIES, new LinkedHashSet<>(List.of("RU", "CN", "BY", "VE")));
        this.breakGlass = List.of("break-glass-1", "break-glass-2");
        for (int d = 0; d < 8; d++) {
            groups.add(String.format("dept-%02d", d));
        }
        this.rules = rules(size, random);
        for (int i = 0; i < 20; i++) {
            newGroup(random); // groups and apps no policy names
            newApp();
        }
        this.users = users(random);
        this.signIns = signIns(random, signInCount);
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

    /** How many sign-ins end in each outcome by the reference reading below. */
    public Map<Outcome, Integer> outcomeCounts() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (SignIn s : signIns) {
            counts.merge(expected(s), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * The description read literally, as a fourth opinion: any applicable block wins (a
     * compliant-device control on a device that is not known to be compliant cannot be met, so it
     * blocks); otherwise any applicable MFA control not yet met requires MFA; otherwise allow.
     */
    public Outcome expected(SignIn s) {
        boolean block = false;
        boolean mfa = false;
        for (Rule rule : rules) {
            if (!applies(rule, s)) {
                continue;
            }
            switch (rule.grant()) {
                case BLOCK -> block = true;
                case MFA -> mfa |= !s.mfaDone();
                case MFA_AND_COMPLIANT_DEVICE -> {
                    if (s.device() != Device.COMPLIANT) {
                        block = true;
                    } else {
                        mfa |= !s.mfaDone();
                    }
                }
                default -> throw new IllegalStateException(rule.grant().name());
            }
        }
        return block ? Outcome.BLOCK : mfa ? Outcome.REQUIRE_MFA : Outcome.ALLOW;
    }

    private boolean applies(Rule rule, SignIn s) {
        if (breakGlass.contains(s.user().id())) {
            return false;
        }
        boolean user = rule.allUsers()
                || rule.groups().stream().anyMatch(s.allGroups()::contains)
                || rule.roles().stream().anyMatch(s.user().roles()::contains);
        boolean app = rule.allApps() || (rule.adminPortals() && s.adminPortal()) || rule.apps().contains(s.app());
        boolean client = !rule.legacyOnly() || s.clientType().legacy();
        boolean country = rule.countryLocation() == null
                || countryLocations.get(rule.countryLocation()).contains(s.country());
        boolean place = !rule.outsideOffice() || !inOffice(s.ip());
        return user && app && client && country && place;
    }

    private boolean inOffice(String ip) {
        for (String range : officeRanges) {
            if (inRange(ip, range)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inRange(String ip, String cidr) {
        try {
            byte[] address = InetAddress.getByName(ip).getAddress(); // literals only: never a DNS lookup
            int slash = cidr.indexOf('/');
            byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            int prefix = Integer.parseInt(cidr.substring(slash + 1));
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    // ---- generation -------------------------------------------------------------------------

    private List<Rule> rules(int count, Random random) {
        if (count < 6) {
            throw new IllegalArgumentException("the seed rollout has six policies; asked for " + count);
        }
        List<Rule> list = new ArrayList<>(count);
        List<String> none = List.of();
        list.add(new Rule(id(0), "Block legacy authentication", true, none, none, true, false, none, true, null,
                false, Grant.BLOCK));
        list.add(new Rule(id(1), "Require MFA for the pilot groups", false,
                List.of(newGroup(random), newGroup(random)), none, true, false, none, false, null, false, Grant.MFA));
        list.add(new Rule(id(2), "Require MFA for high-risk apps", true, none, none, false, false,
                List.of(newApp(), newApp(), newApp()), false, null, false, Grant.MFA));
        list.add(new Rule(id(3), "Require compliant device and MFA for admin portals", false, none, ADMIN_ROLES,
                false, true, none, false, null, false, Grant.MFA_AND_COMPLIANT_DEVICE));
        list.add(new Rule(id(4), "Block access from selected countries", true, none, none, true, false, none, false,
                BLOCKED_COUNTRIES, false, Grant.BLOCK));
        list.add(new Rule(id(5), "Require MFA outside the office", true, none, none, false, false,
                List.of(newApp(), newApp()), false, null, true, Grant.MFA));
        for (int i = 6; i < count; i++) {
            switch ((i - 6) % 5) {
                case 0 -> list.add(new Rule(id(i), "Require MFA for the next wave", false, oneOrTwo(random, true),
                        none, true, false, none, false, null, false, Grant.MFA));
                case 1 -> list.add(new Rule(id(i), "Require MFA for a high-risk app", true, none, none, false, false,
                        oneOrTwo(random, false), false, null, false, Grant.MFA));
                case 2 -> list.add(new Rule(id(i), "Require MFA outside the office for an app", true, none, none,
                        false, false, List.of(newApp()), false, null, true, Grant.MFA));
                case 3 -> list.add(new Rule(id(i), "Block an app from restricted countries", true, none, none, false,
                        false, List.of(newApp()), false, RESTRICTED_COUNTRIES, false, Grant.BLOCK));
                default -> list.add(new Rule(id(i), "Require MFA for a group on an app", false,
                        List.of(groups.get(random.nextInt(groups.size()))), none, false, false, List.of(newApp()),
                        false, null, false, Grant.MFA));
            }
        }
        return List.copyOf(list);
    }

    private static String id(int i) {
        return String.format("p%04d", i);
    }

    private List<String> oneOrTwo(Random random, boolean ofGroups) {
        boolean two = random.nextInt(10) < 3;
        if (ofGroups) {
            return two ? List.of(newGroup(random), newGroup(random)) : List.of(newGroup(random));
        }
        return two ? List.of(newApp(), newApp()) : List.of(newApp());
    }

    /** A new group; half of them sit inside a department group. */
    private String newGroup(Random random) {
        String group = String.format("grp-%04d", groups.size());
        if (random.nextBoolean()) {
            parentGroup.put(group, String.format("dept-%02d", random.nextInt(8)));
        }
        groups.add(group);
        return group;
    }

    private String newApp() {
        String app = String.format("app-%04d", apps.size());
        apps.add(app);
        return app;
    }

    private List<User> users(Random random) {
        List<User> list = new ArrayList<>();
        for (int u = 0; u < 1000 + breakGlass.size(); u++) {
            boolean isBreakGlass = u >= 1000;
            String id = isBreakGlass ? breakGlass.get(u - 1000) : String.format("user-%04d", u);
            Set<String> memberOf = new LinkedHashSet<>();
            int count = 1 + random.nextInt(5);
            for (int g = 0; g < count; g++) {
                memberOf.add(groups.get(random.nextInt(groups.size())));
            }
            List<String> roles = new ArrayList<>();
            int r = random.nextInt(100);
            if (isBreakGlass || r < 8) {
                roles.add(ADMIN_ROLES.get(random.nextInt(ADMIN_ROLES.size())));
            } else if (r < 12) {
                roles.add("view-users");
            }
            list.add(new User(id, List.copyOf(memberOf), List.copyOf(roles)));
        }
        return List.copyOf(list);
    }

    private List<SignIn> signIns(Random random, int count) {
        List<String> seedApps = apps.subList(0, 5); // the high-risk and office-only apps of the seed
        List<String> unlisted = apps.subList(apps.size() - 20, apps.size());
        List<String> commonCountries = List.of("DE", "FR", "US", "GB", "NL", "PL", "ES", "IT");
        List<SignIn> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            User user = random.nextInt(100) < 2
                    ? users.get(1000 + random.nextInt(breakGlass.size()))
                    : users.get(random.nextInt(1000));
            int a = random.nextInt(100);
            boolean adminPortal = a < 10;
            String app = adminPortal ? pick(random, adminPortalApps)
                    : a < 25 ? pick(random, seedApps)
                    : a < 40 ? pick(random, unlisted)
                    : pick(random, apps);
            int c = random.nextInt(100);
            ClientType client = c < 60 ? ClientType.BROWSER
                    : c < 80 ? ClientType.MOBILE_APPS_AND_DESKTOP_CLIENTS
                    : c < 95 ? ClientType.OTHER
                    : ClientType.EXCHANGE_ACTIVE_SYNC;
            int p = random.nextInt(100);
            String ip;
            String country;
            if (p < 35) {
                int range = random.nextInt(officeRanges.size());
                ip = range == 0 ? "203.0.113." + random.nextInt(256)
                        : range == 1 ? "198.51.100." + random.nextInt(128)
                        : "2001:db8:10::" + Integer.toHexString(1 + random.nextInt(0xfffe));
                country = "DE";
            } else {
                ip = p < 90
                        ? (11 + random.nextInt(180)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                                + (1 + random.nextInt(254))
                        // close to the office's IPv6 range, but outside it
                        : "2001:db8:11::" + Integer.toHexString(1 + random.nextInt(0xfffe));
                int k = random.nextInt(100);
                country = k < 6 ? ""
                        : k < 14 ? pick(random, List.copyOf(countryLocations.get(BLOCKED_COUNTRIES)))
                        : k < 24 ? pick(random, List.copyOf(countryLocations.get(RESTRICTED_COUNTRIES)))
                        : pick(random, commonCountries);
            }
            int d = random.nextInt(100);
            Device device = d < 45 ? Device.COMPLIANT : d < 80 ? Device.NOT_COMPLIANT : Device.UNKNOWN;
            boolean mfaDone = random.nextInt(100) < 35;
            boolean registered = mfaDone || random.nextInt(100) < 75;
            list.add(new SignIn(i, user, transitive(user.groups()), app, adminPortal, client, ip, country, device,
                    mfaDone, registered));
        }
        return List.copyOf(list);
    }

    private List<String> transitive(List<String> direct) {
        Set<String> all = new LinkedHashSet<>();
        for (String group : direct) {
            String g = group;
            while (g != null && all.add(g)) {
                g = parentGroup.get(g);
            }
        }
        return List.copyOf(all);
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
