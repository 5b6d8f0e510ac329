package dev.portcullis.core.port.out;

import dev.portcullis.core.registration.RegistrationState;
import dev.portcullis.core.signin.UserIdentity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The directory of the protected realm, as the control plane reads it: who a user is (groups,
 * roles, registered methods) for What-If, and who administers the realm for the lockout guard.
 */
public interface DirectoryPort {

    /**
     * A user as the directory knows them.
     *
     * @param breakGlass an emergency account, which the lockout guard keeps out of every policy
     * @param email where the user reads notices (a pilot group told before enforcement); empty when the directory has none
     */
    record DirectoryUser(UserIdentity identity, String username, RegistrationState registration, boolean breakGlass,
            Optional<String> email) {
        public DirectoryUser {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(registration, "registration");
            email = email.filter(e -> !e.isBlank());
        }

        /** A user without an e-mail address. */
        public DirectoryUser(UserIdentity identity, String username, RegistrationState registration, boolean breakGlass) {
            this(identity, username, registration, breakGlass, Optional.empty());
        }
    }

    /**
     * By id, or else by exact username.
     *
     * @throws DirectoryUnavailableException when the directory cannot be read
     */
    Optional<DirectoryUser> findUser(String idOrUsername);

    /**
     * The realm's administrators, break-glass accounts included.
     *
     * @throws DirectoryUnavailableException when the directory cannot be read
     */
    List<DirectoryUser> administrators();

    /**
     * A group, role or client as a policy names it ({@code id}: a group's id or path, a role's name, a
     * client's client id) and as a person reads it.
     *
     * @param path a group's path ({@code /Parent/Child}), which policies may use instead of its id; else empty
     */
    record DirectoryObject(String id, String displayName, String path) {
        public DirectoryObject {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(path, "path");
        }
    }

    /** The groups, roles and clients of the realm, read once for an import. */
    record Catalog(List<DirectoryObject> groups, List<DirectoryObject> roles, List<DirectoryObject> clients) {
        public static final Catalog EMPTY = new Catalog(List.of(), List.of(), List.of());

        public Catalog {
            groups = List.copyOf(groups);
            roles = List.copyOf(roles);
            clients = List.copyOf(clients);
        }
    }

    /**
     * The groups, roles and clients policies may name, to check and suggest references.
     *
     * @throws DirectoryUnavailableException when the directory cannot be read
     */
    default Catalog catalog() {
        return Catalog.EMPTY;
    }

    /** What a look-up lists: users, groups, roles or applications (clients). */
    enum Kind { USERS, GROUPS, ROLES, APPLICATIONS }

    /**
     * One user, group, role or application as a picker lists it.
     *
     * @param id what a policy names it by: a user's or group's id, a role's name, a client's client id
     * @param displayName what a person reads
     * @param detail what tells two of one name apart: a user's username, a group's path, a role's description,
     *     a client's client id
     */
    record Entry(String id, String displayName, String detail) {
        public Entry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Up to {@code top} of one kind whose name (a user's username, full name or e-mail) contains {@code text},
     * or any when it is blank, as the directory orders them.
     *
     * @throws DirectoryUnavailableException when the directory cannot be read
     */
    default List<Entry> search(Kind kind, String text, int top) {
        return List.of();
    }

    /**
     * The entries of one kind with these ids (a group's also by its path), each under the id it was asked
     * by; an id the directory does not know is left out.
     *
     * @throws DirectoryUnavailableException when the directory cannot be read
     */
    default List<Entry> byIds(Kind kind, List<String> ids) {
        return List.of();
    }

    /** Whether a real directory answers; without one the lockout guard can check nothing and says so. */
    boolean connected();

    /** No directory configured: nobody is known. */
    DirectoryPort NONE = new DirectoryPort() {
        @Override
        public Optional<DirectoryUser> findUser(String idOrUsername) {
            return Optional.empty();
        }

        @Override
        public List<DirectoryUser> administrators() {
            return List.of();
        }

        @Override
        public boolean connected() {
            return false;
        }
    };
}
