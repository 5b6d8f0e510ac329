package dev.portcullis.core.port.out;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A directory a test fills in: users by id, found by id or username. */
public final class InMemoryDirectory implements DirectoryPort {

    private final Map<String, DirectoryUser> users = new ConcurrentHashMap<>();

    public InMemoryDirectory put(DirectoryUser user) {
        users.put(user.identity().id(), user);
        return this;
    }

    public void clear() {
        users.clear();
    }

    @Override
    public Optional<DirectoryUser> findUser(String idOrUsername) {
        return Optional.ofNullable(users.get(idOrUsername)).or(() -> users.values().stream()
                .filter(u -> u.username().equals(idOrUsername)).findFirst());
    }

    /** Everyone holding the role "admin", break-glass accounts included. */
    @Override
    public List<DirectoryUser> administrators() {
        return users.values().stream().filter(u -> u.identity().roleIds().contains("admin")).toList();
    }

    @Override
    public boolean connected() {
        return true;
    }
}
