package dev.portcullis.core.service;

import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.ReadLogs;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.port.out.SignInLogPort;
import dev.portcullis.core.port.out.Stored;
import dev.portcullis.core.signinlog.ReportOnlyImpact;
import dev.portcullis.core.signinlog.SignInRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The logs as kept; a policy's impact is counted over every sign-in of its period, read page by page. */
public final class ReadLogsService implements ReadLogs {

    private final DocumentStore<ConditionalAccessPolicy> policies;
    private final SignInLogPort signIns;
    private final AuditLogPort audit;

    public ReadLogsService(DocumentStore<ConditionalAccessPolicy> policies, SignInLogPort signIns, AuditLogPort audit) {
        this.policies = policies;
        this.signIns = signIns;
        this.audit = audit;
    }

    @Override
    public List<SignInRecord> signIns(SignInLogPort.Query query) {
        return signIns.query(query);
    }

    @Override
    public List<AuditLogPort.Kept> audit(int skip, int top) {
        return audit.recent(skip, top);
    }

    @Override
    public Optional<Checked<Impact>> impact(String policyId, Checked<Period> period) {
        Optional<Stored<ConditionalAccessPolicy>> policy = policies.find(policyId);
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        if (!period.ok()) {
            return Optional.of(Checked.invalid(period.errors()));
        }
        Instant from = period.value().orElseThrow().from();
        Instant to = period.value().orElseThrow().to();
        List<SignInRecord> records = signIns.evaluating(policyId, from, to);
        return Optional.of(Checked.valid(new Impact(policy.get().displayName(), ReportOnlyImpact.of(policyId, records)),
                List.of()));
    }
}
