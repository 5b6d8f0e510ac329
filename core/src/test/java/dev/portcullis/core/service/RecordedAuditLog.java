package dev.portcullis.core.service;

import dev.portcullis.core.port.out.AuditLogPort;
import java.util.ArrayList;
import java.util.List;

/** An audit log for the services' tests: it keeps what they append, in order, for the test to read. */
final class RecordedAuditLog implements AuditLogPort {

    final List<Entry<?>> entries = new ArrayList<>();

    @Override
    public void append(Entry<?> entry) {
        entries.add(entry);
    }

    @Override
    public List<Kept> recent(int skip, int top) {
        throw new UnsupportedOperationException("the services only append");
    }
}
