package dev.portcullis.core.tap;

import dev.portcullis.core.RecordComponents;
import dev.portcullis.core.validation.ValidationProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A user's temporary access pass (Graph's temporaryAccessPassAuthenticationMethod), as kept: never
 * the pass itself, only its {@link PassVerifier}. It satisfies MFA only to register a method, and
 * only within its window.
 *
 * @param id the method's id, as Graph names it in {@code .../temporaryAccessPassMethods/{id}}
 * @param lifetimeInMinutes 10 to 43200 (30 days), Entra's bounds
 * @param verifier empty only in what is shown (the audit log, the API): what checks a pass has one
 * @param usedDateTime when a node reported the one use of a one-time pass; empty before (and for other passes)
 */
public record TemporaryAccessPass(String id, String userId, Instant createdDateTime, Instant startDateTime,
        int lifetimeInMinutes, boolean isUsableOnce, Optional<PassVerifier> verifier, Optional<Instant> usedDateTime) {

    public static final int MIN_LIFETIME_IN_MINUTES = 10;
    public static final int MAX_LIFETIME_IN_MINUTES = 43_200;
    public static final int DEFAULT_LIFETIME_IN_MINUTES = 60;
    private static final String USED = "temporaryAccessPass used: ";

    /** Graph's methodUsabilityReason values this pass can have. */
    public enum Usability {
        ENABLED_BY_POLICY("EnabledByPolicy"),
        NOT_YET_VALID("NotYetValid"),
        EXPIRED("Expired"),
        ONE_TIME_USED("OneTimeUsed");

        private final String graphName;

        Usability(String graphName) {
            this.graphName = graphName;
        }

        public String graphName() {
            return graphName;
        }
    }

    public TemporaryAccessPass {
        RecordComponents.requireNonNull("id userId createdDateTime startDateTime verifier usedDateTime",
                id, userId, createdDateTime, startDateTime, verifier, usedDateTime);
        lifetimeProblem(lifetimeInMinutes).ifPresent(p -> {
            throw new IllegalArgumentException(p.toString());
        });
    }

    /** A pass not used yet. */
    public TemporaryAccessPass(String id, String userId, Instant createdDateTime, Instant startDateTime,
            int lifetimeInMinutes, boolean isUsableOnce, Optional<PassVerifier> verifier) {
        this(id, userId, createdDateTime, startDateTime, lifetimeInMinutes, isUsableOnce, verifier, Optional.empty());
    }

    /** What is wrong with a lifetime, by Graph's field name; empty when it is within Entra's bounds. */
    public static Optional<ValidationProblem> lifetimeProblem(long lifetimeInMinutes) {
        if (lifetimeInMinutes >= MIN_LIFETIME_IN_MINUTES && lifetimeInMinutes <= MAX_LIFETIME_IN_MINUTES) {
            return Optional.empty();
        }
        return Optional.of(new ValidationProblem("lifetimeInMinutes",
                "must be " + MIN_LIFETIME_IN_MINUTES + " to " + MAX_LIFETIME_IN_MINUTES + " minutes"));
    }

    /** The first instant at which the pass no longer works. */
    public Instant endDateTime() {
        return startDateTime.plus(Duration.ofMinutes(lifetimeInMinutes));
    }

    /**
     * Whether the pass works at {@code now}: from its start, up to (not including) its end, and a
     * one-time pass only until its use is known.
     */
    public Usability usability(Instant now) {
        if (isUsableOnce && usedDateTime.isPresent()) {
            return Usability.ONE_TIME_USED;
        }
        if (now.isBefore(startDateTime)) {
            return Usability.NOT_YET_VALID;
        }
        return now.isBefore(endDateTime()) ? Usability.ENABLED_BY_POLICY : Usability.EXPIRED;
    }

    public boolean isUsable(Instant now) {
        return usability(now) == Usability.ENABLED_BY_POLICY;
    }

    /** Whether the pass can no longer be used, now or later: a new pass may replace it. */
    public boolean spent(Instant now) {
        Usability usability = usability(now);
        return usability == Usability.EXPIRED || usability == Usability.ONE_TIME_USED;
    }

    /** The pass once a node reported a use: a one-time pass is spent, any other is unchanged. */
    public TemporaryAccessPass usedAt(Instant at) {
        return isUsableOnce && usedDateTime.isEmpty() ? new TemporaryAccessPass(id, userId, createdDateTime,
                startDateTime, lifetimeInMinutes, true, verifier, Optional.of(at)) : this;
    }

    /**
     * Whether a typed pass is this one and works now. A use the control plane has not learnt of yet is
     * not known here: the node that accepts a one-time pass claims it cluster-wide first.
     */
    public boolean accepts(String typed, Instant now) {
        return isUsable(now) && verifier.map(v -> v.matches(typed)).orElse(false);
    }

    /** What a node writes in a sign-in record's details when it accepted a pass: the control plane audits it. */
    public static String usedDetail(String id) {
        return USED + id;
    }

    /** The ids of the passes a sign-in record's details say were used. */
    public static List<String> usedIn(List<String> decisionDetails) {
        return decisionDetails.stream().filter(d -> d.startsWith(USED)).map(d -> d.substring(USED.length())).toList();
    }

    /** The pass as shown: without its verifier. */
    public TemporaryAccessPass shown() {
        return new TemporaryAccessPass(id, userId, createdDateTime, startDateTime, lifetimeInMinutes, isUsableOnce,
                Optional.empty(), usedDateTime);
    }
}
