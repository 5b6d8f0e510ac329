package dev.portcullis.core.service;

import dev.portcullis.core.port.in.DirectoryIds;
import dev.portcullis.core.port.in.LookUpDirectory;
import dev.portcullis.core.port.out.DirectoryPort;
import dev.portcullis.core.port.out.DirectoryPort.Entry;
import dev.portcullis.core.port.out.DirectoryUnavailableException;
import java.util.List;
import java.util.Set;

/**
 * Finds users, groups, roles and applications in the directory, never more than asked for, and names
 * those a policy holds by their ids.
 */
public final class LookUpDirectoryService implements LookUpDirectory {

    private final DirectoryPort directory;

    public LookUpDirectoryService(DirectoryPort directory) {
        this.directory = directory;
    }

    @Override
    public List<Entry> find(Search search) {
        requireDirectory();
        return directory.search(search.kind(), search.text(), search.top()).stream().limit(search.top()).toList();
    }

    @Override
    public List<Entry> resolve(DirectoryIds ids) {
        requireDirectory();
        Set<String> asked = Set.copyOf(ids.ids());
        return directory.byIds(ids.kind(), ids.ids()).stream().filter(entry -> asked.contains(entry.id())).toList();
    }

    private void requireDirectory() {
        if (!directory.connected()) {
            // An empty answer would say "nobody matches" (or "nobody by these ids"); the truth is that nobody can be looked up.
            throw new DirectoryUnavailableException("no directory is configured (portcullis.directory.keycloak-url and"
                    + " portcullis.directory.client-secret)", null);
        }
    }
}
