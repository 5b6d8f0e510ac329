package dev.portcullis.app.launcher;

import dev.portcullis.adapters.keycloak.admin.RealmProvisioner;
import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.location.CountryNamedLocation;
import dev.portcullis.core.location.IpNamedLocation;
import dev.portcullis.core.location.IpRange;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.snapshot.PolicySnapshot;
import dev.portcullis.core.template.PolicyTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo organisation: who works there, which applications they use, and the seed rollout of
 * Conditional Access policies from the templates. Provisioning is idempotent.
 */
final class DemoDirectory {

    static final String REALM = "demo";
    static final String PASSWORD = "Portcullis-demo-1";
    static final String OFFICE = "office-network";
    static final String BLOCKED_COUNTRIES = "blocked-countries";

    /** A demo person: username, full name, groups, and what to try with them. */
    record Person(String username, String firstName, String lastName, List<String> groups, String story) {}

    static final List<Person> PEOPLE = List.of(
            new Person("anna.accountant", "Anna", "Accountant", List.of("Finance"),
                    "works in Finance: the HR and finance apps are high-risk and ask for MFA outside the office"),
            new Person("ivan.it", "Ivan", "Pilot", List.of("IT Department"),
                    "in the MFA pilot group: every sign-in needs MFA, so he registers an authenticator first"),
            new Person("ada.admin", "Ada", "Administrator", List.of("IT Department", "Administrators"),
                    "an administrator: MFA everywhere, and the admin portals want a compliant device"),
            new Person("break.glass", "Break", "Glass", List.of("Administrators"),
                    "the emergency account: excluded from every policy"),
            new Person("nina.new", "Nina", "Newhire", List.of("Sales"),
                    "new employee, nothing registered: no prompt until a policy needs MFA of her"),
            new Person("sam.sales", "Sam", "Traveller", List.of("Sales"),
                    "the travelling sales executive: signs in from everywhere"));

    record Application(String clientId, String name, boolean passwordGrant) {}

    static final List<Application> APPLICATIONS = List.of(
            new Application("portal", "Employee portal", false),
            new Application("hr-app", "HR (high-risk)", false),
            new Application("finance-app", "Finance (high-risk)", false),
            new Application("legacy-mail", "Legacy mail client (password grant)", true));

    private DemoDirectory() {}

    /** Creates what is missing; returns user ids by username. */
    static Map<String, String> provision(RealmProvisioner realm, String keycloakUrl) {
        realm.ensureRealm();
        String accountUrl = keycloakUrl + "/realms/" + REALM + "/account/";
        for (Application app : APPLICATIONS) {
            realm.ensureClient(app.clientId(), app.name(), app.passwordGrant(), accountUrl + "*");
        }
        Map<String, String> groups = new LinkedHashMap<>();
        for (Person person : PEOPLE) {
            for (String group : person.groups()) {
                groups.computeIfAbsent(group, realm::ensureGroup);
            }
        }
        Map<String, String> users = new LinkedHashMap<>();
        for (Person person : PEOPLE) {
            String id = realm.ensureUser(person.username(), person.firstName(), person.lastName(), PASSWORD,
                    person.groups().stream().map(groups::get).toArray(String[]::new));
            users.put(person.username(), id);
        }
        realm.ensureRealmRole(users.get("ada.admin"), "admin");
        realm.ensureRealmRole(users.get("break.glass"), "admin");
        return users;
    }

    /**
     * The seed rollout: legacy authentication blocked and MFA for the IT pilot enforced; the rest
     * report-only, as an administrator starts out.
     */
    static PolicySnapshot snapshot(Map<String, String> users) {
        PolicyTemplate.Parameters parameters = new PolicyTemplate.Parameters(Set.of(users.get("break.glass")),
                Set.of("/IT Department"), Set.of("admin"), Set.of("hr-app", "finance-app"), BLOCKED_COUNTRIES);
        List<ConditionalAccessPolicy> policies = new ArrayList<>();
        for (PolicyTemplate template : PolicyTemplate.values()) {
            ConditionalAccessPolicy policy = template.instantiate(template.templateId(), parameters);
            boolean enforced = template == PolicyTemplate.BLOCK_LEGACY_AUTHENTICATION
                    || template == PolicyTemplate.REQUIRE_MFA_FOR_ALL_USERS;
            policies.add(enforced ? policy.withState(PolicyState.ENABLED) : policy);
        }
        List<NamedLocation> locations = List.of(
                // On this machine every browser is on loopback: loopback is the office.
                new IpNamedLocation(OFFICE, "Office network", List.of(IpRange.of("127.0.0.0/8"), IpRange.of("::1/128"),
                        IpRange.of("10.0.0.0/8")), true),
                new CountryNamedLocation(BLOCKED_COUNTRIES, "Blocked countries", Set.of("KP", "IR", "SY"), false));
        return new PolicySnapshot(1, Instant.now(), PolicySet.of(policies, locations));
    }
}
