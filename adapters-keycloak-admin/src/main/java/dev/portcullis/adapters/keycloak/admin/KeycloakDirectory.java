package dev.portcullis.adapters.keycloak.admin;

import dev.portcullis.core.method.AuthenticationMethod;
import dev.portcullis.core.notice.MailServer;
import dev.portcullis.core.port.out.DirectoryPort;
import dev.portcullis.core.port.out.DirectoryUnavailableException;
import dev.portcullis.core.port.out.MailSettingsPort;
import dev.portcullis.core.registration.RegistrationState;
import dev.portcullis.core.signin.UserIdentity;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.ClientMappingsRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.MappingsRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The protected realm's directory, read through the Keycloak Admin Client with a service account
 * that may view users: a user's groups (ids and paths, parents included), roles (realm roles, and
 * client roles as {@code client/role}) and registered methods, the same way the provider sees them
 * during a login. Administrators are the holders of a realm role; a break-glass account carries the
 * user attribute {@code portcullis.breakGlass=true}. A user's e-mail is the one Keycloak keeps; the
 * realm's e-mail (SMTP) settings need {@code view-realm}.
 *
 * <p>Keycloak's answers are told apart by their HTTP status, not by the exception's class: the
 * Admin Client on RESTEasy classic throws {@code NotFoundException} for a 404, on Quarkus' REST
 * client (the control plane) a plain {@link WebApplicationException} carrying the 404.
 */
public final class KeycloakDirectory implements DirectoryPort, MailSettingsPort {

    /** The attribute that marks an emergency account. */
    public static final String BREAK_GLASS_ATTRIBUTE = "portcullis.breakGlass";
    private static final String GUEST_ATTRIBUTE = "portcullis.guest";

    private final Keycloak keycloak;
    private final String realm;
    private final String adminRole;

    /**
     * @param keycloak an Admin Client logged in to a service account of {@code realm}
     * @param adminRole the realm role that makes a user an administrator
     */
    public KeycloakDirectory(Keycloak keycloak, String realm, String adminRole) {
        this.keycloak = keycloak;
        this.realm = realm;
        this.adminRole = adminRole;
    }

    private RealmResource realm() {
        return keycloak.realm(realm);
    }

    @Override
    public Optional<DirectoryUser> findUser(String idOrUsername) {
        return read(() -> {
            Optional<UserRepresentation> user;
            try {
                user = Optional.of(realm().users().get(idOrUsername).toRepresentation());
            } catch (WebApplicationException e) {
                if (status(e) != 404) {
                    throw e;
                }
                // Not an id: a username.
                user = realm().users().search(idOrUsername, true).stream().findFirst();
            }
            return user.map(this::directoryUser);
        });
    }

    @Override
    public List<DirectoryUser> administrators() {
        return read(() -> {
            try {
                return realm().roles().get(adminRole).getUserMembers(0, 1000).stream().map(this::directoryUser).toList();
            } catch (WebApplicationException e) {
                if (status(e) != 404) {
                    throw e;
                }
                return List.of(); // no such role
            }
        });
    }

    /**
     * The realm's groups (with their subgroups and paths), realm roles and clients, for an import to
     * check references and suggest matches. Client roles are not listed (a policy names them
     * {@code client/role}). Groups need {@code query-groups}, roles {@code view-realm}; clients are listed
     * only to an account that may view them ({@code view-clients}, which Portcullis does not ask for:
     * it would also show client secrets), else the list is empty and nothing is suggested for them.
     */
    @Override
    public Catalog catalog() {
        return read(() -> {
            List<DirectoryObject> groups = new ArrayList<>();
            addGroups(realm().groups().groups(0, 1000), groups);
            List<DirectoryObject> roles = realm().roles().list().stream()
                    .map(r -> new DirectoryObject(r.getName(), r.getName(), "")).toList();
            return new Catalog(groups, roles, clients());
        });
    }

    private List<DirectoryObject> clients() {
        return clients(null, 1000).stream().map(c -> new DirectoryObject(c.getClientId(), clientName(c), "")).toList();
    }

    /** Clients whose client id contains the text (all: null), or none to an account that may not view them. */
    private List<ClientRepresentation> clients(String text, int max) {
        try {
            return realm().clients().findAll(text, true, text != null, 0, max);
        } catch (WebApplicationException e) {
            if (status(e) != 403) {
                throw e;
            }
            return List.of(); // not allowed to list clients: nothing to suggest for them
        }
    }

    static String clientName(ClientRepresentation client) {
        return client.getName() == null || client.getName().isBlank() ? client.getClientId() : client.getName();
    }

    /**
     * Keycloak's own searches: users by username, name or e-mail anywhere in them, groups by name (with the
     * subgroups that match), realm roles by name, and clients by client id, which only an account that may
     * view clients sees (as in {@link #catalog()}).
     */
    @Override
    public List<Entry> search(Kind kind, String text, int top) {
        String wanted = text.replace("*", "").replace("\"", "").strip();
        String any = wanted.isEmpty() ? null : wanted;
        return read(() -> switch (kind) {
            case USERS -> realm().users().search(any == null ? null : "*" + any + "*", 0, top, true).stream()
                    .map(u -> new Entry(u.getId(), fullName(u), u.getUsername())).toList();
            case GROUPS -> {
                List<Entry> found = new ArrayList<>();
                matchingGroups(realm().groups().groups(any, 0, top, true), "", wanted.toLowerCase(Locale.ROOT), found);
                yield found.stream().limit(top).toList();
            }
            case ROLES -> realm().roles().list(any == null ? "" : any, 0, top, true).stream()
                    .map(r -> new Entry(r.getName(), r.getName(), r.getDescription() == null ? "" : r.getDescription()))
                    .toList();
            case APPLICATIONS -> clients(any, top).stream()
                    .map(c -> new Entry(c.getClientId(), clientName(c), c.getClientId())).toList();
        });
    }

    /** One read per id: see {@link KeycloakNames}. */
    @Override
    public List<Entry> byIds(Kind kind, List<String> ids) {
        return read(() -> new KeycloakNames(realm()).byIds(kind, ids));
    }

    static String fullName(UserRepresentation user) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).strip();
        return name.isEmpty() ? user.getUsername() : name;
    }

    /** A search's answer is a tree (the parents of what matched): the groups in it whose names match, by path. */
    private static void matchingGroups(List<GroupRepresentation> level, String parentPath, String wanted,
            List<Entry> into) {
        for (GroupRepresentation group : level == null ? List.<GroupRepresentation>of() : level) {
            String path = group.getPath() == null ? parentPath + "/" + group.getName() : group.getPath();
            if (group.getName().toLowerCase(Locale.ROOT).contains(wanted)) {
                into.add(new Entry(group.getId(), group.getName(), path));
            }
            matchingGroups(group.getSubGroups(), path, wanted, into);
        }
    }

    private void addGroups(List<GroupRepresentation> level, List<DirectoryObject> into) {
        for (GroupRepresentation group : level) {
            into.add(new DirectoryObject(group.getId(), group.getName(), group.getPath() == null ? "" : group.getPath()));
            Long children = group.getSubGroupCount();
            if (children == null || children > 0) {
                addGroups(realm().groups().group(group.getId()).getSubGroups(0, 1000, true), into);
            }
        }
    }

    /**
     * A read, retried once with a new token when Keycloak refuses the one held (its session was
     * logged out, the realm's keys rotated). Any other failure is {@link DirectoryUnavailableException}:
     * Keycloak's answer to us is never passed off as the answer to our caller.
     */
    private <T> T read(java.util.function.Supplier<T> query) {
        try {
            try {
                return query.get();
            } catch (WebApplicationException e) {
                if (status(e) != 401) {
                    throw e;
                }
                keycloak.tokenManager().grantToken(); // the token held is stale
                return query.get();
            }
        } catch (WebApplicationException | ProcessingException e) {
            throw new DirectoryUnavailableException("the directory (Keycloak realm " + realm + ") could not be read: "
                    + e.getMessage(), e);
        }
    }

    static int status(WebApplicationException e) {
        return e.getResponse() == null ? -1 : e.getResponse().getStatus();
    }

    /** The realm's e-mail settings, as Keycloak sends its own mail; the password is masked by Keycloak. */
    @Override
    public Optional<MailServer> mailServer() {
        return read(() -> RealmSmtpSettings.read(realm().toRepresentation().getSmtpServer()));
    }

    @Override
    public boolean connected() {
        return true;
    }

    private DirectoryUser directoryUser(UserRepresentation user) {
        UserResource resource = realm().users().get(user.getId());
        Set<String> groups = new HashSet<>();
        for (GroupRepresentation group : resource.groups(0, 1000, false)) {
            // A path names its parents too: /Parent/Child is in /Parent.
            String path = group.getPath();
            groups.add(group.getId());
            for (int slash = path.length(); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
                groups.add(path.substring(0, slash));
            }
            parentIds(group).forEach(groups::add);
        }
        Set<String> roles = new HashSet<>();
        resource.roles().realmLevel().listEffective().stream().map(RoleRepresentation::getName).forEach(roles::add);
        MappingsRepresentation mappings = resource.roles().getAll();
        Map<String, ClientMappingsRepresentation> clients = Optional.ofNullable(mappings.getClientMappings())
                .orElse(new LinkedHashMap<>());
        clients.values().forEach(client -> client.getMappings()
                .forEach(role -> roles.add(client.getClient() + "/" + role.getName())));
        boolean guest = !resource.getFederatedIdentity().isEmpty() || "true".equalsIgnoreCase(attribute(user, GUEST_ATTRIBUTE));
        Set<AuthenticationMethod> registered = EnumSet.noneOf(AuthenticationMethod.class);
        for (CredentialRepresentation credential : resource.credentials()) {
            for (AuthenticationMethod method : AuthenticationMethod.values()) {
                if (method.keycloakCredentialType().equals(credential.getType())) {
                    registered.add(method);
                }
            }
        }
        return new DirectoryUser(new UserIdentity(user.getId(), groups, roles, guest), user.getUsername(),
                new RegistrationState(registered), "true".equalsIgnoreCase(attribute(user, BREAK_GLASS_ATTRIBUTE)),
                Optional.ofNullable(user.getEmail()));
    }

    private List<String> parentIds(GroupRepresentation group) {
        List<String> ids = new ArrayList<>();
        for (String parent = group.getParentId(); parent != null; ) {
            ids.add(parent);
            parent = realm().groups().group(parent).toRepresentation().getParentId();
        }
        return ids;
    }

    private static String attribute(UserRepresentation user, String name) {
        List<String> values = user.getAttributes() == null ? null : user.getAttributes().get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
