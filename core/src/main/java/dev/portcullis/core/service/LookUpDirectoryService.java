package dev.portcullis.core.service;

import dev.portcullis.core.port.in.LookUpDirectory;
import dev.portcullis.core.port.out.DirectoryPort;
import dev.portcullis.core.port.out.DirectoryPort.Entry;
import dev.portcullis.core.port.out.DirectoryUnavailableException;
import java.util.List;

/** Finds users, groups, roles and applications in the directory, never more than asked for. */
public final class LookUpDirectoryService implements LookUpDirectory {

    private final DirectoryPort directory;

    public LookUpDirectoryService(DirectoryPort directory) {
        this.directory = directory;
    }

    @Override
    public List<Entry> find(Search search) {
        if (!directory.connected()) {
            // An empty answer would say "nobody matches"; the truth is that nobody can be looked up.
            throw new DirectoryUnavailableException("no directory is configured (portcullis.directory.keycloak-url and"
                    + " portcullis.directory.client-secret)", null);
        }
        return directory.search(search.kind(), search.text(), search.top()).stream().limit(search.top()).toList();
    }
}
