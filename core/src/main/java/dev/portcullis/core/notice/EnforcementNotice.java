package dev.portcullis.core.notice;

import dev.portcullis.core.condition.ApplicationsCondition;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The notice a pilot group reads before a policy is enforced: from when, signing in to what, and
 * where to register an authenticator now. Plain text, the same for everyone: it names no policy,
 * condition or reason (those are for administrators).
 *
 * @param applications the applications as the policy includes them, in words
 */
public record EnforcementNotice(LocalDate from, String applications, URI accountConsole) {

    public EnforcementNotice {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(applications, "applications");
        Objects.requireNonNull(accountConsole, "accountConsole");
    }

    /** The notice for a policy's applications. */
    public static EnforcementNotice of(LocalDate from, ApplicationsCondition applications, URI accountConsole) {
        return new EnforcementNotice(from, describe(applications), accountConsole);
    }

    public Notice to(String email) {
        return new Notice(email, "From " + from + " you will be asked for MFA when you sign in",
                "From " + from + " the organisation will ask you for MFA when you sign in to " + applications
                        + "; register an authenticator now at " + accountConsole + "\n");
    }

    private static String describe(ApplicationsCondition applications) {
        List<String> names = new ArrayList<>();
        // Sorted: the same policy reads the same in every notice.
        for (String app : new java.util.TreeSet<>(applications.includeApplications())) {
            switch (app) {
                case ApplicationsCondition.ALL -> names.add("any application");
                case ApplicationsCondition.ADMIN_PORTALS -> names.add("the admin consoles");
                case ApplicationsCondition.NONE -> { }
                default -> names.add(app);
            }
        }
        if (!applications.includeUserActions().isEmpty()) {
            names.add("the registration of security info");
        }
        return names.isEmpty() ? "any application" : String.join(", ", names);
    }
}
