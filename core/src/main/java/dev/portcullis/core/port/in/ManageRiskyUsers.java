package dev.portcullis.core.port.in;

import dev.portcullis.core.risk.RiskAssessment;
import dev.portcullis.core.risk.RiskyUser;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Users' risk as the control plane learnt it, and an administrator's verdict on it. */
public interface ManageRiskyUsers {

    /** A user's risk events with what they add up to now. */
    record Assessed(RiskyUser user, RiskAssessment assessment, String riskState) {}

    /** @param userIds at least one */
    record Verdict(List<String> userIds, String actor) {
        public Verdict {
            userIds = List.copyOf(userIds);
            if (userIds.isEmpty()) {
                throw new IllegalArgumentException("a verdict names at least one user");
            }
            Objects.requireNonNull(actor, "actor");
        }
    }

    List<Assessed> list();

    Optional<Assessed> get(String userId);

    /** Each user's risk becomes high until their password changes. */
    void confirmCompromised(Verdict verdict);

    /** The administrator judged the risk false: what came before no longer counts. */
    void dismiss(Verdict verdict);
}
