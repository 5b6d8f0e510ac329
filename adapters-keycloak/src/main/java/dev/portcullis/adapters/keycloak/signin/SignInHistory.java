package dev.portcullis.adapters.keycloak.signin;

import dev.portcullis.core.risk.GeoPoint;
import dev.portcullis.core.risk.SignInFacts;
import dev.portcullis.core.risk.UserHistory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A user's recent successful sign-ins, kept compactly in one user attribute so every Keycloak
 * node scores risk from the same facts without calling anything during a login. At most one
 * entry per hour and country is written, so a busy user does not cost a database write per login.
 */
public final class SignInHistory {

    public static final String ATTRIBUTE = "portcullis.signInHistory";
    public static final String TIME_ZONE_ATTRIBUTE = "portcullis.timeZone";
    static final int MAX_ENTRIES = 60;

    private SignInHistory() {}

    public static List<SignInFacts> parse(List<String> entries) {
        List<SignInFacts> facts = new ArrayList<>();
        for (String entry : entries == null ? List.<String>of() : entries) {
            String[] f = entry.split("\\|", -1);
            try {
                Instant at = Instant.ofEpochSecond(Long.parseLong(f[0]));
                Optional<String> country = f.length > 1 && !f[1].isEmpty() ? Optional.of(f[1]) : Optional.empty();
                Optional<GeoPoint> position = f.length > 3 && !f[2].isEmpty()
                        ? Optional.of(new GeoPoint(Double.parseDouble(f[2]), Double.parseDouble(f[3])))
                        : Optional.empty();
                facts.add(new SignInFacts(at, Optional.empty(), country, position));
            } catch (RuntimeException ignored) {
                // a damaged entry is skipped: history is a hint for risk, never a grant
            }
        }
        return facts;
    }

    public static UserHistory history(List<String> entries, String timeZone) {
        ZoneId zone;
        try {
            zone = timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            zone = ZoneOffset.UTC;
        }
        return new UserHistory(parse(entries), List.of(), zone);
    }

    /** The entries after this sign-in, or empty when nothing worth a write changed. */
    public static Optional<List<String>> append(List<String> entries, SignInFacts signIn) {
        List<SignInFacts> facts = parse(entries);
        if (!facts.isEmpty()) {
            SignInFacts last = facts.get(facts.size() - 1);
            if (last.country().equals(signIn.country())
                    && Duration.between(last.time(), signIn.time()).compareTo(Duration.ofHours(1)) < 0) {
                return Optional.empty();
            }
        }
        List<String> updated = new ArrayList<>(entries == null ? List.of() : entries);
        updated.add(format(signIn));
        while (updated.size() > MAX_ENTRIES) {
            updated.remove(0);
        }
        return Optional.of(updated);
    }

    static String format(SignInFacts facts) {
        String position = facts.position().map(p -> String.format(Locale.ROOT, "%.3f|%.3f", p.latitude(), p.longitude()))
                .orElse("|");
        return facts.time().getEpochSecond() + "|" + facts.country().orElse("") + "|" + position;
    }
}
