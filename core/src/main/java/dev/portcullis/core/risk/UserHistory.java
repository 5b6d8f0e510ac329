package dev.portcullis.core.risk;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/**
 * What the control plane remembers of one user: earlier successful sign-ins (oldest first), recent
 * failed MFA attempts and denied pushes, and the user's time zone for "usual hours".
 */
public record UserHistory(List<SignInFacts> successfulSignIns, List<Instant> failedMfa, ZoneId timeZone) {

    public UserHistory {
        successfulSignIns = successfulSignIns.stream().sorted(Comparator.comparing(SignInFacts::time)).toList();
        failedMfa = List.copyOf(failedMfa);
    }

    public static UserHistory empty(ZoneId timeZone) {
        return new UserHistory(List.of(), List.of(), timeZone);
    }
}
