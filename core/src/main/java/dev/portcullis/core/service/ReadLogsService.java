package dev.portcullis.core.service;

import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.ReadLogs;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.DocumentKind;
import dev.portcullis.core.port.out.LoadDocumentsPort;
import dev.portcullis.core.port.out.SignInLogPort;
import dev.portcullis.core.port.out.StoredDocument;
import dev.portcullis.core.signinlog.ReportOnlyImpact;
import dev.portcullis.core.signinlog.SignInRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The logs as kept; a policy's impact is counted over every sign-in of its period, read page by page. */
public final class ReadLogsService implements ReadLogs {

    private static final int PAGE = 1000;

    private final LoadDocumentsPort load;
    private final SignInLogPort signIns;
    private final AuditLogPort audit;

    public ReadLogsService(LoadDocumentsPort load, SignInLogPort signIns, AuditLogPort audit) {
        this.load = load;
        this.signIns = signIns;
        this.audit = audit;
    }

    @Override
    public List<SignInRecord> signIns(SignInLogPort.Query query) {
        return signIns.query(query);
    }

    @Override
    public List<AuditLogPort.Entry> audit(int skip, int top) {
        return audit.recent(skip, top);
    }

    @Override
    public Optional<Checked<Impact>> impact(String policyId, Checked<Period> period) {
        Optional<StoredDocument> policy = load.load(DocumentKind.POLICY, policyId);
        if (policy.isEmpty()) {
            return Optional.empty();
        }
        if (!period.ok()) {
            return Optional.of(Checked.invalid(period.errors()));
        }
        Instant from = period.value().orElseThrow().from();
        Instant to = period.value().orElseThrow().to();
        List<SignInRecord> records = new ArrayList<>();
        for (int skip = 0; ; skip += PAGE) {
            List<SignInRecord> page = signIns.query(new SignInLogPort.Query(Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(policyId), Optional.of(from), Optional.of(to), skip, PAGE));
            records.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
        }
        return Optional.of(Checked.valid(new Impact(policy.get().displayName(), ReportOnlyImpact.of(policyId, records)),
                List.of()));
    }
}
