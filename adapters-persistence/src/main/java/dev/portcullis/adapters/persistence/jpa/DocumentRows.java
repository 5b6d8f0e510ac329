package dev.portcullis.adapters.persistence.jpa;

import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.Stored;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * An MDM's device syncs on {@code portcullis_document}: many documents read, and many written, in
 * plain JDBC on the transaction's connection. Through Hibernate, a multi-load of a composite key
 * built its select anew on every call, and with the entities it managed and the flush that compared
 * them it took a third of a stored sync's CPU (JFR, BENCHMARKS.md); these paths need no managed
 * entity. A replacement is an update of the version the writer read ({@code where version = ?}), so
 * no row is locked by a read first: a writer that lost a race updates nothing and is told the
 * version it lost to. Rows are written in key order, so two batches of the same devices never wait
 * for each other in a circle. The fact feed's marks, and the snapshot version for other kinds, go
 * with the writes, as {@link JpaDocumentStore#changed} does for one write.
 */
final class DocumentRows {

    private static final String COLUMNS = "id, display_name, json, version, modified_at";
    /** Columns in the order {@link #INSERT} and {@link #UPDATE} bind them: name, text, time, kind, id. */
    private static final String INSERT = "insert into portcullis_document (display_name, json, modified_at, kind, id, version)"
            + " values (?, ?, ?, ?, ?, 0)";
    private static final String UPDATE = "update portcullis_document set display_name = ?, json = ?, modified_at = ?,"
            + " version = version + 1 where kind = ? and id = ? and version = ?";
    /** A fact's change pending again (see {@link PendingFacts}); the first of a fact makes its row. */
    private static final String MARK = "update portcullis_fact_change set seq = null where kind = ? and id = ?";
    private static final String MARK_FIRST = "insert into portcullis_fact_change (kind, id, seq) values (?, ?, null)";

    private final SessionImplementor session;
    private final DocumentKind kind;

    private DocumentRows(DocumentKind kind) {
        this.session = DocumentEntity.getSession().unwrap(SessionImplementor.class);
        this.kind = kind;
        // What Hibernate holds unsent is sent first, so these statements see it.
        session.flush();
    }

    /** The documents with these ids that exist, in the order asked, each once. */
    static List<Stored<String>> read(DocumentKind kind, Collection<String> ids) {
        DocumentRows rows = new DocumentRows(kind);
        List<String> wanted = List.copyOf(new LinkedHashSet<>(ids));
        Map<String, Stored<String>> found = new HashMap<>();
        rows.select(COLUMNS, wanted, row -> found.put(row.getString(1),
                new Stored<>(row.getString(1), row.getString(2), row.getString(3),
                        DocumentEntity.documentVersion(row.getLong(4)), row.getObject(5, OffsetDateTime.class).toInstant())));
        return wanted.stream().filter(found::containsKey).map(found::get).toList();
    }

    /** See {@link DocumentStore#writeEach}: in rounds where each id is written once, a later round seeing the earlier. */
    static List<SaveResult<String>> write(DocumentKind kind, List<DocumentStore.Write<String>> writes, Instant now) {
        DocumentRows rows = new DocumentRows(kind);
        List<SaveResult<String>> results = new ArrayList<>(writes.size());
        int start = 0;
        while (start < writes.size()) {
            Set<String> round = new HashSet<>();
            int end = start;
            while (end < writes.size() && round.add(writes.get(end).id())) {
                end++;
            }
            results.addAll(rows.writeRound(writes.subList(start, end), now));
            start = end;
        }
        return results;
    }

    /**
     * What a round does: the answers of the writes refused, from the versions stored, and which of the
     * others create a row and which update one.
     */
    private record Plan(List<SaveResult<String>> answers, List<Integer> inserts, List<Integer> updates) {

        static Plan of(List<DocumentStore.Write<String>> writes, Map<String, Long> versions) {
            Plan plan = new Plan(new ArrayList<>(Collections.nCopies(writes.size(), null)), new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < writes.size(); i++) {
                DocumentStore.Write<String> write = writes.get(i);
                Long current = versions.get(write.id());
                if (write.expectedVersion().isEmpty()) {
                    if (current == null) {
                        plan.inserts.add(i);
                    } else {
                        plan.answers.set(i, new SaveResult.AlreadyExists<>());
                    }
                } else if (current == null) {
                    plan.answers.set(i, new SaveResult.NotFound<>());
                } else if (current.equals(write.expectedVersion().get())) {
                    plan.updates.add(i);
                } else {
                    plan.answers.set(i, new SaveResult.VersionConflict<>(current));
                }
            }
            Comparator<Integer> byId = Comparator.comparing(i -> writes.get(i).id());
            plan.inserts.sort(byId);
            plan.updates.sort(byId);
            return plan;
        }
    }

    private List<SaveResult<String>> writeRound(List<DocumentStore.Write<String>> writes, Instant now) {
        Plan plan = Plan.of(writes, versions(writes.stream().map(DocumentStore.Write::id).toList()));
        forget(writes);
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        send(INSERT, plan.inserts(), writes::get, (s, w) -> bindRow(s, w, at));
        int[] updated = send(UPDATE, plan.updates(), writes::get, (s, w) -> {
            bindRow(s, w, at);
            s.setLong(6, DocumentEntity.rowVersion(w.expectedVersion().orElseThrow()));
        });
        List<SaveResult<String>> answers = plan.answers();
        List<String> saved = new ArrayList<>();
        plan.inserts().forEach(i -> answers.set(i, saved(writes.get(i), 1, now, saved)));
        for (int u = 0; u < updated.length; u++) {
            DocumentStore.Write<String> write = writes.get(plan.updates().get(u));
            answers.set(plan.updates().get(u), counted(updated[u]) == 1
                    ? saved(write, write.expectedVersion().orElseThrow() + 1, now, saved) : lostTo(write.id()));
        }
        if (!saved.isEmpty()) {
            changed(saved);
        }
        return answers;
    }

    /** name, text, time, kind, id: the first five columns of {@link #INSERT} and {@link #UPDATE}. */
    private void bindRow(PreparedStatement statement, DocumentStore.Write<String> write, OffsetDateTime at) throws SQLException {
        statement.setString(1, write.displayName());
        statement.setString(2, write.value());
        statement.setObject(3, at);
        statement.setString(4, kind.name());
        statement.setString(5, write.id());
    }

    private static SaveResult<String> saved(DocumentStore.Write<String> write, long version, Instant now, List<String> saved) {
        saved.add(write.id());
        return new SaveResult.Saved<>(new Stored<>(write.id(), write.displayName(), write.value(), version, now));
    }

    /** The answer to an update another writer got to after this round read the versions. */
    private SaveResult<String> lostTo(String id) {
        Long current = versions(List.of(id)).get(id);
        return current == null ? new SaveResult.NotFound<>() : new SaveResult.VersionConflict<>(current);
    }

    /**
     * Marks the facts written pending in the fact feed, making the mark of a fact that has none; a
     * write of another kind raises the snapshot version, once for the round.
     */
    private void changed(List<String> ids) {
        if (!kind.isFact()) {
            JpaDocumentStore.bumpSnapshotVersion();
            return;
        }
        List<String> sorted = ids.stream().sorted().toList();
        int[] marked = send(MARK, indexes(sorted), sorted::get, (s, id) -> bind(s, kind.name(), id));
        List<Integer> unmarked = IntStream.range(0, marked.length).filter(i -> counted(marked[i]) == 0).boxed().toList();
        send(MARK_FIRST, unmarked, sorted::get, (s, id) -> bind(s, kind.name(), id));
    }

    /** The stored versions (as documents count them) of those of these ids that exist. */
    private Map<String, Long> versions(List<String> ids) {
        Map<String, Long> versions = new HashMap<>();
        select("id, version", ids, row -> versions.put(row.getString(1), DocumentEntity.documentVersion(row.getLong(2))));
        return versions;
    }

    /** Rows about to change here must not stay in Hibernate's hands as they were. */
    private void forget(List<DocumentStore.Write<String>> writes) {
        EntityPersister persister = session.getFactory().getMappingMetamodel().getEntityDescriptor(DocumentEntity.class);
        for (DocumentStore.Write<String> write : writes) {
            Object managed = session.getPersistenceContextInternal()
                    .getEntity(session.generateEntityKey(new DocumentKey(kind.name(), write.id()), persister));
            if (managed != null) {
                session.detach(managed);
            }
        }
    }

    /** Rows an update changed; a driver that does not say (Statement.SUCCESS_NO_INFO) must not pass for one that did. */
    private static int counted(int count) {
        if (count < 0) {
            throw new IllegalStateException("the JDBC driver did not count the rows an update changed (" + count + ")");
        }
        return count;
    }

    private interface Row {
        void read(ResultSet row) throws SQLException;
    }

    private interface Binder<W> {
        void bind(PreparedStatement statement, W item) throws SQLException;
    }

    /** {@code columns} of this kind's rows with these ids, a query per {@link JpaDocumentStore#IDS_PER_QUERY} ids. */
    private void select(String columns, List<String> ids, Row row) {
        for (int from = 0; from < ids.size(); from += JpaDocumentStore.IDS_PER_QUERY) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + JpaDocumentStore.IDS_PER_QUERY));
            String sql = "select " + columns + " from portcullis_document where kind = ? and id in ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            session.doWork(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setString(1, kind.name());
                    for (int i = 0; i < chunk.size(); i++) {
                        statement.setString(i + 2, chunk.get(i));
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            row.read(rows);
                        }
                    }
                }
            });
        }
    }

    /** One JDBC batch of {@code sql}, an item at each of these indexes, in their order; the rows each changed. */
    private <W> int[] send(String sql, List<Integer> indexes, IntFunction<W> items, Binder<W> binder) {
        if (indexes.isEmpty()) {
            return new int[0];
        }
        return session.doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int index : indexes) {
                    binder.bind(statement, items.apply(index));
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
    }

    private static void bind(PreparedStatement statement, String... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setString(i + 1, values[i]);
        }
    }

    private static List<Integer> indexes(List<?> items) {
        return IntStream.range(0, items.size()).boxed().toList();
    }
}
