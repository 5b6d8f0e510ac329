package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.migration.ReferenceDirectory;
import dev.portcullis.core.migration.ReferenceKind;
import dev.portcullis.core.port.out.DirectoryPort;
import dev.portcullis.core.port.out.DirectoryUnavailableException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The directory as one import sees it: its groups, roles and clients read once, users looked up as
 * the references name them (and remembered). A directory that cannot be read finds nothing and says
 * why, rather than failing the import.
 */
final class DirectoryReferences implements ReferenceDirectory {

    private final DirectoryPort directory;
    private final DirectoryPort.Catalog catalog;
    private final Map<String, Optional<DirectoryPort.DirectoryUser>> users = new HashMap<>();
    private final String unavailable;

    DirectoryReferences(DirectoryPort directory) {
        this.directory = directory;
        DirectoryPort.Catalog read = DirectoryPort.Catalog.EMPTY;
        String why = directory.connected() ? "" : "no directory is configured (portcullis.directory.*)";
        if (directory.connected()) {
            try {
                read = directory.catalog();
            } catch (DirectoryUnavailableException e) {
                why = e.getMessage();
            }
        }
        this.catalog = read;
        this.unavailable = why;
    }

    /** Why references could not be checked against the directory; empty when they were. */
    String unavailable() {
        return unavailable;
    }

    @Override
    public boolean connected() {
        return unavailable.isEmpty();
    }

    @Override
    public boolean exists(ReferenceKind kind, String id) {
        return switch (kind) {
            case USER -> user(id).map(u -> u.identity().id().equals(id)).orElse(false);
            case GROUP -> catalog.groups().stream().anyMatch(g -> g.id().equals(id) || g.path().equals(id));
            case ROLE -> catalog.roles().stream().anyMatch(r -> r.id().equals(id));
            case APPLICATION -> catalog.clients().stream().anyMatch(c -> c.id().equals(id));
            default -> false;
        };
    }

    @Override
    public List<Suggestion> suggestions(ReferenceKind kind, String written) {
        if (kind == ReferenceKind.USER) {
            return user(written).map(u -> List.of(new Suggestion(u.identity().id(), u.username()))).orElse(List.of());
        }
        List<DirectoryPort.DirectoryObject> objects = switch (kind) {
            case GROUP -> catalog.groups();
            case ROLE -> catalog.roles();
            case APPLICATION -> catalog.clients();
            default -> List.of();
        };
        String wanted = ReferenceDirectory.normalized(written);
        if (wanted.isEmpty()) {
            return List.of();
        }
        return objects.stream()
                .filter(o -> ReferenceDirectory.normalized(o.displayName()).equals(wanted)
                        || ReferenceDirectory.normalized(o.id()).equals(wanted))
                .map(o -> new Suggestion(o.id(), o.path().isEmpty() ? o.displayName() : o.path()))
                .distinct().toList();
    }

    /** The directory user a reference names (by id or username); empty when none, or unreadable. */
    Optional<DirectoryPort.DirectoryUser> user(String idOrUsername) {
        if (!connected()) {
            return Optional.empty();
        }
        return users.computeIfAbsent(idOrUsername, key -> {
            try {
                return directory.findUser(key);
            } catch (DirectoryUnavailableException e) {
                return Optional.empty();
            }
        });
    }
}
