package dev.portcullis.core.service;

import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.port.out.Stored;
import dev.portcullis.core.signinlog.SignInRecord;
import dev.portcullis.core.tap.TemporaryAccessPass;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The uses of temporary access passes that nodes report in sign-in records: a one-time pass is
 * marked used (Graph's {@code OneTimeUsed}), and each use goes into the audit log with the user as
 * the actor and the pass as shown (never the pass, never its verifier). Only records the sign-in
 * log kept now are read, so a node's retry records nothing twice.
 */
final class TemporaryAccessPassUses {

    /** An audit entry's correlation id is an id of a change set (a UUID): a node's longer one is left out. */
    private static final int MAX_CORRELATION_ID = 64;

    private final DocumentStore<TemporaryAccessPass> passes;
    private final AuditLogPort audit;

    TemporaryAccessPassUses(DocumentStore<TemporaryAccessPass> passes, AuditLogPort audit) {
        this.passes = passes;
        this.audit = audit;
    }

    void record(List<SignInRecord> kept) {
        for (SignInRecord record : kept) {
            for (String methodId : TemporaryAccessPass.usedIn(record.decisionDetails())) {
                Optional<Stored<TemporaryAccessPass>> stored = passes.find(record.userId())
                        .filter(s -> s.value().id().equals(methodId));
                Optional<TemporaryAccessPass> before = stored.map(Stored::value);
                Optional<TemporaryAccessPass> after = before.map(p -> p.usedAt(record.time()));
                if (stored.isPresent() && !after.equals(before)) {
                    // A one-time pass is spent: the next snapshot no longer has it, even for a node that forgot its claim.
                    passes.replace(record.userId(), stored.get().version(), stored.get().displayName(), after.get());
                }
                // The login's correlation id finds its sign-ins in the sign-in log; the pass as shown names the method.
                audit.append(new AuditLogPort.Entry<>(UUID.randomUUID().toString(), record.time(), record.userId(),
                        "use temporary access pass of user", DocumentKind.TEMPORARY_ACCESS_PASS, record.userId(),
                        before.map(TemporaryAccessPass::shown), after.map(TemporaryAccessPass::shown),
                        record.correlationId().filter(c -> c.length() <= MAX_CORRELATION_ID)));
            }
        }
    }
}
