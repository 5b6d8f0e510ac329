package dev.portcullis.core.service;

import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.Stored;
import dev.portcullis.core.risk.RiskyUser;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * User risk as the control plane keeps it: one document per user with the events that speak to a
 * compromise, changed read-modify-write with the document's version so concurrent ingests lose
 * nothing. What the snapshot publishes is assessed from these when it is built.
 */
final class RiskyUserRecords {

    /**
     * One change to a user's risk.
     *
     * @param create whether a user with no document gets one (a remediation of nothing creates nothing)
     */
    record Change(boolean create, UnaryOperator<RiskyUser> apply) {}

    private final DocumentStore<RiskyUser> store;

    RiskyUserRecords(DocumentStore<RiskyUser> store) {
        this.store = store;
    }

    List<RiskyUser> all() {
        return store.all().stream().map(Stored::value).toList();
    }

    Optional<RiskyUser> find(String userId) {
        return store.find(userId).map(Stored::value);
    }

    /** Read-modify-write, retried when another writer got there first; whether a document was there or made. */
    boolean change(String userId, List<Change> changes) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<Stored<RiskyUser>> current = store.find(userId);
            Optional<RiskyUser> before = current.map(Stored::value);
            Optional<RiskyUser> after = before;
            for (Change change : changes) {
                if (after.isPresent() || change.create()) {
                    after = Optional.of(change.apply().apply(after.orElse(RiskyUser.none(userId))));
                }
            }
            if (after.isEmpty()) {
                return false;
            }
            if (after.equals(before)) {
                return true;
            }
            SaveResult<RiskyUser> result = current.isEmpty()
                    ? store.create(userId, userId, after.get())
                    : store.replace(userId, current.get().version(), userId, after.get());
            if (result instanceof SaveResult.Saved) {
                return true;
            }
        }
        throw new IllegalStateException("risky user " + userId + " kept changing: 10 attempts lost the race");
    }
}
