package dev.portcullis.core.migration;

import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.validation.ValidationProblem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What an import did, or in a dry run would do: per document of the bundle, the outcome and why;
 * and what the lockout guard would say once the imported policies are enabled as exported.
 *
 * @param changeSet the correlation id of the audit entries, when documents were stored
 * @param skipped files of a zip that are not JSON (a LICENSE, a README), read past
 */
public record ImportReport(boolean dryRun, Optional<String> changeSet, boolean directoryConnected,
        List<DocumentReport> documents, List<String> skipped, LockoutView lockoutGuard) {

    public ImportReport {
        documents = List.copyOf(documents);
        skipped = List.copyOf(skipped);
    }

    public enum Result {
        IMPORTED_AS_IS("importedAsIs"),
        IMPORTED_WITH_WARNINGS("importedWithWarnings"),
        REFUSED("refused");

        private final String graphName;

        Result(String graphName) {
            this.graphName = graphName;
        }

        public String graphName() {
            return graphName;
        }
    }

    /** The kind of document a bundle entry is. */
    public enum Kind {
        POLICY("policy"),
        TEMPLATE("template"),
        NAMED_LOCATION("namedLocation"),
        AUTHENTICATION_STRENGTH("authenticationStrength"),
        UNKNOWN("unknown");

        private final String graphName;

        Kind(String graphName) {
            this.graphName = graphName;
        }

        public String graphName() {
            return graphName;
        }
    }

    /**
     * One document of the bundle.
     *
     * @param index its position when its file holds several (a JSON array, Graph's {@code value})
     * @param stateInFile a policy's state as exported; every imported policy lands report-only
     * @param version the stored document's version (its ETag), when it was stored
     */
    public record DocumentReport(String file, OptionalInt index, Kind kind, String id, String displayName,
            Result result, Optional<PolicyState> stateInFile, Optional<PolicyState> state,
            List<ValidationProblem> errors, List<ValidationProblem> warnings, List<References.Mapped> mapped,
            List<References.Unresolved> unresolved, OptionalLong version) {

        public DocumentReport {
            Objects.requireNonNull(file, "file");
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
            mapped = List.copyOf(mapped);
            unresolved = List.copyOf(unresolved);
        }

        public DocumentReport stored(long storedVersion) {
            return new DocumentReport(file, index, kind, id, displayName, result, stateInFile, state, errors,
                    warnings, mapped, unresolved, OptionalLong.of(storedVersion));
        }
    }

    /**
     * The lockout guard's view of the import: the change as imported (report-only, so nothing can lock
     * anyone out) and as it would be with each policy enabled as the file had it.
     *
     * @param detail why it could not be checked, when it was not
     */
    public record LockoutView(boolean checked, String detail, List<String> asImported, List<String> whenEnabledAsExported) {
        public LockoutView {
            asImported = List.copyOf(asImported);
            whenEnabledAsExported = List.copyOf(whenEnabledAsExported);
        }
    }

    public long count(Result result) {
        return documents.stream().filter(d -> d.result() == result).count();
    }
}
