package dev.portcullis.core.port.in;

import dev.portcullis.core.port.out.AuditLogPort;
import dev.portcullis.core.port.out.SignInLogPort;
import dev.portcullis.core.signinlog.DailyImpact;
import dev.portcullis.core.signinlog.PolicyInsight;
import dev.portcullis.core.signinlog.ReportOnlyImpact;
import dev.portcullis.core.signinlog.SignInRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What administrators and readers look back on: the sign-in log, the audit log, a report-only policy's impact. */
public interface ReadLogs {

    /** Newest first, filtered and paged. */
    List<SignInRecord> signIns(SignInLogPort.Query query);

    /** Every change, newest first. */
    List<AuditLogPort.Kept> audit(int skip, int top);

    /** What a policy did, or would have done, to the sign-ins between two instants, in all and day by day. */
    record Impact(String displayName, ReportOnlyImpact impact, List<DailyImpact> days) {

        public Impact {
            days = List.copyOf(days);
        }
    }

    /** The period to count over, {@code from} not after {@code to}. */
    record Period(Instant from, Instant to) {
        public Period {
            if (from.isAfter(to)) {
                throw new IllegalArgumentException("from must not be after to");
            }
        }
    }

    /**
     * @param period as the front end read it
     * @return empty when no such policy is stored; else the impact, or the period's problems
     */
    Optional<Checked<Impact>> impact(String policyId, Checked<Period> period);

    /**
     * Every stored policy's results over the sign-ins of the period (Entra's insights workbook), in
     * the order of their names.
     *
     * @param period as the front end read it
     * @return the rows, or the period's problems
     */
    Checked<List<PolicyInsight>> insights(Checked<Period> period);
}
