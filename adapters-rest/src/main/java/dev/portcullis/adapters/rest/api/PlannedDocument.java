package dev.portcullis.adapters.rest.api;

import dev.portcullis.core.location.NamedLocation;
import dev.portcullis.core.method.AuthenticationStrength;
import dev.portcullis.core.migration.ImportReport.DocumentReport;
import dev.portcullis.core.migration.ImportReport.Kind;
import dev.portcullis.core.migration.ImportReport.Result;
import dev.portcullis.core.migration.References;
import dev.portcullis.core.policy.ConditionalAccessPolicy;
import dev.portcullis.core.policy.PolicyState;
import dev.portcullis.core.port.out.SaveChangeSetPort;
import dev.portcullis.core.validation.ValidationProblem;
import dev.portcullis.graphjson.ImportCodec;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A document of an import plan: its report, and what the plan would store for it (nothing when refused). */
record PlannedDocument(DocumentReport report, Optional<SaveChangeSetPort.Addition<?>> document,
        Optional<ConditionalAccessPolicy> policy, Optional<NamedLocation> location,
        Optional<AuthenticationStrength> strength) {

    /** The report of a document the plan imports. */
    static DocumentReport report(ImportCodec.BundleDocument document, Kind kind, String id, String name,
            List<References.Mapped> mapped, List<ValidationProblem> warnings, Optional<PolicyState> stateInFile,
            Optional<PolicyState> state, List<References.Unresolved> unresolved) {
        List<References.Unresolved> open = unresolved == null ? List.of() : unresolved;
        // Annotations and read-only fields carry no meaning: a document that lost nothing else is "as is".
        boolean asIs = open.isEmpty() && warnings.stream().allMatch(w -> w.message().startsWith("ignored: "));
        return new DocumentReport(document.file(), document.index(), kind, id, name,
                asIs ? Result.IMPORTED_AS_IS : Result.IMPORTED_WITH_WARNINGS, stateInFile, state, List.of(), warnings,
                mapped, open, OptionalLong.empty());
    }

    /** A document the plan refuses: reported, nothing stored. */
    static PlannedDocument refused(ImportCodec.BundleDocument document, Kind kind, String id, String name,
            List<ValidationProblem> errors, List<ValidationProblem> warnings) {
        return new PlannedDocument(new DocumentReport(document.file(), document.index(), kind, id, name, Result.REFUSED,
                Optional.empty(), Optional.empty(), errors, warnings, List.of(), List.of(), OptionalLong.empty()),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** An id stored already, or used earlier in the bundle. */
    static ValidationProblem idTaken(String noun) {
        return new ValidationProblem("id", "a " + noun + " with this id exists (stored, or earlier in the bundle):"
                + " delete it first, or leave the id out to import this one as a new " + noun);
    }
}
