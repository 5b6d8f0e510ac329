package dev.portcullis.core.port.out;

import dev.portcullis.core.notice.MailServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A directory a test fills in: users by id, found by id or username; and the realm's mail server, if any. */
public final class InMemoryDirectory implements DirectoryPort, MailSettingsPort {

    private final Map<String, DirectoryUser> users = new ConcurrentHashMap<>();
    private final List<DirectoryObject> groups = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<DirectoryObject> roles = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<DirectoryObject> clients = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean down;
    private volatile Optional<MailServer> mailServer = Optional.empty();

    /** The realm's e-mail settings from now on (empty: none configured). */
    public InMemoryDirectory useMailServer(Optional<MailServer> server) {
        mailServer = server;
        return this;
    }

    @Override
    public Optional<MailServer> mailServer() {
        requireUp();
        return mailServer;
    }

    /** A group a policy may name by id or by path. */
    public InMemoryDirectory putGroup(String id, String name, String path) {
        groups.add(new DirectoryObject(id, name, path));
        return this;
    }

    public InMemoryDirectory putRole(String name) {
        roles.add(new DirectoryObject(name, name, ""));
        return this;
    }

    public InMemoryDirectory putClient(String clientId, String name) {
        clients.add(new DirectoryObject(clientId, name, ""));
        return this;
    }

    @Override
    public Catalog catalog() {
        requireUp();
        return new Catalog(groups, roles, clients);
    }

    /** Users by username (shown as their name), the rest by name, each containing the text regardless of case. */
    @Override
    public List<Entry> search(Kind kind, String text, int top) {
        requireUp();
        List<Entry> all = entries(kind);
        String wanted = text.toLowerCase(java.util.Locale.ROOT);
        return all.stream().filter(e -> e.displayName().toLowerCase(java.util.Locale.ROOT).contains(wanted)
                || e.detail().toLowerCase(java.util.Locale.ROOT).contains(wanted)).limit(top).toList();
    }

    /** By id, and a group by its path too, each under the id asked by. */
    @Override
    public List<Entry> byIds(Kind kind, List<String> ids) {
        requireUp();
        List<Entry> all = entries(kind);
        return ids.stream().flatMap(id -> all.stream()
                .filter(e -> e.id().equals(id) || kind == Kind.GROUPS && e.detail().equals(id)).limit(1)
                .map(e -> new Entry(id, e.displayName(), e.detail()))).toList();
    }

    private List<Entry> entries(Kind kind) {
        return switch (kind) {
            case USERS -> users.values().stream().map(u -> new Entry(u.identity().id(), u.username(), u.username()))
                    .sorted(java.util.Comparator.comparing(Entry::displayName)).toList();
            case GROUPS -> groups.stream().map(g -> new Entry(g.id(), g.displayName(), g.path())).toList();
            case ROLES -> roles.stream().map(r -> new Entry(r.id(), r.displayName(), "")).toList();
            case APPLICATIONS -> clients.stream().map(c -> new Entry(c.id(), c.displayName(), c.id())).toList();
        };
    }

    public InMemoryDirectory put(DirectoryUser user) {
        users.put(user.identity().id(), user);
        return this;
    }

    public void clear() {
        users.clear();
        groups.clear();
        roles.clear();
        clients.clear();
        down = false;
        mailServer = Optional.empty();
    }

    /** From now on every read fails, as when Keycloak is down or refuses the service account. */
    public void goDown() {
        down = true;
    }

    private void requireUp() {
        if (down) {
            throw new DirectoryUnavailableException("the directory could not be read: connection refused", null);
        }
    }

    @Override
    public Optional<DirectoryUser> findUser(String idOrUsername) {
        requireUp();
        return Optional.ofNullable(users.get(idOrUsername)).or(() -> users.values().stream()
                .filter(u -> u.username().equals(idOrUsername)).findFirst());
    }

    /** Everyone holding the role "admin", break-glass accounts included. */
    @Override
    public List<DirectoryUser> administrators() {
        requireUp();
        return users.values().stream().filter(u -> u.identity().roleIds().contains("admin")).toList();
    }

    @Override
    public boolean connected() {
        return true;
    }
}
