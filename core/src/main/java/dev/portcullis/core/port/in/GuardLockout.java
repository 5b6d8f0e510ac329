package dev.portcullis.core.port.in;

import dev.portcullis.core.evaluation.PolicySet;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import java.util.List;

/** Whether a change of the policies would lock the directory's administrators out. */
public interface GuardLockout {

    /**
     * Writing one policy over the stored ones. Fail secure: when the directory cannot answer, that is a refusal.
     *
     * @param actor who asks: their own access counts like an administrator's
     * @return why the change is refused; empty when it is safe (or no directory is configured)
     */
    List<String> refusals(ConditionalAccessPolicy after, String actor);

    /** The guard's word on several proposed policy sets, or why it has none. */
    sealed interface Judgement {
        /** @param refusals for each proposed set, in order, why it is refused (empty when safe) */
        record Judged(List<List<String>> refusals) implements Judgement {}

        record NoDirectory() implements Judgement {}

        record DirectoryUnavailable(String reason) implements Judgement {}
    }

    /** Each proposed set against {@code before}, for the same administrators (an import: as imported, as enabled). */
    Judgement judge(PolicySet before, List<PolicySet> proposed, String actor);
}
