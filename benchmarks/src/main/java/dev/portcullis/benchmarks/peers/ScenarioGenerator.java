package dev.portcullis.benchmarks.peers;

import dev.portcullis.benchmarks.peers.PeerScenario.ClientType;
import dev.portcullis.benchmarks.peers.PeerScenario.Device;
import dev.portcullis.benchmarks.peers.PeerScenario.Grant;
import dev.portcullis.benchmarks.peers.PeerScenario.Rule;
import dev.portcullis.benchmarks.peers.PeerScenario.SignIn;
import dev.portcullis.benchmarks.peers.PeerScenario.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Draws a {@link PeerScenario}'s policies, directory and sign-ins from one seeded {@link Random}.
 * The order of the draws is part of the scenario: the same seed must give every engine, the test
 * and every JMH fork the same policies and sign-ins, so {@link PeerScenario} calls these in a fixed
 * order.
 */
final class ScenarioGenerator {

    final Map<String, String> parentGroup = new LinkedHashMap<>();
    final List<String> groups = new ArrayList<>();
    final List<String> apps = new ArrayList<>();
    private final List<String> adminPortalApps;
    private final List<String> officeRanges;
    private final Map<String, Set<String>> countryLocations;
    private final List<String> breakGlass;

    ScenarioGenerator(List<String> adminPortalApps, List<String> officeRanges, Map<String, Set<String>> countryLocations,
            List<String> breakGlass) {
        this.adminPortalApps = adminPortalApps;
        this.officeRanges = officeRanges;
        this.countryLocations = countryLocations;
        this.breakGlass = breakGlass;
        for (int d = 0; d < 8; d++) {
            groups.add(String.format("dept-%02d", d));
        }
    }

    /** Groups and apps that no policy names. */
    void unnamedGroupsAndApps(Random random) {
        for (int i = 0; i < 20; i++) {
            newGroup(random);
            newApp();
        }
    }

    List<Rule> rules(int count, Random random) {
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
        list.add(new Rule(id(3), "Require compliant device and MFA for admin portals", false, none, PeerScenario.ADMIN_ROLES,
                false, true, none, false, null, false, Grant.MFA_AND_COMPLIANT_DEVICE));
        list.add(new Rule(id(4), "Block access from selected countries", true, none, none, true, false, none, false,
                PeerScenario.BLOCKED_COUNTRIES, false, Grant.BLOCK));
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
                        false, List.of(newApp()), false, PeerScenario.RESTRICTED_COUNTRIES, false, Grant.BLOCK));
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

    List<User> users(Random random) {
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
                roles.add(PeerScenario.ADMIN_ROLES.get(random.nextInt(PeerScenario.ADMIN_ROLES.size())));
            } else if (r < 12) {
                roles.add("view-users");
            }
            list.add(new User(id, List.copyOf(memberOf), List.copyOf(roles)));
        }
        return List.copyOf(list);
    }

    List<SignIn> signIns(Random random, int count, List<User> users) {
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
                        : k < 14 ? pick(random, List.copyOf(countryLocations.get(PeerScenario.BLOCKED_COUNTRIES)))
                        : k < 24 ? pick(random, List.copyOf(countryLocations.get(PeerScenario.RESTRICTED_COUNTRIES)))
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
