package dev.portcullis.core.migration;

import dev.portcullis.core.condition.ApplicationsCondition;
import dev.portcullis.core.condition.ClientApplicationsCondition;
import dev.portcullis.core.condition.Conditions;
import dev.portcullis.core.condition.LocationsCondition;
import dev.portcullis.core.condition.UsersCondition;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.GrantControls;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the references of an imported Entra policy into Keycloak's: through the mapping first, else
 * kept when the directory knows the id as written, else kept and reported as unresolved with
 * suggestions. Keywords ({@code All}, {@code None}, ...) are never references. A kept unresolved
 * reference names nothing in Keycloak: an include then includes nobody, an exclude excludes nobody
 * (which the lockout guard checks before the policy can be enabled).
 */
public final class References {

    /** Entra's template placeholder for the administrator who creates the policy from it. */
    public static final String CURRENT_ADMINISTRATOR = "Current administrator will be excluded";

    private static final Set<String> USER_KEYWORDS = Set.of(UsersCondition.ALL, UsersCondition.NONE,
            UsersCondition.GUESTS_OR_EXTERNAL_USERS);
    private static final Set<String> APPLICATION_KEYWORDS = Set.of(ApplicationsCondition.ALL, ApplicationsCondition.NONE,
            ApplicationsCondition.ADMIN_PORTALS, "AllAgentIdResources", ClientApplicationsCondition.ALL_IN_TENANT);
    private static final Set<String> LOCATION_KEYWORDS = Set.of(LocationsCondition.ALL, LocationsCondition.ALL_TRUSTED);

    /** One id a policy names, where it names it. */
    public record Reference(String path, ReferenceKind kind, String written) {}

    /** A reference the mapping (or the importing administrator) turned into Keycloak ids. */
    public record Mapped(Reference reference, List<String> to) {}

    /**
     * A reference nothing resolved: kept as written.
     *
     * @param entraName what Entra calls it, when Portcullis knows (a built-in role's name)
     */
    public record Unresolved(Reference reference, Optional<String> entraName,
            List<ReferenceDirectory.Suggestion> suggestions) {}

    public record Resolution(ConditionalAccessPolicy policy, List<Mapped> mapped, List<Unresolved> unresolved) {}

    private final ImportMapping mapping;
    private final ReferenceDirectory directory;
    private final Optional<String> currentAdministrator;
    private final List<Mapped> mapped = new ArrayList<>();
    private final List<Unresolved> unresolved = new ArrayList<>();

    private References(ImportMapping mapping, ReferenceDirectory directory, Optional<String> currentAdministrator) {
        this.mapping = mapping;
        this.directory = directory;
        this.currentAdministrator = currentAdministrator;
    }

    /**
     * @param pathPrefix where the policy sits in its file ({@code details.} for a template), for the paths reported
     * @param currentAdministrator the directory id of the administrator importing, for Entra's template placeholder
     */
    public static Resolution resolve(ConditionalAccessPolicy policy, String pathPrefix, ImportMapping mapping,
            ReferenceDirectory directory, Optional<String> currentAdministrator) {
        References references = new References(mapping, directory, currentAdministrator);
        ConditionalAccessPolicy resolved = references.policy(policy, pathPrefix);
        return new Resolution(resolved, List.copyOf(references.mapped), List.copyOf(references.unresolved));
    }

    private ConditionalAccessPolicy policy(ConditionalAccessPolicy policy, String prefix) {
        Conditions c = policy.conditions();
        String users = prefix + "conditions.users.";
        UsersCondition u = c.users();
        Conditions conditions = c.withUsers(new UsersCondition(
                ids(users + "includeUsers", ReferenceKind.USER, u.includeUsers(), USER_KEYWORDS),
                ids(users + "excludeUsers", ReferenceKind.USER, u.excludeUsers(), USER_KEYWORDS),
                ids(users + "includeGroups", ReferenceKind.GROUP, u.includeGroups(), Set.of()),
                ids(users + "excludeGroups", ReferenceKind.GROUP, u.excludeGroups(), Set.of()),
                ids(users + "includeRoles", ReferenceKind.ROLE, u.includeRoles(), Set.of()),
                ids(users + "excludeRoles", ReferenceKind.ROLE, u.excludeRoles(), Set.of())));
        String apps = prefix + "conditions.applications.";
        ApplicationsCondition a = c.applications();
        conditions = conditions.withApplications(new ApplicationsCondition(
                ids(apps + "includeApplications", ReferenceKind.APPLICATION, a.includeApplications(), APPLICATION_KEYWORDS),
                ids(apps + "excludeApplications", ReferenceKind.APPLICATION, a.excludeApplications(), APPLICATION_KEYWORDS),
                a.includeUserActions()));
        if (c.clientApplications().isPresent()) {
            String workloads = prefix + "conditions.clientApplications.";
            ClientApplicationsCondition w = c.clientApplications().get();
            conditions = conditions.withClientApplications(new ClientApplicationsCondition(
                    ids(workloads + "includeServicePrincipals", ReferenceKind.APPLICATION, w.includeServicePrincipals(),
                            APPLICATION_KEYWORDS),
                    ids(workloads + "excludeServicePrincipals", ReferenceKind.APPLICATION, w.excludeServicePrincipals(),
                            APPLICATION_KEYWORDS)));
        }
        if (c.locations().isPresent()) {
            // Locations and strengths are Portcullis' own documents: only mapped here; the validator
            // refuses one that names nothing.
            String locations = prefix + "conditions.locations.";
            LocationsCondition l = c.locations().get();
            conditions = conditions.withLocations(new LocationsCondition(
                    mappedOnly(locations + "includeLocations", ReferenceKind.NAMED_LOCATION, l.includeLocations(),
                            LOCATION_KEYWORDS),
                    mappedOnly(locations + "excludeLocations", ReferenceKind.NAMED_LOCATION, l.excludeLocations(),
                            LOCATION_KEYWORDS)));
        }
        GrantControls grant = policy.grantControls();
        if (grant.authenticationStrengthId().isPresent()) {
            Set<String> strength = mappedOnly(prefix + "grantControls.authenticationStrength.id",
                    ReferenceKind.AUTHENTICATION_STRENGTH, Set.of(grant.authenticationStrengthId().get()), Set.of());
            if (strength.size() == 1) {
                grant = grant.withStrength(strength.iterator().next());
            }
        }
        return new ConditionalAccessPolicy(policy.id(), policy.displayName(), policy.state(), conditions, grant,
                policy.sessionControls());
    }

    private Set<String> ids(String path, ReferenceKind kind, Set<String> written, Set<String> keywords) {
        Set<String> result = new LinkedHashSet<>();
        int i = 0;
        for (String id : written) {
            Reference reference = new Reference(path + "[" + i++ + "]", kind, id);
            Optional<List<String>> to = mapping.lookup(kind, id);
            if (to.isEmpty() && kind == ReferenceKind.USER && id.equals(CURRENT_ADMINISTRATOR)) {
                to = currentAdministrator.map(List::of);
            }
            if (to.isPresent()) {
                mapped.add(new Mapped(reference, to.get()));
                result.addAll(to.get());
                continue;
            }
            result.add(id);
            if (!keywords.contains(id) && !directory.exists(kind, id)) {
                Optional<String> entraName = kind == ReferenceKind.ROLE ? EntraRoles.name(id) : Optional.empty();
                List<ReferenceDirectory.Suggestion> suggestions = new ArrayList<>(directory.suggestions(kind, id));
                entraName.ifPresent(name -> directory.suggestions(kind, name).stream()
                        .filter(s -> !suggestions.contains(s)).forEach(suggestions::add));
                unresolved.add(new Unresolved(reference, entraName, List.copyOf(suggestions)));
            }
        }
        return result;
    }

    private Set<String> mappedOnly(String path, ReferenceKind kind, Set<String> written, Set<String> keywords) {
        Set<String> result = new LinkedHashSet<>();
        int i = 0;
        for (String id : written) {
            Reference reference = new Reference(kind == ReferenceKind.AUTHENTICATION_STRENGTH ? path : path + "[" + i + "]",
                    kind, id);
            i++;
            Optional<List<String>> to = keywords.contains(id) ? Optional.empty() : mapping.lookup(kind, id);
            if (to.isPresent()) {
                mapped.add(new Mapped(reference, to.get()));
                result.addAll(to.get());
            } else {
                result.add(id);
            }
        }
        return result;
    }
}
