package dev.portcullis.core.signinlog;

import dev.portcullis.core.evaluation.PolicyOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct users a report-only policy would have prompted or blocked, most recent sign-in first,
 * with how many of their sign-ins it would have prompted and blocked: the pilot group to tell before
 * the policy is switched on.
 */
public record AffectedUsers(List<User> users) {

    public AffectedUsers {
        users = List.copyOf(users);
    }

    /** One user and what the policy would have done to their sign-ins. */
    public record User(String userId, int wouldPrompt, int wouldBlock) {
        /** Prompted at least once: the one a notice about MFA is for. */
        public boolean prompted() {
            return wouldPrompt > 0;
        }
    }

    /** @param records newest first, as the sign-in log gives them */
    public static AffectedUsers of(String policyId, List<SignInRecord> records) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (SignInRecord record : records) {
            for (PolicyOutcome outcome : record.policyOutcomes()) {
                if (!outcome.policyId().equals(policyId)) {
                    continue;
                }
                switch (outcome.result()) {
                    case REPORT_ONLY_INTERRUPTED -> counts.computeIfAbsent(record.userId(), u -> new int[2])[0]++;
                    case REPORT_ONLY_FAILURE -> counts.computeIfAbsent(record.userId(), u -> new int[2])[1]++;
                    default -> {
                        // passed, not applied or enforced: nobody to tell
                    }
                }
            }
        }
        return new AffectedUsers(counts.entrySet().stream()
                .map(e -> new User(e.getKey(), e.getValue()[0], e.getValue()[1])).toList());
    }

    public List<User> prompted() {
        return users.stream().filter(User::prompted).toList();
    }
}
