package dev.portcullis.core.port.in;

import dev.portcullis.core.RecordComponents;
import dev.portcullis.core.validation.ValidationProblem;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Before a report-only policy is switched on: who it would have prompted or blocked (from the
 * sign-in log), and a plain e-mail notice to those it would prompt, through the realm's own mail
 * server, so the pilot group registers an authenticator before enforcement starts.
 */
public interface NotifyAffectedUsers {

    /** The most users one notice run reaches: a policy that would prompt more is not rolled out by e-mail. */
    int MAX_NOTICES = 1000;
    /** The most users one listing names; their directory entries are read one by one. */
    int MAX_LISTED = 100;

    /**
     * A user the policy would have prompted or blocked, with what the directory knows of them.
     *
     * @param username empty when the directory does not know the user (or could not be read)
     */
    record AffectedUser(String userId, Optional<String> username, Optional<String> email, int wouldPrompt,
            int wouldBlock) {
        public AffectedUser {
            RecordComponents.requireNonNull("userId username email", userId, username, email);
        }
    }

    /**
     * @param total distinct users affected over the period
     * @param listed the most recent of them, at most the {@code top} asked for
     * @param directoryRead false when the directory could not be read, so no names or addresses are given
     */
    record Listing(int total, List<AffectedUser> listed, boolean directoryRead) {
        public Listing {
            listed = List.copyOf(listed);
        }
    }

    /**
     * @param top how many to name, 1..{@link #MAX_LISTED}
     * @return empty when no such policy is stored; else the listing, or the period's problems
     */
    Optional<Checked<Listing>> affectedUsers(String policyId, Checked<ReadLogs.Period> period, int top);

    /**
     * @param enforcementDate the day the policy is switched on, as the notice tells it
     * @param dryRun say who would be told, and send nothing
     */
    record Request(ReadLogs.Period period, LocalDate enforcementDate, boolean dryRun) {
        public Request {
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(enforcementDate, "enforcementDate");
        }
    }

    /** @param request as the front end read it */
    record Command(String policyId, Checked<Request> request, String actor) {
        public Command {
            RecordComponents.requireNonNull("policyId request actor", policyId, request, actor);
        }
    }

    /**
     * What a notice run did, or would do.
     *
     * @param prompted distinct users the policy would have prompted over the period
     * @param told who was (or, in a dry run, would be) sent the notice
     * @param skippedNoEmail prompted users without an e-mail address in the directory (or unknown to it)
     * @param notReached prompted users beyond {@link #MAX_NOTICES}, left out
     */
    record Report(boolean dryRun, int prompted, List<AffectedUser> told, int sent, int skippedNoEmail, int failed,
            int notReached) {
        public Report {
            told = List.copyOf(told);
        }
    }

    /** The outcome of a notice run. */
    sealed interface Outcome {
        record NotFound(String what) implements Outcome {}

        record Invalid(List<ValidationProblem> errors) implements Outcome {}

        /** Nothing sent: the realm has no usable mail server; {@code detail} says what to configure. */
        record NoMailServer(String detail) implements Outcome {}

        /** Nothing sent: the directory, which holds the addresses, could not be read. */
        record DirectoryDown(String detail) implements Outcome {}

        record Done(Report report) implements Outcome {}
    }

    Outcome notify(Command command);
}
