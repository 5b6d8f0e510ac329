package dev.portcullis.core.service;

import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.DocumentResult;
import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.port.out.SaveResult;
import dev.portcullis.core.port.out.Stored;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Whole documents reported by a source of truth outside Portcullis (an MDM's device syncs): each
 * created or replaced whatever version is stored, in the order given, the last report winning. The
 * reports of one call are read in one query and written in one transaction; a report that changes
 * nothing a reader of the store needs ({@code changesNothing}) stores nothing. When the database
 * refuses that transaction as a whole (a document created beside it, say), each report is tried on
 * its own, so that one report's failure is its own and the rest are stored.
 */
final class WholeReports<T> {

    /** A concurrent report can win between read and write: read again and retry, this many times. */
    private static final int ATTEMPTS = 5;

    private final DocumentService<T> documents;
    private final DocumentType<T> type;
    private final DocumentService.Ports ports;
    private final DocumentStore<T> store;

    WholeReports(DocumentService<T> documents, DocumentType<T> type, DocumentService.Ports ports) {
        this.documents = documents;
        this.type = type;
        this.ports = ports;
        this.store = type.store();
    }

    /** What a report did, and whether it stored anything to announce. */
    private record Reported<T>(DocumentResult<T> result, boolean stored) {}

    List<DocumentResult<T>> replaceWhatever(List<DocumentService.Whole<T>> reports, BiPredicate<T, T> changesNothing) {
        List<Reported<T>> done;
        try {
            done = ports.transactions().inOne(() -> reportNow(reports, changesNothing));
        } catch (RuntimeException e) {
            if (reports.size() == 1) {
                throw e;
            }
            done = reports.stream().map(report -> alone(report, changesNothing)).toList();
        }
        return done.stream().map(r -> r.stored() ? documents.announced(r.result()) : r.result()).toList();
    }

    private Reported<T> alone(DocumentService.Whole<T> report, BiPredicate<T, T> changesNothing) {
        try {
            return ports.transactions().inOne(() -> reportNow(List.of(report), changesNothing)).get(0);
        } catch (RuntimeException e) {
            return new Reported<>(busy(report.id(), "could not be stored beside a concurrent write"), false);
        }
    }

    /**
     * Reads every reported document in one query, writes those that change something in one round
     * ({@link DocumentStore#writeEach}), and retries one by one those another writer got to first.
     */
    private List<Reported<T>> reportNow(List<DocumentService.Whole<T>> reports, BiPredicate<T, T> changesNothing) {
        Map<String, Stored<T>> stored = new HashMap<>();
        store.findEach(reports.stream().filter(r -> r.read().ok()).map(DocumentService.Whole::id).toList())
                .forEach(document -> stored.put(document.id(), document));
        if (new HashSet<>(reports.stream().map(DocumentService.Whole::id).toList()).size() < reports.size()) {
            // A document reported twice: in order, each report seeing the one before.
            return reports.stream().map(report -> reportOne(report, Optional.ofNullable(stored.get(report.id())),
                    changesNothing, stored)).toList();
        }
        List<Reported<T>> done = new ArrayList<>(Collections.nCopies(reports.size(), null));
        List<Integer> writing = new ArrayList<>();
        List<DocumentStore.Write<T>> writes = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            DocumentService.Whole<T> report = reports.get(i);
            Optional<Stored<T>> current = Optional.ofNullable(stored.get(report.id()));
            Optional<Reported<T>> settled = settled(report, current, changesNothing);
            if (settled.isPresent()) {
                done.set(i, settled.get());
            } else {
                T value = report.read().value().orElseThrow();
                writing.add(i);
                writes.add(new DocumentStore.Write<>(report.id(), current.map(Stored::version),
                        type.displayName().apply(value), value));
            }
        }
        List<SaveResult<T>> results = writes.isEmpty() ? List.of() : store.writeEach(writes);
        for (int w = 0; w < writing.size(); w++) {
            int i = writing.get(w);
            DocumentService.Whole<T> report = reports.get(i);
            Optional<Stored<T>> before = Optional.ofNullable(stored.get(report.id()));
            done.set(i, results.get(w) instanceof SaveResult.Saved<T> saved ? audited(report, before, saved)
                    : reportOne(report, store.find(report.id()), changesNothing, stored));
        }
        return done;
    }

    /** The answer to a report that needs no write: it is invalid, or changes nothing. */
    private Optional<Reported<T>> settled(DocumentService.Whole<T> report, Optional<Stored<T>> current,
            BiPredicate<T, T> changesNothing) {
        Checked<T> read = report.read();
        if (!read.ok()) {
            return Optional.of(new Reported<>(new DocumentResult.Invalid<>(read.errors()), false));
        }
        if (current.isPresent() && changesNothing.test(read.value().orElseThrow(), current.get().value())) {
            // Nothing to store, audit or announce: the stored document stands.
            return Optional.of(new Reported<>(new DocumentResult.Written<>(current.get().versioned(), false,
                    read.warnings()), false));
        }
        return Optional.empty();
    }

    /**
     * One report on its own, reading again after a lost race.
     *
     * @param stored the documents as this transaction knows them, kept up to date as it writes
     */
    private Reported<T> reportOne(DocumentService.Whole<T> report, Optional<Stored<T>> read,
            BiPredicate<T, T> changesNothing, Map<String, Stored<T>> stored) {
        Optional<Stored<T>> current = read;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Reported<T>> settled = settled(report, current, changesNothing);
            if (settled.isPresent()) {
                return settled.get();
            }
            T value = report.read().value().orElseThrow();
            String name = type.displayName().apply(value);
            SaveResult<T> result = current.isEmpty() ? store.create(report.id(), name, value)
                    : store.replace(report.id(), current.get().version(), name, value);
            if (result instanceof SaveResult.Saved<T> saved) {
                stored.put(report.id(), saved.document());
                return audited(report, current, saved);
            }
            current = store.find(report.id());
        }
        return new Reported<>(busy(report.id(), "kept changing while it was written"), false);
    }

    private Reported<T> audited(DocumentService.Whole<T> report, Optional<Stored<T>> before, SaveResult.Saved<T> saved) {
        documents.audit(report.actor(), before.isEmpty() ? "create" : "update", List.of(), report.id(),
                before.map(Stored::value), Optional.of(saved.document().value()));
        return new Reported<>(new DocumentResult.Written<>(saved.document().versioned(), before.isEmpty(),
                report.read().warnings()), true);
    }

    private DocumentResult<T> busy(String id, String why) {
        return new DocumentResult.Busy<>("the " + type.noun() + " '" + id + "' " + why + ": send it again");
    }
}
