package dev.portcullis.core.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.LocationsCondition;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.policy.SessionControls;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReferencesTest {

    /** A directory that knows the group "g-ea", named "Emergency access accounts", and the role "realm-admin". */
    private static final ReferenceDirectory DIRECTORY = new ReferenceDirectory() {
        @Override
        public boolean exists(ReferenceKind kind, String id) {
            return (kind == ReferenceKind.GROUP && id.equals("g-ea")) || (kind == ReferenceKind.ROLE && id.equals("realm-admin"));
        }

        @Override
        public List<Suggestion> suggestions(ReferenceKind kind, String written) {
            if (kind == ReferenceKind.GROUP && ReferenceDirectory.normalized(written).equals("emergencyaccessaccount")) {
                return List.of(new Suggestion("g-ea", "/Emergency access accounts"));
            }
            if (kind == ReferenceKind.ROLE && ReferenceDirectory.normalized(written).equals("globaladministrator")) {
                return List.of(new Suggestion("global-administrator", "global-administrator"));
            }
            return List.of();
        }

        @Override
        public boolean connected() {
            return true;
        }
    };

    private static Set<String> ordered(String... ids) {
        return new LinkedHashSet<>(List.of(ids));
    }

    @Test
    void mappedReferencesBecomeKeycloakIdsTheRestIsKeptAndReportedWithSuggestions() {
        ConditionalAccessPolicy exported = new ConditionalAccessPolicy("p", "Admins", PolicyState.ENABLED,
                Conditions.of(new UsersCondition(ordered("All"), ordered(References.CURRENT_ADMINISTRATOR),
                                Set.of(), ordered("<ExclusionPermGroup>", "<EmergencyAccessAccountsGroup>", "g-ea"),
                                ordered("62e90394-69f5-4237-9190-012177145e10"), Set.of()),
                        ApplicationsCondition.apps("Office 365").excluding("MicrosoftAdminPortals"))
                        .withLocations(LocationsCondition.allExcept("entra-office")),
                GrantControls.block(), SessionControls.none());
        ImportMapping mapping = new ImportMapping(Map.of(
                ReferenceKind.GROUP, Map.of("<ExclusionPermGroup>", List.of("/Exclusions/A", "/Exclusions/B")),
                ReferenceKind.APPLICATION, Map.of("Office 365", List.of("mail", "portal")),
                ReferenceKind.NAMED_LOCATION, Map.of("entra-office", List.of("office"))));

        References.Resolution resolution = References.resolve(exported, "", mapping, DIRECTORY, Optional.of("ada"));

        UsersCondition users = resolution.policy().conditions().users();
        assertThat(users.includeUsers()).containsExactly("All");
        assertThat(users.excludeUsers()).containsExactly("ada");
        assertThat(users.excludeGroups()).containsExactly("/Exclusions/A", "/Exclusions/B",
                "<EmergencyAccessAccountsGroup>", "g-ea");
        assertThat(resolution.policy().conditions().applications().includeApplications()).containsExactly("mail", "portal");
        assertThat(resolution.policy().conditions().applications().excludeApplications())
                .containsExactly("MicrosoftAdminPortals");
        assertThat(resolution.policy().conditions().locations().orElseThrow().excludeLocations()).containsExactly("office");
        assertThat(resolution.mapped()).extracting(m -> m.reference().path()).containsExactly(
                "conditions.users.excludeUsers[0]", "conditions.users.excludeGroups[0]",
                "conditions.applications.includeApplications[0]", "conditions.locations.excludeLocations[0]");

        assertThat(resolution.unresolved()).extracting(u -> u.reference().path()).containsExactly(
                "conditions.users.excludeGroups[1]", "conditions.users.includeRoles[0]");
        References.Unresolved placeholder = resolution.unresolved().get(0);
        assertThat(placeholder.suggestions()).containsExactly(
                new ReferenceDirectory.Suggestion("g-ea", "/Emergency access accounts"));
        References.Unresolved role = resolution.unresolved().get(1);
        assertThat(role.entraName()).contains("Global Administrator");
        assertThat(role.suggestions()).extracting(ReferenceDirectory.Suggestion::id).containsExactly("global-administrator");
    }

    @Test
    void namesAreComparedWithoutCaseSpacingBracketsOrATrailingGroup() {
        assertThat(ReferenceDirectory.normalized("<EmergencyAccessAccountsGroup>"))
                .isEqualTo(ReferenceDirectory.normalized("Emergency access accounts"));
        assertThat(ReferenceDirectory.normalized("<AdministratorGroup>"))
                .isEqualTo(ReferenceDirectory.normalized("Administrators"));
        assertThat(ReferenceDirectory.normalized("Office 365")).isEqualTo("office365");
    }
}
