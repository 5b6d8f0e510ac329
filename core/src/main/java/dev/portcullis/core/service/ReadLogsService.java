package dev.portcullis.core.service;

import dev.portcullis.core.port.in.Checked;
import dev.portcullis.core.port.in.ReadLogs;
import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.port.out.DocumentStore;
import dev.portcullis.core.port.out.SignInLogPort;
import dev.portcullis.core.port.out.Stored;
import dev.portcullis.core.signinlog.DailyImpact;
import dev.portcullis.core.signinlog.DailyOutcomeCount;
import dev.portcullis.core.signinlog.OutcomeCount;
import dev.portcullis.core.signinlog.PolicyInsight;
import dev.portcullis.core.signinlog.ReportOnlyImpact;
import dev.portcullis.core.signinlog.SignInRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The logs as kept; a policy's impact and the insights are summed from the log's counts of each
 * policy's results over the period (those a policy did not apply to count as not applied).
 */
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
        Period read = period.value().orElseThrow();
        // One aggregate: the period's figures are its days' summed.
        List<DailyOutcomeCount> daily = signIns.dailyOutcomeCounts(policyId, read.from(), read.to());
        ReportOnlyImpact impact = ReportOnlyImpact.counted(policyId,
                daily.stream().map(d -> new OutcomeCount(policyId, d.result(), d.count())).toList());
        List<DailyImpact> days = DailyImpact.counted(policyId, daily);
        return Optional.of(Checked.valid(new Impact(policy.get().displayName(), impact, days), List.of()));
    }

    @Override
    public Checked<List<PolicyInsight>> insights(Checked<Period> period) {
        if (!period.ok()) {
            return Checked.invalid(period.errors());
        }
        Period read = period.value().orElseThrow();
        List<PolicyInsight.Policy> stored = policies.all().stream()
                .map(p -> new PolicyInsight.Policy(p.id(), p.displayName(), p.value().state()))
                .sorted(Comparator.comparing(PolicyInsight.Policy::displayName).thenComparing(PolicyInsight.Policy::id))
                .toList();
        return Checked.valid(PolicyInsight.counted(stored, signIns.outcomeCounts(read.from(), read.to())), List.of());
    }
}
