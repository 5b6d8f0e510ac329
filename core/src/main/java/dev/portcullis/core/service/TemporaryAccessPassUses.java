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
 * The uses of temporary access passes that nodes report in sign-in records, into the audit log:
 * the user is the actor, the pass as shown (never the pass, never its verifier) is the document.
 * Only records the sign-in log kept now are read, so a node's retry audits nothing twice.
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

    void audit(List<SignInRecord> kept) {
        for (SignInRecord record : kept) {
            for (String methodId : TemporaryAccessPass.usedIn(record.decisionDetails())) {
                Optional<TemporaryAccessPass> pass = passes.find(record.userId()).map(Stored::value)
                        .filter(p -> p.id().equals(methodId)).map(TemporaryAccessPass::shown);
                // The login's correlation id finds its sign-ins in the sign-in log; the pass as shown names the method.
                audit.append(new AuditLogPort.Entry<>(UUID.randomUUID().toString(), record.time(), record.userId(),
                        "use temporary access pass of user", DocumentKind.TEMPORARY_ACCESS_PASS, record.userId(), pass,
                        pass, record.correlationId().filter(c -> c.length() <= MAX_CORRELATION_ID)));
            }
        }
    }
}
