package dev.portcullis.adapters.persistence.jpa;

import dev.portcullis.core.evaluation.PolicyOutcome;
import dev.portcullis.core.signinlog.SignInRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policies one sign-in was evaluated against, each with the result it has where it did not
 * apply: the same for every sign-in under one set of policies, so kept once (its id is a hash of it)
 * rather than as a row per policy and sign-in. A policy's sign-ins it did not apply to are the
 * sign-ins of the sets naming it less those it applied to.
 *
 * @param text the members as stored, {@code |id=RESULT|} each, by policy id
 */
public record PolicySet(String id, String text, List<Member> members) {

    /** A policy of the set and the result it has where it did not apply. */
    public record Member(String policyId, PolicyOutcome.Result notApplied) {}

    public PolicySet {
        members = List.copyOf(members);
    }

    /** The set a record was evaluated against; a policy named twice counts once. */
    public static PolicySet of(SignInRecord record) {
        Map<String, PolicyOutcome.Result> members = new LinkedHashMap<>();
        record.policyOutcomes().stream().sorted(java.util.Comparator.comparing(PolicyOutcome::policyId))
                .forEach(o -> members.putIfAbsent(o.policyId(), notApplied(o.result())));
        StringBuilder text = new StringBuilder();
        members.forEach((id, result) -> text.append('|').append(id).append('=').append(result.name()).append('|'));
        return parsed(sha256(text.toString()), text.toString());
    }

    /** A set as stored. */
    public static PolicySet parsed(String id, String text) {
        List<Member> members = Arrays.stream(text.split("\\|")).filter(m -> !m.isEmpty()).map(m -> {
            int at = m.lastIndexOf('=');
            return new Member(m.substring(0, at), PolicyOutcome.Result.valueOf(m.substring(at + 1)));
        }).toList();
        return new PolicySet(id, text, members);
    }

    /**
     * What a result would have been had its policy not applied (report-only or not, or off): a
     * sign-in a policy applied to counts as one of its set's less under that result.
     */
    public static PolicyOutcome.Result notApplied(PolicyOutcome.Result result) {
        return switch (result) {
            case REPORT_ONLY_SUCCESS, REPORT_ONLY_FAILURE, REPORT_ONLY_INTERRUPTED -> PolicyOutcome.Result.REPORT_ONLY_NOT_APPLIED;
            case SUCCESS, FAILURE, INTERRUPTED -> PolicyOutcome.Result.NOT_APPLIED;
            case NOT_APPLIED, NOT_ENABLED, REPORT_ONLY_NOT_APPLIED -> result;
        };
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
