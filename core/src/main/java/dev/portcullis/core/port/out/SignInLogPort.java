package dev.portcullis.core.port.out;

import dev.portcullis.core.signinlog.AffectedUsers;
import dev.portcullis.core.signinlog.DailyOutcomeCount;
import dev.portcullis.core.signinlog.OutcomeCount;
import dev.portcullis.core.signinlog.SignInRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The sign-in log: records shipped by Keycloak nodes, kept and queried. */
public interface SignInLogPort {

    /**
     * Appends records; a record whose id is already kept is ignored (nodes retry).
     *
     * @return the records kept by this call, in order: what a retry sent again is not among them
     */
    List<SignInRecord> append(List<SignInRecord> records);

    /** Newest first; every filter is optional. */
    List<SignInRecord> query(Query query);

    /** Every record of the period in which the policy was evaluated, newest first, read a page at a time. */
    default List<SignInRecord> evaluating(String policyId, Instant from, Instant to) {
        return whole(Optional.of(policyId), from, to);
    }

    /**
     * Every record of the period, whatever policies it names, newest first, read a page at a time:
     * what the counts below are taken from where the log has no aggregate of its own (in memory).
     */
    default List<SignInRecord> during(Instant from, Instant to) {
        return whole(Optional.empty(), from, to);
    }

    /**
     * How many times each policy had each result in the records of the period, every outcome
     * counted (not applied too), in no particular order: what the insights and a policy's impact
     * sum. A database counts them with an aggregate; this default counts the records read whole.
     */
    default List<OutcomeCount> outcomeCounts(Instant from, Instant to) {
        return OutcomeCount.of(during(from, to));
    }

    /** One policy's results in the records of the period by UTC day, in no particular order: its impact's days. */
    default List<DailyOutcomeCount> dailyOutcomeCounts(String policyId, Instant from, Instant to) {
        return DailyOutcomeCount.of(policyId, during(from, to));
    }

    /**
     * The users the policy would have prompted or blocked in the period, most recent first: one
     * entry per user, whatever the number of their sign-ins. Two users whose latest such sign-ins
     * share an instant may come in either order (the database orders them by user id).
     */
    default AffectedUsers affectedUsers(String policyId, Instant from, Instant to) {
        return AffectedUsers.of(policyId, evaluating(policyId, from, to));
    }

    private List<SignInRecord> whole(Optional<String> policyId, Instant from, Instant to) {
        List<SignInRecord> records = new java.util.ArrayList<>();
        for (int skip = 0; ; skip += Query.MAX_TOP) {
            List<SignInRecord> page = query(new Query(Optional.empty(), Optional.empty(), Optional.empty(),
                    policyId, Optional.of(from), Optional.of(to), skip, Query.MAX_TOP));
            records.addAll(page);
            if (page.size() < Query.MAX_TOP) {
                return records;
            }
        }
    }

    /**
     * @param policyId records in which this policy applied (enforced or report-only)
     * @param requestId the record with this id (the request id a block page shows)
     * @param correlationId the records of one login (the correlation id a block page shows)
     * @param skip how many matching records to pass over (paging)
     */
    record Query(Optional<String> userId, Optional<String> application, Optional<String> decision,
            Optional<String> policyId, Optional<Instant> from, Optional<Instant> to, Optional<String> requestId,
            Optional<String> correlationId, int skip, int top) {

        /** The largest page one query returns. */
        public static final int MAX_TOP = 1000;

        public Query {
            if (top < 1 || top > MAX_TOP || skip < 0) {
                throw new IllegalArgumentException("top must be 1..1000 and skip not negative");
            }
        }

        public Query(Optional<String> userId, Optional<String> application, Optional<String> decision,
                Optional<String> policyId, Optional<Instant> from, Optional<Instant> to, int skip, int top) {
            this(userId, application, decision, policyId, from, to, Optional.empty(), Optional.empty(), skip, top);
        }
    }
}
