package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.migration.ImportReport;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.port.in.GuardLockout;
import dev.portcullis.core.port.in.PublishSnapshot;
import dev.portcullis.core.port.out.DirectoryPort;
import java.util.ArrayList;
import java.util.List;

/**
 * The lockout guard's word on an import plan: on the import itself (report-only, so nothing), and
 * with each policy enabled as it was exported, which is what an administrator turns on next.
 */
record ImportLockoutView(DirectoryPort directory, PublishSnapshot published, GuardLockout guard) {

    ImportReport.LockoutView judge(List<PlannedDocument> plan, String actor) {
        if (!directory.connected()) {
            return new ImportReport.LockoutView(false, "no directory is configured: the administrators are unknown",
                    List.of(), List.of());
        }
        PolicySet before = published.current().snapshot().policySet();
        List<NamedLocation> locations = new ArrayList<>(before.namedLocations().values());
        plan.forEach(p -> p.location().ifPresent(locations::add));
        List<AuthenticationStrength> strengths = new ArrayList<>(before.customStrengths());
        plan.forEach(p -> p.strength().ifPresent(strengths::add));
        List<ConditionalAccessPolicy> asImported = new ArrayList<>(before.policies());
        List<ConditionalAccessPolicy> enabled = new ArrayList<>(before.policies());
        for (PlannedDocument p : plan) {
            p.policy().ifPresent(policy -> {
                asImported.add(policy);
                enabled.add(policy.withState(p.report().stateInFile().orElse(PolicyState.REPORT_ONLY)));
            });
        }
        GuardLockout.Judgement judgement = guard.judge(before, List.of(PolicySet.of(asImported, locations, strengths),
                PolicySet.of(enabled, locations, strengths)), actor);
        if (judgement instanceof GuardLockout.Judgement.Judged judged) {
            return new ImportReport.LockoutView(true, "", judged.refusals().get(0), judged.refusals().get(1));
        }
        // The directory is configured (checked above), so it could not answer.
        return new ImportReport.LockoutView(false, ((GuardLockout.Judgement.DirectoryUnavailable) judgement).reason(),
                List.of(), List.of());
    }
}
