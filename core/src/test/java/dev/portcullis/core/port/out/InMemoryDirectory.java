package dev.portcullis.core.port.out;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A directory a test fills in: users by id, found by id or username. */
public final class InMemoryDirectory implements DirectoryPort {

    private final Map<String, DirectoryUser> users = new ConcurrentHashMap<>();
    private volatile boolean down;

    public InMemoryDirectory put(DirectoryUser user) {
        users.put(user.identity().id(), user);
        return this;
    }

    public void clear() {
        users.clear();
        down = false;
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
