package dev.portcullis.demo;

import dev.portcullis.adapters.keycloak.admin.DirectorySeed;
import dev.portcullis.adapters.keycloak.admin.KeycloakDirectory;
import dev.portcullis.adapters.keycloak.admin.RealmProvisioner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.Keycloak;

/**
 * The demo organisation: who works there and which applications they use. Provisioning is
 * idempotent. Its policies come from the control plane's templates (see {@link ControlPlaneSeed}).
 */
public final class DemoDirectory {

    public static final String REALM = "demo";
    public static final String PASSWORD = "Portcullis-demo-1";
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

    /** The service account the control plane reads this directory with (What-If, the lockout guard). */
    static final String DIRECTORY_CLIENT = "portcullis-directory";

    /** Creates what is missing; returns user ids by username. */
    static Map<String, String> provision(Keycloak admin, String keycloakUrl, String directorySecret) {
        RealmProvisioner realm = new RealmProvisioner(admin, REALM);
        DirectorySeed people = new DirectorySeed(admin, REALM);
        realm.ensureRealm();
        String accountUrl = keycloakUrl + "/realms/" + REALM + "/account/";
        for (Application app : APPLICATIONS) {
            realm.ensureClient(app.clientId(), app.name(), app.passwordGrant(), accountUrl + "*");
        }
        Map<String, String> groups = new LinkedHashMap<>();
        for (Person person : PEOPLE) {
            for (String group : person.groups()) {
                groups.computeIfAbsent(group, people::ensureGroup);
            }
        }
        Map<String, String> users = new LinkedHashMap<>();
        for (Person person : PEOPLE) {
            String id = people.ensureUser(person.username(), person.firstName(), person.lastName(), PASSWORD,
                    person.groups().stream().map(groups::get).toArray(String[]::new));
            users.put(person.username(), id);
        }
        for (String administrator : List.of("ada.admin", "break.glass")) {
            // "admin" makes them administrators to Portcullis; realm-admin opens the realm's admin console.
            realm.ensureRole(users.get(administrator), "admin");
            realm.ensureRole(users.get(administrator), "realm-management/realm-admin");
        }
        people.ensureUserAttribute(users.get("break.glass"), KeycloakDirectory.BREAK_GLASS_ATTRIBUTE, "true");
        realm.ensureServiceClient(DIRECTORY_CLIENT, directorySecret, "realm-management/view-users",
                "realm-management/query-groups", "realm-management/view-realm");
        return users;
    }
}
