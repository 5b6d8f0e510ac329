package dev.portcullis.core.service;

import dev.portcullis.core.port.out.DocumentCodec;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.SaveDocumentPort;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.StoredDocument;
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

    private final LoadDocumentsPort load;
    private final SaveDocumentPort save;
    private final DocumentCodec<RiskyUser> codec;

    RiskyUserRecords(LoadDocumentsPort load, SaveDocumentPort save, DocumentCodec<RiskyUser> codec) {
        this.load = load;
        this.save = save;
        this.codec = codec;
    }

    List<RiskyUser> all() {
        return load.loadAll(DocumentKind.RISKY_USER).stream().map(doc -> codec.decode(doc.json())).toList();
    }

    Optional<RiskyUser> find(String userId) {
        return load.load(DocumentKind.RISKY_USER, userId).map(doc -> codec.decode(doc.json()));
    }

    String encode(RiskyUser user) {
        return codec.encode(user);
    }

    /** Read-modify-write, retried when another writer got there first; whether a document was there or made. */
    boolean change(String userId, List<Change> changes) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<StoredDocument> current = load.load(DocumentKind.RISKY_USER, userId);
            Optional<RiskyUser> before = current.map(doc -> codec.decode(doc.json()));
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
            String text = codec.encode(after.get());
            SaveResult result = current.isEmpty()
                    ? save.create(DocumentKind.RISKY_USER, userId, userId, text)
                    : save.replace(DocumentKind.RISKY_USER, userId, current.get().version(), userId, text);
            if (result instanceof SaveResult.Saved) {
                return true;
            }
        }
        throw new IllegalStateException("risky user " + userId + " kept changing: 10 attempts lost the race");
    }
}
